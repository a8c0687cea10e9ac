package io.github.aktenlift.spi.sealing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apiguardian.api.API;

/**
 * A hash function that seals and timestamps are computed over. Only the SHA-2 family is offered:
 * the algorithms that the BSI's TR-02102-1 and ETSI TS 119 312 consider suitable for long-term
 * evidence today.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DigestAlgorithm {
    /** SHA-256, 32 bytes. */
    SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", 32),
    /** SHA-384, 48 bytes. */
    SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", 48),
    /** SHA-512, 64 bytes. */
    SHA512("SHA-512", "2.16.840.1.101.3.4.2.3", 64);

    private final String jcaName;
    private final String oid;
    private final int length;

    DigestAlgorithm(String jcaName, String oid, int length) {
        this.jcaName = jcaName;
        this.oid = oid;
        this.length = length;
    }

    /** @return the name the JDK knows it by, for example {@code SHA-256} */
    public String jcaName() {
        return jcaName;
    }

    /** @return the ASN.1 object identifier, dotted */
    public String oid() {
        return oid;
    }

    /** @return the digest length in bytes */
    public int length() {
        return length;
    }

    /**
     * @return a new digest instance; the JDK guarantees all three algorithms
     */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /**
     * @param digest a digest value
     * @throws IllegalArgumentException if it is {@code null} or not {@link #length()} bytes long
     */
    public void checkLength(byte[] digest) {
        if (digest == null || digest.length != length) {
            throw new IllegalArgumentException("a " + jcaName + " digest has " + length + " bytes, got "
                    + (digest == null ? "null" : digest.length));
        }
    }
}
