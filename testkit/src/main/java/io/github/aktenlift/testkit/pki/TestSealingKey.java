package io.github.aktenlift.testkit.pki;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * An in-process {@link SealingKey} over a {@link TestPki}'s sealing key, for tests that need a
 * key without a PKCS#12 file or a token: it signs with the JDK ({@code NONEwithRSA} over a
 * DigestInfo, {@code NONEwithECDSA}), counts its calls (one per batch) and the digests it signed,
 * and can be told to fail, so that a test can show what its caller does when the key refuses or is
 * unreachable, and that a retry succeeds once it recovers.
 *
 * <p>Thread-safe. Closing makes every later call fail with {@link SealingException}.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TestSealingKey implements SealingKey {

    private static final HexFormat HEX = HexFormat.of();

    private final TestPki pki;
    private final boolean revocation;
    private final Set<SignatureAlgorithm> algorithms;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger digests = new AtomicInteger();
    private final AtomicReference<SealingException.Reason> failure = new AtomicReference<>();
    private volatile boolean closed;

    private TestSealingKey(TestPki pki, boolean revocation) {
        this.pki = Objects.requireNonNull(pki, "pki");
        this.revocation = revocation;
        String type = pki.sealingCertificate().getPublicKey().getAlgorithm();
        EnumSet<SignatureAlgorithm> algs = EnumSet.noneOf(SignatureAlgorithm.class);
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            if (a.keyAlgorithm().equals(type)) {
                algs.add(a);
            }
        }
        this.algorithms = Collections.unmodifiableSet(algs);
    }

    /**
     * @param pki whose sealing key and chain to use
     * @return a key that supplies no revocation data (its seals are B-T)
     */
    public static TestSealingKey of(TestPki pki) {
        return new TestSealingKey(pki, false);
    }

    /**
     * @param pki whose sealing key and chain to use
     * @return a key that supplies a fresh CRL of the PKI's root at every call (its seals are B-LT)
     */
    public static TestSealingKey withRevocationData(TestPki pki) {
        return new TestSealingKey(pki, true);
    }

    /**
     * Makes every following {@link #sign(SignatureAlgorithm, List)} fail with this reason until
     * {@link #recover()}.
     *
     * @param reason {@link SealingException.Reason#UNAVAILABLE} for an unreachable token or service,
     *     {@link SealingException.Reason#REFUSED} for a refused authorisation
     * @return this key
     */
    public TestSealingKey failWith(SealingException.Reason reason) {
        failure.set(Objects.requireNonNull(reason, "reason"));
        return this;
    }

    /**
     * Makes signing work again after {@link #failWith}.
     *
     * @return this key
     */
    public TestSealingKey recover() {
        failure.set(null);
        return this;
    }

    /** @return how often {@link #sign(SignatureAlgorithm, List)} was called, failed calls included */
    public int calls() {
        return calls.get();
    }

    /** @return how many digests were signed, over all successful calls */
    public int digestsSigned() {
        return digests.get();
    }

    @Override
    public String id() {
        return "test:" + HEX.formatHex(pki.sealingCertificate().getSerialNumber().toByteArray());
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return pki.sealingChain();
    }

    @Override
    public Set<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    /** @return whether the PKI's sealing certificate is a qualified one ({@link TestPki.Builder#qualified}) */
    @Override
    public boolean qualified() {
        return pki.sealingCertificate().getExtensionValue("1.3.6.1.5.5.7.1.3") != null;
    }

    @Override
    public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> list) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(list, "digests");
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException("test key does not offer " + algorithm + " (offers " + algorithms + ")");
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("nothing to sign");
        }
        for (byte[] d : list) {
            algorithm.digest().checkLength(d);
        }
        calls.incrementAndGet();
        if (closed) {
            throw new SealingException(id(), SealingException.Reason.UNAVAILABLE, "closed", null);
        }
        SealingException.Reason reason = failure.get();
        if (reason != null) {
            throw new SealingException(id(), reason, "told to fail", null);
        }
        List<byte[]> out = new ArrayList<>(list.size());
        try {
            for (byte[] d : list) {
                out.add(signOne(algorithm, d));
            }
        } catch (GeneralSecurityException e) {
            throw new SealingException(id(), SealingException.Reason.UNAVAILABLE, "the JDK did not sign: " + e.getMessage(), e);
        }
        digests.addAndGet(list.size());
        return out;
    }

    private byte[] signOne(SignatureAlgorithm a, byte[] digest) throws GeneralSecurityException {
        boolean rsa = "RSA".equals(a.keyAlgorithm());
        Signature s = Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA");
        s.initSign(pki.sealingKey());
        s.update(rsa ? digestInfo(a, digest) : digest);
        return s.sign();
    }

    /** The DER DigestInfo (RFC 8017 9.2) of a digest: the fixed prefix of its algorithm, then the value. */
    private static byte[] digestInfo(SignatureAlgorithm a, byte[] digest) {
        String prefix = switch (a.digest()) {
            case SHA256 -> "3031300d060960864801650304020105000420";
            case SHA384 -> "3041300d060960864801650304020205000430";
            case SHA512 -> "3051300d060960864801650304020305000440";
        };
        byte[] p = HEX.parseHex(prefix);
        byte[] info = java.util.Arrays.copyOf(p, p.length + digest.length);
        System.arraycopy(digest, 0, info, p.length, digest.length);
        return info;
    }

    @Override
    public RevocationData revocationData() {
        return revocation ? RevocationData.ofCrls(List.of(pki.crl())) : RevocationData.none();
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return id();
    }
}
