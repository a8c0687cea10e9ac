package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Transfer notes and evidence renewal")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalAndTransferNoteTest {

    @TempDir
    static Path dir;

    SealingKey key;

    @BeforeAll
    void open() {
        key = Fixtures.key();
    }

    @AfterAll
    void close() {
        key.close();
    }

    @Nested
    @DisplayName("a rendition with its transfer note embedded")
    class TransferNote {

        @Test
        @DisplayName("stays PDF/A-2b, carries the note as an associated file, and seals to a B-LTA that DSS passes")
        void embedThenSeal() throws IOException {
            Path rendition = TestPdfs.rendition(dir.resolve("doc.pdf"), 1, 11);
            Path protocol = TestPdfs.rendition(dir.resolve("protokoll.pdf"), 1, 12);
            Path withNote = dir.resolve("doc-with-note.pdf");
            PdfAttachments.embed(rendition, protocol, "scanprotokoll.pdf", "Transfervermerk", withNote);
            PdfAssertions.assertPdfA2b(withNote);
            assertThat(PdfAttachments.list(withNote)).containsExactly("scanprotokoll.pdf");
            assertThat(new String(Files.readAllBytes(withNote), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .contains("/AFRelationship /Supplement").contains("/AF [");

            Path sealed = dir.resolve("doc-sealed.pdf");
            PadesSealer.builder(key).level(PadesLevel.B_LTA).timestampAuthority(Fixtures.tsa()).build().seal(withNote, sealed);
            PdfAssertions.assertPdfA2b(sealed);
            Dss.Verdict v = Dss.validate(sealed, Fixtures.PKI.rootCertificate()).only();
            assertThat(v.format()).isEqualTo("PAdES-BASELINE-LTA");
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");

            Path out = dir.resolve("extracted.pdf");
            PdfAttachments.extract(sealed, "scanprotokoll.pdf", out);
            assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(protocol));
        }

        @Test
        @DisplayName("an embedded file that is not PDF/A is caught by veraPDF (the check fires)")
        void nonPdfaAttachmentCaught() throws IOException {
            Path rendition = TestPdfs.rendition(dir.resolve("doc2.pdf"), 1, 13);
            Path notPdfa = Files.writeString(dir.resolve("plain.pdf"), "%PDF-1.4\nnot really\n");
            Path withNote = dir.resolve("doc2-with-note.pdf");
            PdfAttachments.embed(rendition, notPdfa, "plain.pdf", "Anlage", withNote);
            assertThat(PdfAssertions.failures(withNote)).contains("6.8");
        }
    }

    @Nested
    @DisplayName("renewing a sealed rendition")
    class Renewal {

        @Test
        @DisplayName("writes a new B-LTA file beside the old one, which stays byte for byte, and renews again on top")
        void renew() throws IOException {
            Path rendition = TestPdfs.rendition(dir.resolve("old.pdf"), 1, 21);
            Path lt = dir.resolve("old-lt.pdf");
            PadesSealer.builder(key).level(PadesLevel.B_LT).timestampAuthority(Fixtures.tsa()).build().seal(rendition, lt);
            byte[] before = Files.readAllBytes(lt);

            DocumentTimestamper renewer = new DocumentTimestamper(Fixtures.tsa(), DigestAlgorithm.SHA512);
            RevocationData crl = RevocationData.ofCrls(List.of(Fixtures.PKI.crl()));
            SealedFile v2 = renewer.renew(lt, dir.resolve("old-lta-v2.pdf"), crl);
            SealedFile v3 = renewer.renew(v2.file(), dir.resolve("old-lta-v3.pdf"), crl);

            assertThat(Files.readAllBytes(lt)).isEqualTo(before);
            assertThat(Arrays.copyOf(Files.readAllBytes(v3.file()), before.length)).isEqualTo(before);
            assertThat(v2.sha256()).isNotEqualTo(v3.sha256());
            for (SealedFile f : List.of(v2, v3)) {
                Dss.Result r = Dss.validate(f.file(), Fixtures.PKI.rootCertificate());
                assertThat(r.only().format()).isEqualTo("PAdES-BASELINE-LTA");
                assertThat(r.only().indication()).as("%s", r.only()).isEqualTo("TOTAL_PASSED");
                PdfAssertions.assertPdfA2b(f.file());
                assertThat(new SealVerifier(List.of(Fixtures.PKI.rootCertificate())).verifyPdf(f.file()).passed()).isTrue();
            }
            assertThat(Dss.validate(v3.file(), Fixtures.PKI.rootCertificate()).timestamps()
                    .stream().filter(t -> t.format().equals("DOCUMENT_TIMESTAMP"))).hasSize(2);
            assertThatThrownBy(() -> renewer.renew(lt, v2.file(), crl)).isInstanceOf(SealingFailedException.class)
                    .hasMessageContaining("never overwrite");
        }
    }
}
