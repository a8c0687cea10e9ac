package io.github.aktenlift.pdfa;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The seal's placeholder written after a PDF")
class SealPlaceholderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");

    @TempDir
    Path dir;

    private static byte[] report(String title) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPdf.render(title, List.of(new ReportPdf.Section("Übergabe", List.of(new ReportPdf.Row("Aktenzeichen",
                "32.1-AZ-2019/0815")))), NOW, out);
        return out.toByteArray();
    }

    private static MessageDigest sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    @Test
    @DisplayName("follows the untouched PDF as an incremental update that PDFBox reads: the embedded note, one signature"
            + " whose byte range is the whole file but /Contents, and whose digest was taken on the way")
    void appends() throws Exception {
        byte[] original = report("Scanprotokoll");
        byte[] note = report("Transfervermerk");
        Path file = dir.resolve("p.pdf");
        SealPlaceholder.Placeholder p;
        try (ByteRangeOutput out = new ByteRangeOutput(Files.newOutputStream(file), sha256())) {
            out.write(original);
            p = SealPlaceholder.append(out, Revision.of(original), Optional.of(SealPlaceholder.Note.of(note, NOW)),
                    new SealPlaceholder.Signature(NOW, Optional.of("Ersetzendes Scannen"), 8192));
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, original.length)).as("the original bytes stay as they were").isEqualTo(original);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(1);
            PDSignature sig = signatures.get(0);
            assertThat(sig.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(sig.getReason()).isEqualTo("Ersetzendes Scannen");
            int[] range = sig.getByteRange();
            assertThat(range[0]).isZero();
            assertThat(range[1]).isEqualTo(p.contentsStart() - 1);
            assertThat((long) range[2] + range[3]).isEqualTo(bytes.length);
            assertThat(range[2] - range[1]).isEqualTo(p.contentsLength() + 2);
            MessageDigest md = sha256();
            md.update(bytes, 0, range[1]);
            md.update(bytes, range[2], range[3]);
            assertThat(p.digest()).as("the digest taken on the way is the byte range's").isEqualTo(md.digest());
            var files = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertThat(files).containsOnlyKeys(TransferNote.FILE_NAME);
            try (var in = files.get(TransferNote.FILE_NAME).getEmbeddedFile().createInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(note);
            }
        }
        // veraPDF judges the filled seals (SealedCaptureTest): zeros are no PKCS#7 object yet (rule 6.4.3)

        byte[] cms = "a signature".getBytes(StandardCharsets.US_ASCII);
        SealPlaceholder.fill(file, p, cms);
        byte[] filled = Files.readAllBytes(file);
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(cms);
        assertThat(new String(filled, (int) p.contentsStart(), hex.length(), StandardCharsets.US_ASCII)).isEqualTo(hex);
        MessageDigest md = sha256();
        md.update(filled, 0, (int) p.contentsStart() - 1);
        md.update(filled, (int) (p.contentsStart() + p.contentsLength() + 1),
                (int) (filled.length - p.contentsStart() - p.contentsLength() - 1));
        assertThat(md.digest()).as("filling changes nothing the byte range covers").isEqualTo(p.digest());
        assertThatThrownBy(() -> SealPlaceholder.fill(file, p, new byte[8193])).isInstanceOf(IOException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    @DisplayName("continues a digest taken in an earlier sitting, on a stream that appends to the same file")
    void resumes() throws Exception {
        byte[] original = report("Rendition");
        Path file = dir.resolve("r.pdf");
        ByteRangeOutput.State state;
        try (ByteRangeOutput out = new ByteRangeOutput(Files.newOutputStream(file), sha256())) {
            out.write(original);
            state = out.state();
        }
        SealPlaceholder.Placeholder p;
        try (OutputStream append = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND);
             ByteRangeOutput out = ByteRangeOutput.resume(append, state)) {
            p = SealPlaceholder.append(out, Revision.of(original), Optional.empty(),
                    new SealPlaceholder.Signature(NOW, Optional.empty(), 4096));
        }
        byte[] bytes = Files.readAllBytes(file);
        MessageDigest md = sha256();
        md.update(bytes, 0, (int) p.contentsStart() - 1);
        int after = (int) (p.contentsStart() + p.contentsLength() + 1);
        md.update(bytes, after, bytes.length - after);
        assertThat(p.digest()).isEqualTo(md.digest());
    }

    @Test
    @DisplayName("refuses a stream not at the PDF's end, a catalog with a form already, and PDFs that are not one"
            + " simple revision")
    void refuses() throws Exception {
        byte[] original = report("Scanprotokoll");
        Revision r = Revision.of(original);
        SealPlaceholder.Signature sig = new SealPlaceholder.Signature(NOW, Optional.empty(), 4096);
        ByteRangeOutput elsewhere = new ByteRangeOutput(OutputStream.nullOutputStream(), sha256());
        assertThatThrownBy(() -> SealPlaceholder.append(elsewhere, r, Optional.empty(), sig))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ends at " + original.length);
        Revision withForm = new Revision(r.length(), r.size(), r.xref(), r.catalog(),
                r.catalogBody().replace("/Type", "/AcroForm << >> /Type"), r.info(), r.id());
        ByteRangeOutput atEnd = new ByteRangeOutput(OutputStream.nullOutputStream(), sha256());
        atEnd.write(original);
        assertThatThrownBy(() -> SealPlaceholder.append(atEnd, withForm, Optional.empty(), sig))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/AcroForm");

        assertThatThrownBy(() -> Revision.of("not a PDF".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("startxref");
        ByteArrayOutputStream updated = new ByteArrayOutputStream();
        try (ByteRangeOutput out = new ByteRangeOutput(updated, sha256())) {
            out.write(original);
            SealPlaceholder.append(out, r, Optional.empty(), sig);
        }
        assertThatThrownBy(() -> Revision.of(updated.toByteArray())).isInstanceOf(IOException.class)
                .hasMessageContaining("updated already");
    }
}
