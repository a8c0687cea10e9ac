package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.pki.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Opening a PKCS#12 key")
class Pkcs12StartupTest {

    @TempDir
    Path dir;

    private static SealingKey open(Path file, String query, Map<String, String> settings) {
        return Providers.sealingKey(URI.create("pkcs12:" + file.toUri().getPath() + query), settings);
    }

    private static Map<String, String> password() {
        return Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD);
    }

    @Test
    @DisplayName("finds the provider by scheme and names the key by file and alias, never by password")
    void opens() {
        try (SealingKey key = open(Fixtures.P12, "?alias=seal", password())) {
            assertThat(key.id()).isEqualTo("pkcs12:seal.p12#seal").doesNotContain(TestPki.PASSWORD);
            assertThat(key.qualified()).isFalse();
            assertThat(key.certificateChain()).containsExactly(Fixtures.PKI.sealingCertificate(), Fixtures.PKI.rootCertificate());
        }
    }

    @Test
    @DisplayName("a missing password, a wrong password, a missing file or alias is a start-up error naming what is wrong")
    void failsFast() {
        assertThatThrownBy(() -> open(Fixtures.P12, "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SealingSettings.PKCS12_PASSWORD);
        assertThatThrownBy(() -> open(Fixtures.P12, "", Map.of(SealingSettings.PKCS12_PASSWORD, "Not-This-0ne")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password").hasMessageNotContaining("Not-This-0ne");
        assertThatThrownBy(() -> open(dir.resolve("none.p12"), "", password()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> open(Fixtures.P12, "?alias=other", password()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> open(Fixtures.P12, "?colour=blue", password()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }

    @Test
    @DisplayName("a private key that does not belong to its certificate is refused at start-up, not found out by a broken seal")
    void wrongKey() throws Exception {
        TestPki other = TestPki.builder().name("Other").build();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("seal", other.sealingKey(), TestPki.PASSWORD.toCharArray(),
                new Certificate[] {Fixtures.PKI.sealingCertificate(), Fixtures.PKI.rootCertificate()});
        Path file = dir.resolve("mismatch.p12");
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            ks.store(out, TestPki.PASSWORD.toCharArray());
        }
        assertThatThrownBy(() -> open(file, "", password()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong to its certificate");
    }

    @Test
    @DisplayName("CRL files named in the settings are the key's revocation data, and the operator may declare it qualified")
    void crlsAndQualified() throws Exception {
        Path crl = java.nio.file.Files.write(dir.resolve("root.crl"), Fixtures.PKI.crl());
        try (SealingKey key = open(Fixtures.P12, "", Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD,
                SealingSettings.PKCS12_CRLS, crl.toString(), SealingSettings.PKCS12_QUALIFIED, "true"))) {
            assertThat(key.revocationData().crls()).hasSize(1);
            assertThat(key.qualified()).isTrue();
        }
        assertThatThrownBy(() -> open(Fixtures.P12, "", Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD,
                SealingSettings.PKCS12_CRLS, dir.resolve("missing.crl").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SealingSettings.PKCS12_CRLS);
    }
}
