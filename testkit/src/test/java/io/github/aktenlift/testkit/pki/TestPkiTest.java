package io.github.aktenlift.testkit.pki;

import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The test PKI")
class TestPkiTest {

    static TestPki pki;

    @BeforeAll
    static void build() {
        pki = TestPki.builder().sealKeyType(TestPki.KeyType.EC_P256).qualified(true).build();
    }

    @Nested
    @DisplayName("issues certificates")
    class Certificates {

        @Test
        @DisplayName("the TSA certificate carries id-kp-timeStamping as its only, critical extended key usage")
        void tsaEku() throws Exception {
            assertThat(pki.tsaCertificate().getCriticalExtensionOIDs()).contains("2.5.29.37");
            assertThat(pki.tsaCertificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
            pki.tsaCertificate().verify(pki.rootCertificate().getPublicKey());
        }

        @Test
        @DisplayName("the sealing certificate is for non-repudiation, issued by the root, and a qualified one names QCP-l-qscd")
        void seal() throws Exception {
            boolean[] ku = pki.sealingCertificate().getKeyUsage();
            assertThat(ku[0]).as("digitalSignature").isTrue();
            assertThat(ku[1]).as("nonRepudiation").isTrue();
            pki.sealingCertificate().verify(pki.rootCertificate().getPublicKey());
            assertThat(pki.sealingCertificate().getNonCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.3", "2.5.29.32");
            assertThat(pki.rootCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        }

        @Test
        @DisplayName("a PKCS#12 file holds the key with its chain")
        void pkcs12(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("seal.p12");
            pki.writePkcs12(file, "seal", TestPki.PASSWORD);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(file)) {
                ks.load(in, TestPki.PASSWORD.toCharArray());
            }
            assertThat(ks.getCertificateChain("seal")).containsExactly(pki.sealingCertificate(), pki.rootCertificate());
        }
    }

    @Test
    @DisplayName("a CRL lists a revoked certificate only after it was revoked, and every CRL verifies with the root")
    void crl() throws Exception {
        TestPki own = TestPki.builder().sealKeyType(TestPki.KeyType.EC_P256).build();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509CRL before = (X509CRL) cf.generateCRL(new ByteArrayInputStream(own.crl()));
        own.revoke(own.sealingCertificate());
        X509CRL after = (X509CRL) cf.generateCRL(new ByteArrayInputStream(own.crl()));
        before.verify(own.rootCertificate().getPublicKey());
        after.verify(own.rootCertificate().getPublicKey());
        assertThat(before.isRevoked(own.sealingCertificate())).isFalse();
        assertThat(after.isRevoked(own.sealingCertificate())).isTrue();
        assertThat(after.isRevoked(own.tsaCertificate())).isFalse();
    }

    @Test
    @DisplayName("the in-process authority grants a token that verifies with the TSA certificate")
    void grants() throws Exception {
        try (TestTimestampServer tsa = TestTimestampServer.start(pki)) {
            TimeStampRequestGenerator g = new TimeStampRequestGenerator();
            g.setCertReq(true);
            var req = g.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.TEN);
            TimeStampResponse resp = new TimeStampResponse(tsa.respond(req.getEncoded()));
            resp.validate(req);
            resp.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsaCertificate()));
            assertThat(resp.getTimeStampToken().getTimeStampInfo().getPolicy().getId()).isEqualTo(TestTimestampServer.POLICY);
            assertThat(tsa.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(tsa.chain()).isEqualTo(List.of(pki.tsaCertificate(), pki.rootCertificate()));
        }
    }
}
