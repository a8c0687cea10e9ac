package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.testkit.contract.SealingKeyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The test keys of this module that wrap a real key pass the sealing key contract too. */
@DisplayName("The wrapping test keys")
class WrappingKeysContractTest {

    @Nested
    @DisplayName("CountingKey passes the sealing key contract")
    class Counting extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return new CountingKey(PadesContract.pkcs12());
        }

        /** Not run: opening is the wrapped PKCS#12 key's business, which Pkcs12SealingKeyContractTest holds to it. */
        @Override
        protected void refusedAtStartUp() {
        }
    }

    @Nested
    @DisplayName("RevocationFromFixtures passes the sealing key contract")
    class Revocation extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return new RevocationFromFixtures(PadesContract.pkcs12());
        }

        /** Not run: as for CountingKey. */
        @Override
        protected void refusedAtStartUp() {
        }
    }
}
