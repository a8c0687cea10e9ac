package io.github.aktenlift.testkit.pki;

import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import io.github.aktenlift.testkit.contract.SealingKeyContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("The testkit's in-process sealing key")
class TestSealingKeyContractTest {

    private static final TestPki RSA = TestPki.create();
    private static final TestPki EC = TestPki.builder().name("EC").sealKeyType(TestPki.KeyType.EC_P256).build();

    @Nested
    @DisplayName("passes the sealing key contract with RSA")
    class Rsa extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return TestSealingKey.of(RSA);
        }

        /** Not run: an in-process key has no secret and is not opened from anywhere, so nothing can be wrong at start-up. */
        @Override
        protected void refusedAtStartUp() {
        }
    }

    @Nested
    @DisplayName("passes the sealing key contract with EC")
    class Ec extends SealingKeyContract {
        @Override
        protected SealingKey createKey() {
            return TestSealingKey.withRevocationData(EC);
        }

        /** Not run: as for RSA. */
        @Override
        protected void refusedAtStartUp() {
        }
    }

    @Test
    @DisplayName("counts its calls and digests, fails as told with the reason told, and signs again once recovered")
    void failsOnDemand() {
        TestSealingKey key = TestSealingKey.of(EC);
        SignatureAlgorithm a = SignatureAlgorithm.ECDSA_SHA256;
        assertThat(key.sign(a, List.of(new byte[32], new byte[32]))).hasSize(2);
        key.failWith(SealingException.Reason.REFUSED);
        SealingException e = catchThrowableOfType(SealingException.class, () -> key.sign(a, new byte[32]));
        assertThat(e.reason()).isEqualTo(SealingException.Reason.REFUSED);
        assertThat(e.keyId()).isEqualTo(key.id());
        key.recover();
        assertThat(key.sign(a, new byte[32])).isNotEmpty();
        assertThat(key.calls()).isEqualTo(3);
        assertThat(key.digestsSigned()).isEqualTo(3);
        assertThat(TestSealingKey.withRevocationData(EC).revocationData().crls()).hasSize(1);
        assertThat(TestSealingKey.of(RSA).revocationData().isEmpty()).isTrue();
    }
}
