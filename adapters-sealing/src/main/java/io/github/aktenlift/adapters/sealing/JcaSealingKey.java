package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link SealingKey} over a JCA private key: PKCS#1 v1.5 through {@code NONEwithRSA} over a
 * DigestInfo, ECDSA through {@code NONEwithECDSA}, so that only the digest reaches the key's
 * provider (the JDK's, or SunPKCS11 for a token). Revocation data comes from a supplier asked at
 * each call (configured CRL files, read anew; or anything a caller builds in code).
 */
class JcaSealingKey implements SealingKey {

    /** DER prefixes of a DigestInfo (RFC 8017 section 9.2 note 1), to which the digest is appended. */
    private static final byte[] SHA256_INFO = hex("3031300d060960864801650304020105000420");
    private static final byte[] SHA384_INFO = hex("3041300d060960864801650304020205000430");
    private static final byte[] SHA512_INFO = hex("3051300d060960864801650304020305000440");

    private final String id;
    private final PrivateKey key;
    private final Provider provider;
    private final List<X509Certificate> chain;
    private final Set<SignatureAlgorithm> algorithms;
    private final boolean qualified;
    private final Supplier<RevocationData> revocation;
    private final Object lock;
    private volatile boolean closed;

    /**
     * @param provider the JCA provider holding the key, or {@code null} for the JDK's default choice
     * @param serialise whether signing must be serialised (one token session)
     */
    JcaSealingKey(String id, PrivateKey key, Provider provider, List<X509Certificate> chain, boolean qualified,
            Supplier<RevocationData> revocation, boolean serialise) {
        this.id = Objects.requireNonNull(id, "id");
        this.key = Objects.requireNonNull(key, "key");
        this.provider = provider;
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("key '" + id + "' has no certificate");
        }
        String type = this.chain.get(0).getPublicKey().getAlgorithm();
        EnumSet<SignatureAlgorithm> algs = EnumSet.noneOf(SignatureAlgorithm.class);
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            if (a.keyAlgorithm().equals(type)) {
                algs.add(a);
            }
        }
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("key '" + id + "' is of type " + type + "; RSA or EC expected");
        }
        this.algorithms = Collections.unmodifiableSet(algs);
        this.qualified = qualified;
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.lock = serialise ? new Object() : null;
    }

    /**
     * Proves at start-up that the private key belongs to the certificate, that the certificate is
     * valid now and allows signing, so that a wrong key is a start-up error and not a broken seal.
     *
     * @throws IllegalArgumentException naming the key if any of that fails
     */
    void checkUsable() {
        X509Certificate cert = chain.get(0);
        try {
            cert.checkValidity();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate of key '" + id + "' is not valid now (valid "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")", e);
        }
        boolean[] usage = cert.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw new IllegalArgumentException("the certificate of key '" + id
                    + "' allows neither digitalSignature nor nonRepudiation");
        }
        SignatureAlgorithm a = algorithms.iterator().next();
        byte[] probe = a.digest().newDigest().digest(("aktenlift key probe " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean matches;
        try {
            byte[] value = signOne(a, probe);
            Signature v = Signature.getInstance(a.jcaName());
            v.initVerify(cert.getPublicKey());
            v.update(("aktenlift key probe " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            matches = v.verify(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key '" + id + "' cannot sign: " + e.getMessage(), e);
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key of '" + id + "' does not belong to its certificate");
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public Set<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public boolean qualified() {
        return qualified;
    }

    @Override
    public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> digests) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(digests, "digests");
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException("key '" + id + "' does not offer " + algorithm + " (offers " + algorithms + ")");
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("nothing to sign");
        }
        for (byte[] d : digests) {
            algorithm.digest().checkLength(d);
        }
        if (closed) {
            throw new SealingException(id, SealingException.Reason.UNAVAILABLE, "closed", null);
        }
        List<byte[]> out = new ArrayList<>(digests.size());
        try {
            if (lock != null) {
                synchronized (lock) {
                    for (byte[] d : digests) {
                        out.add(signOne(algorithm, d));
                    }
                }
            } else if (digests.size() < PARALLEL_FROM) {
                for (byte[] d : digests) {
                    out.add(signOne(algorithm, d));
                }
            } else {
                out.addAll(signInParallel(algorithm, digests));
            }
        } catch (InvalidKeyException e) {
            throw new SealingException(id, SealingException.Reason.REFUSED, "the key refused: " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SealingException(id, SealingException.Reason.UNAVAILABLE, "signing failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** A batch at least this large is signed on several threads when the key allows concurrent use. */
    private static final int PARALLEL_FROM = 8;

    /**
     * Signs a large batch (a delivery's products) on as many threads as there are processors: an RSA
     * private-key operation takes milliseconds, and a key in memory or a file has no reason to do a
     * delivery's hundreds of them one after another on one core while the others wait.
     */
    private List<byte[]> signInParallel(SignatureAlgorithm algorithm, List<byte[]> digests) throws GeneralSecurityException {
        byte[][] values = new byte[digests.size()][];
        try {
            java.util.stream.IntStream.range(0, digests.size()).parallel().forEach(i -> {
                try {
                    values[i] = signOne(algorithm, digests.get(i));
                } catch (GeneralSecurityException e) {
                    throw new Failed(e);
                }
            });
        } catch (Failed e) {
            throw e.reason;
        }
        return Arrays.asList(values);
    }

    /** Carries a signing failure out of the parallel stream. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GeneralSecurityException reason;

        Failed(GeneralSecurityException reason) {
            super(reason);
            this.reason = reason;
        }
    }

    private byte[] signOne(SignatureAlgorithm a, byte[] digest) throws GeneralSecurityException {
        boolean rsa = "RSA".equals(a.keyAlgorithm());
        Signature s = provider == null ? Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA")
                : Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA", provider);
        s.initSign(key);
        s.update(rsa ? digestInfo(a, digest) : digest);
        return s.sign();
    }

    private static byte[] digestInfo(SignatureAlgorithm a, byte[] digest) {
        byte[] prefix = switch (a.digest()) {
            case SHA256 -> SHA256_INFO;
            case SHA384 -> SHA384_INFO;
            case SHA512 -> SHA512_INFO;
        };
        byte[] info = Arrays.copyOf(prefix, prefix.length + digest.length);
        System.arraycopy(digest, 0, info, prefix.length, digest.length);
        return info;
    }

    @Override
    public RevocationData revocationData() {
        return Objects.requireNonNull(revocation.get(), "revocation data");
    }

    /**
     * @param keyId the key's id, for the error
     * @param crlFiles DER CRL files
     * @return a source that reads the files anew at every call, so that a CRL replaced on disk counts
     */
    static Supplier<RevocationData> crlFiles(String keyId, List<Path> crlFiles) {
        List<Path> files = List.copyOf(crlFiles);
        return () -> {
            List<byte[]> crls = new ArrayList<>(files.size());
            for (Path p : files) {
                try {
                    crls.add(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new SealingException(keyId, SealingException.Reason.UNAVAILABLE,
                            "cannot read CRL file " + p.getFileName(), e);
                }
            }
            return RevocationData.ofCrls(crls);
        };
    }

    @Override
    public void close() {
        closed = true;
    }

    private static byte[] hex(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length() / 2);
        for (int i = 0; i < s.length(); i += 2) {
            b.write(Integer.parseInt(s.substring(i, i + 2), 16));
        }
        return b.toByteArray();
    }

    @Override
    public String toString() {
        return id;
    }
}
