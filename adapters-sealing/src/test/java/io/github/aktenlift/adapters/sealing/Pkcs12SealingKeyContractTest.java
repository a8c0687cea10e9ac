package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.contract.SealingKeyContract;
import io.github.aktenlift.testkit.pki.TestPki;
import org.junit.jupiter.api.Nested;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** PKCS#12 keys, RSA and EC, opened by URI through the SPI, pass the sealing key contract. */
class Pkcs12SealingKeyContractTest {

    private static final Path EC_P12 = Fixtures.DIR.resolve("seal-ec.p12");

    static {
        TestPki.builder().name("EC").sealKeyType(TestPki.KeyType.EC_P256).build().writePkcs12(EC_P12, "seal", TestPki.PASSWORD);
    }

    private static SealingKey open(Path file, String query, String password) {
        return Providers.sealingKey(URI.create("pkcs12:" + file.toUri().getPath() + query),
                Map.of(SealingSettings.PKCS12_PASSWORD, password));
    }

    @Nested
    class Rsa extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return open(Fixtures.P12, "?alias=seal", TestPki.PASSWORD);
        }

        @Override
        protected SealingKey openWithWrongSecret(String wrongSecret) {
            return open(Fixtures.P12, "?alias=seal", wrongSecret);
        }

        @Override
        protected SealingKey openMissing() {
            return open(Fixtures.P12, "?alias=nothing", TestPki.PASSWORD);
        }
    }

    @Nested
    class Ec extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return open(EC_P12, "", TestPki.PASSWORD);
        }

        @Override
        protected SealingKey openWithWrongSecret(String wrongSecret) {
            return open(EC_P12, "", wrongSecret);
        }

        @Override
        protected SealingKey openMissing() {
            return open(EC_P12.resolveSibling("no-such-key.p12"), "", TestPki.PASSWORD);
        }
    }
}
