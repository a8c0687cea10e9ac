package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("One byte changed in a sealed PDF")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperTest {

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

    @ParameterizedTest(name = "{0}")
    @EnumSource(PadesLevel.class)
    @DisplayName("in a page image: DSS reports the seal broken, and so does our verifier")
    void inPageImage(PadesLevel level) throws IOException {
        Path sealed = seal(level, "image");
        byte[] b = Files.readAllBytes(sealed);
        int jfif = indexOf(b, "JFIF".getBytes(StandardCharsets.US_ASCII));
        assertThat(jfif).as("the rendition has a JPEG page").isPositive();
        Path tampered = flip(sealed, b, jfif + 200);

        Dss.Result dss = Dss.validate(tampered, Fixtures.PKI.rootCertificate(), Fixtures.PKI.crl());
        Dss.Verdict v = dss.only();
        assertThat(v.intact()).as("%s", v).isFalse();
        assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_FAILED");

        VerificationReport ours = verifier().verifyPdf(tampered);
        assertThat(ours.broken()).as("%s", ours).isTrue();
        assertThat(ours.passed()).isFalse();
        assertThat(ours.checks().get(0).findings()).contains("the covered bytes differ from what was signed");
        if (level == PadesLevel.B_LTA) {
            assertThat(ours.checks().get(1).imprint()).isEqualTo(Check.FAILED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PadesLevel.class, names = {"B_B", "B_LT"})
    @DisplayName("in the signature value inside /Contents: DSS reports the seal invalid, and our verifier reports it broken")
    void inSignatureValue(PadesLevel level) throws Exception {
        Path sealed = seal(level, "value");
        byte[] b = Files.readAllBytes(sealed);
        int hexStart = indexOf(b, "/Contents <".getBytes(StandardCharsets.US_ASCII)) + "/Contents <".length();
        byte[] cms;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(sealed.toFile())) {
            cms = doc.getSignatureDictionaries().get(0).getContents();
        }
        byte[] value = new org.bouncycastle.cms.CMSSignedData(new java.io.ByteArrayInputStream(cms))
                .getSignerInfos().getSigners().iterator().next().getSignature();
        int at = indexOf(cms, value);
        assertThat(at).isPositive();
        Path tampered = flip(sealed, b, hexStart + 2 * (at + value.length / 2));

        Dss.Result dss = Dss.validate(tampered, Fixtures.PKI.rootCertificate(), Fixtures.PKI.crl());
        Dss.Verdict v = dss.only();
        assertThat(v.valid()).as("%s", v).isFalse();
        assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_FAILED");

        VerificationReport ours = verifier().verifyPdf(tampered);
        assertThat(ours.broken()).as("%s", ours).isTrue();
        assertThat(ours.checks().get(0).findings()).contains("the signature value does not verify");
        if (level == PadesLevel.B_LT) {
            assertThat(ours.checks().get(0).timestamps().get(0).imprint()).isEqualTo(Check.FAILED);
        }
    }

    private Path seal(PadesLevel level, String name) {
        Path src = TestPdfs.rendition(dir.resolve(name + "-" + level + ".pdf"), 1, level.ordinal());
        Path out = dir.resolve(name + "-" + level + "-sealed.pdf");
        PadesSealer.builder(key).level(level).timestampAuthority(Fixtures.tsa()).build().seal(src, out);
        assertThat(verifier().verifyPdf(out).passed()).as("the untouched seal passes").isTrue();
        return out;
    }

    private static SealVerifier verifier() {
        return new SealVerifier(List.of(Fixtures.PKI.rootCertificate()), List.of(Fixtures.PKI.crl()));
    }

    private static Path flip(Path sealed, byte[] b, int at) throws IOException {
        byte[] copy = b.clone();
        boolean hexDigit = (copy[at] >= '0' && copy[at] <= '9') || (copy[at] >= 'A' && copy[at] <= 'F');
        // a hex digit stays a hex digit (so the PDF still parses and only the value changes)
        copy[at] = (byte) (hexDigit ? (copy[at] == '0' ? '1' : '0') : copy[at] ^ 0x01);
        if (copy[at] == b[at]) {
            throw new AssertionError("nothing flipped");
        }
        Path t = sealed.resolveSibling("tampered-" + sealed.getFileName());
        Files.write(t, copy);
        return t;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
