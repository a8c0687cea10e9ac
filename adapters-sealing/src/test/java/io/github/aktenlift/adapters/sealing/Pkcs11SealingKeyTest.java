package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.contract.SealingKeyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A sealing key on a PKCS#11 token (SoftHSM2 through SunPKCS11)")
class Pkcs11SealingKeyTest {

    private static SealingKey open(String uri, String pin) {
        return Providers.sealingKey(URI.create(uri), Map.of(SealingSettings.PKCS11_PIN, pin));
    }

    @Nested
    @DisplayName("passes the sealing key contract")
    class Contract extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return open(SoftHsm.token().uri(), SoftHsm.PIN);
        }

        @Override
        protected SealingKey openWithWrongSecret(String wrongSecret) {
            return open(SoftHsm.token().uri(), wrongSecret);
        }

        @Override
        protected SealingKey openMissing() {
            return open(SoftHsm.token().uri().replace("object=seal", "object=nothing"), SoftHsm.PIN);
        }
    }

    @Nested
    @DisplayName("passes the evidence sealer contract behind the PAdES sealer")
    class Sealer extends PadesContract {
        @Override
        protected SealingKey createKey() {
            return open(SoftHsm.token().uri(), SoftHsm.PIN);
        }
    }

    @Test
    @DisplayName("seals a PDF to a B-LT that DSS passes")
    void seals(@TempDir Path dir) {
        try (SealingKey key = open(SoftHsm.token().uri(), SoftHsm.PIN)) {
            assertThat(key.id()).startsWith("pkcs11:object=seal;slot-id=");
            Path src = TestPdfs.rendition(dir.resolve("r.pdf"), 1, 5);
            Path out = dir.resolve("r-sealed.pdf");
            PadesSealer.builder(new RevocationFromFixtures(key)).level(PadesLevel.B_LT)
                    .timestampAuthority(Fixtures.tsa()).build().seal(src, out);
            Dss.Verdict v = Dss.validate(out, Fixtures.PKI.rootCertificate()).only();
            assertThat(v.format()).isEqualTo("PAdES-BASELINE-LT");
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
        }
    }

    @Test
    @DisplayName("a wrong PIN, a missing label and a PIN in the URI are start-up errors")
    void failsFast() {
        SoftHsm.Token token = SoftHsm.token();
        assertThatThrownBy(() -> open(token.uri(), "0000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PIN").hasMessageNotContaining("0000");
        assertThatThrownBy(() -> open(token.uri().replace("object=seal", "object=nothing"), SoftHsm.PIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nothing'");
        assertThatThrownBy(() -> open(token.uri() + "&pin-value=1234", SoftHsm.PIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pin-value");
    }
}
