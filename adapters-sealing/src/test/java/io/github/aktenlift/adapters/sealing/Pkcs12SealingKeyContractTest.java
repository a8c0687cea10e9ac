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

    @Nested
    class Rsa extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return Providers.sealingKey(URI.create("pkcs12:" + Fixtures.P12.toUri().getPath() + "?alias=seal"),
                    Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD));
        }
    }

    @Nested
    class Ec extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return Providers.sealingKey(URI.create("pkcs12:" + EC_P12.toUri().getPath()),
                    Map.of(SealingSettings.PKCS12_PASSWORD, TestPki.PASSWORD));
        }
    }
}
