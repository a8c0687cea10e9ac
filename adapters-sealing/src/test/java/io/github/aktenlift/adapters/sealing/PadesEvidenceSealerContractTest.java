package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The PAdES sealer passes the evidence sealer contract with the testkit's in-process key (the
 * contract's default) and with the PKCS#12 key opened by URI; {@link Pkcs11SealingKeyTest} runs it
 * with the SoftHSM token.
 */
@DisplayName("The PAdES evidence sealer passes the evidence sealer contract")
class PadesEvidenceSealerContractTest {

    @Nested
    @DisplayName("with the testkit's in-process key")
    class InProcess extends PadesContract {
    }

    @Nested
    @DisplayName("with a PKCS#12 key opened by URI")
    class Pkcs12 extends PadesContract {
        @Override
        protected SealingKey createKey() {
            return pkcs12();
        }
    }
}
