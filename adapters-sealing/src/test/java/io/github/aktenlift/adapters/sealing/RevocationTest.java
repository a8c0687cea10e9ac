package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.pki.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A seal whose certificate was revoked before sealing")
class RevocationTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("is intact, yet DSS does not pass it and our verifier fails its chain on the embedded CRL")
    void revoked() {
        TestPki pki = TestPki.builder().name("Revoked").sealKeyType(TestPki.KeyType.EC_P256).build();
        Path p12 = dir.resolve("revoked.p12");
        pki.writePkcs12(p12, "seal", TestPki.PASSWORD);
        pki.revoke(pki.sealingCertificate());
        Path out = dir.resolve("sealed.pdf");
        try (SealingKey key = Pkcs12SealingKeyProvider.open(p12, "seal", TestPki.PASSWORD.toCharArray(),
                TestPki.PASSWORD.toCharArray(), () -> RevocationData.ofCrls(List.of(pki.crl())), false)) {
            PadesSealer.builder(key).level(PadesLevel.B_LT).timestampAuthority(Fixtures.tsa()).build()
                    .seal(TestPdfs.rendition(dir.resolve("r.pdf"), 1, 3), out);
        }
        Dss.Verdict v = Dss.validate(out, pki.rootCertificate()).only();
        assertThat(v.intact()).as("%s", v).isTrue();
        assertThat(v.indication()).as("%s", v).isNotEqualTo("TOTAL_PASSED");
        assertThat(v.subIndication()).as("%s", v).contains("REVOKED");

        VerificationReport ours = new SealVerifier(List.of(pki.rootCertificate())).verifyPdf(out);
        assertThat(ours.broken()).isFalse();
        assertThat(ours.passed()).isFalse();
        assertThat(ours.checks().get(0).chain()).isEqualTo(Check.FAILED);
        assertThat(String.join(" ", ours.checks().get(0).findings())).containsIgnoringCase("revoked");
    }
}
