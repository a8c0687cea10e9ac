package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link SealingKey} must pass. Extend it and open the key under test:
 *
 * <pre>{@code
 * class Pkcs12SealingKeyContractTest extends SealingKeyContract {
 *     protected SealingKey createKey() { return Providers.sealingKey(uri, settings); }
 * }
 * }</pre>
 *
 * <p>Signatures are checked with the JDK against the certificate's public key: the key signs
 * {@code H(m)}, the JDK verifies {@code m}, so a key that signs anything but the PKCS#1 or ECDSA
 * value over the given digest fails.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class SealingKeyContract {

    /** The key under test, fresh for each test and closed after it. */
    protected SealingKey key;

    /** Creates the suite. */
    protected SealingKeyContract() {
    }

    /**
     * @return a new, open key
     * @throws Exception if it cannot be opened
     */
    protected abstract SealingKey createKey() throws Exception;

    /**
     * Opens the same key as {@link #createKey()} with a wrong secret (password, PIN, credential).
     * Override it for every key that has a secret; a key without one (in-process test keys)
     * overrides {@link #refusedAtStartUp()} instead, saying why.
     *
     * @param wrongSecret the secret to use, which is not the key's
     * @return never, if the provider keeps its contract: it must throw
     * @throws Exception the provider's start-up error
     * @since 0.2
     */
    protected SealingKey openWithWrongSecret(String wrongSecret) throws Exception {
        throw new UnsupportedOperationException("override openWithWrongSecret, or override refusedAtStartUp saying why not");
    }

    /**
     * Opens a key that is not there (another alias or label, a file that does not exist) with the
     * right secret. Override it as {@link #openWithWrongSecret}.
     *
     * @return never, if the provider keeps its contract: it must throw
     * @throws Exception the provider's start-up error
     * @since 0.2
     */
    protected SealingKey openMissing() throws Exception {
        throw new UnsupportedOperationException("override openMissing, or override refusedAtStartUp saying why not");
    }

    @BeforeEach
    void open() throws Exception {
        key = createKey();
    }

    @AfterEach
    void close() {
        if (key != null) {
            key.close();
        }
    }

    @Test
    @DisplayName("the key names a chain that starts with a certificate for its own public key, and at least one algorithm")
    void describesItself() {
        assertThat(key.id()).isNotBlank();
        List<X509Certificate> chain = key.certificateChain();
        assertThat(chain).isNotEmpty().doesNotContainNull();
        assertThat(key.algorithms()).isNotEmpty();
        for (SignatureAlgorithm a : key.algorithms()) {
            assertThat(a.keyAlgorithm()).as("algorithm %s fits the key", a)
                    .isEqualTo(chain.get(0).getPublicKey().getAlgorithm());
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            assertThat(chain.get(i).getIssuerX500Principal()).as("certificate %d is issued by the next", i)
                    .isEqualTo(chain.get(i + 1).getSubjectX500Principal());
        }
    }

    @Test
    @DisplayName("what the key says about itself stays the same for its lifetime")
    void stable() {
        assertThat(key.id()).isEqualTo(key.id());
        assertThat(key.certificateChain()).isEqualTo(key.certificateChain());
        assertThat(key.algorithms()).isEqualTo(key.algorithms());
        assertThat(key.qualified()).isEqualTo(key.qualified());
    }

    @Test
    @DisplayName("every offered algorithm signs a digest so that the certificate's key verifies the message")
    void signsEveryAlgorithm() throws Exception {
        for (SignatureAlgorithm a : key.algorithms()) {
            byte[] message = ("a sealed scan product under " + a).getBytes(StandardCharsets.UTF_8);
            byte[] value = key.sign(a, digest(a, message));
            assertThat(verifies(a, message, value)).as("signature with %s verifies", a).isTrue();
            byte[] other = "another message".getBytes(StandardCharsets.UTF_8);
            assertThat(verifies(a, other, value)).as("signature with %s does not verify another message", a).isFalse();
        }
    }

    @Test
    @DisplayName("a batch yields one verifying signature per digest, in order")
    void batch() throws Exception {
        SignatureAlgorithm a = key.algorithms().iterator().next();
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            byte[] m = ("product " + i).getBytes(StandardCharsets.UTF_8);
            messages.add(m);
            digests.add(digest(a, m));
        }
        List<byte[]> values = key.sign(a, digests);
        assertThat(values).hasSize(digests.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(verifies(a, messages.get(i), values.get(i))).as("signature %d", i).isTrue();
        }
    }

    @Test
    @DisplayName("a digest of the wrong length, an empty batch and an algorithm the key does not offer are refused as arguments")
    void refusesBadArguments() {
        SignatureAlgorithm a = key.algorithms().iterator().next();
        assertThatThrownBy(() -> key.sign(a, new byte[a.digest().length() - 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.sign(a, List.of())).isInstanceOf(IllegalArgumentException.class);
        Set<SignatureAlgorithm> others = EnumSet.complementOf(EnumSet.copyOf(key.algorithms()));
        for (SignatureAlgorithm o : others) {
            assertThatThrownBy(() -> key.sign(o, new byte[o.digest().length()]))
                    .as("%s is not offered", o).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent callers all get verifying signatures")
    void concurrent() throws Exception {
        SignatureAlgorithm a = key.algorithms().iterator().next();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                byte[] m = ("concurrent " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> verifies(a, m, key.sign(a, digest(a, m)))));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("revocation data is never null, and closing twice is harmless")
    void revocationAndClose() {
        assertThat(key.revocationData()).isNotNull();
        key.close();
        key.close();
    }

    /**
     * A wrong secret and a missing key are start-up errors ({@link IllegalArgumentException}), as
     * {@link io.github.aktenlift.spi.sealing.SealingKeyProvider} demands, that never echo the secret.
     * The key under test is closed before.
     *
     * @throws Exception if a hook fails otherwise
     * @since 0.2
     */
    @Test
    @DisplayName("a wrong secret and a key that is not there are refused when the key is opened, never echoing the secret")
    protected void refusedAtStartUp() throws Exception {
        // closed first: a PKCS#11 login holds for the whole application, and a token that is logged in
        // already would take any PIN
        key.close();
        String wrong = "Wr0ng-Secret-4711";
        assertThatThrownBy(() -> openWithWrongSecret(wrong)).as("a wrong secret")
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(wrong);
        assertThatThrownBy(this::openMissing).as("a missing key").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a closed key refuses to sign with a SealingException naming it")
    void closedKeyFails() {
        SignatureAlgorithm a = key.algorithms().iterator().next();
        String id = key.id();
        key.close();
        io.github.aktenlift.spi.sealing.SealingException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.github.aktenlift.spi.sealing.SealingException.class, () -> key.sign(a, new byte[a.digest().length()]));
        assertThat(e).as("a SealingException after close").isNotNull();
        assertThat(e.keyId()).isEqualTo(id);
    }

    private static byte[] digest(SignatureAlgorithm a, byte[] message) {
        MessageDigest md = a.digest().newDigest();
        return md.digest(message);
    }

    private boolean verifies(SignatureAlgorithm a, byte[] message, byte[] value) throws GeneralSecurityException {
        Signature s = Signature.getInstance(a.jcaName());
        s.initVerify(key.certificateChain().get(0).getPublicKey());
        s.update(message);
        try {
            return s.verify(value);
        } catch (java.security.SignatureException malformed) {
            return false;
        }
    }
}
