package io.github.aktenlift.spi.sealing;

import org.apiguardian.api.API;

/**
 * How a {@link SealingKey} turns a digest into a signature value: the key type, the digest and the
 * padding. The encoding of the value is the one CMS (RFC 5652, RFC 5754, RFC 5758) carries:
 * PKCS#1 v1.5 over a DigestInfo for RSA, a DER {@code ECDSA-Sig-Value} for ECDSA.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SignatureAlgorithm {
    /** RSA PKCS#1 v1.5 with SHA-256 ({@code sha256WithRSAEncryption}). */
    RSA_SHA256("RSA", DigestAlgorithm.SHA256, "1.2.840.113549.1.1.11", "SHA256withRSA"),
    /** RSA PKCS#1 v1.5 with SHA-384. */
    RSA_SHA384("RSA", DigestAlgorithm.SHA384, "1.2.840.113549.1.1.12", "SHA384withRSA"),
    /** RSA PKCS#1 v1.5 with SHA-512. */
    RSA_SHA512("RSA", DigestAlgorithm.SHA512, "1.2.840.113549.1.1.13", "SHA512withRSA"),
    /** ECDSA with SHA-256. */
    ECDSA_SHA256("EC", DigestAlgorithm.SHA256, "1.2.840.10045.4.3.2", "SHA256withECDSA"),
    /** ECDSA with SHA-384. */
    ECDSA_SHA384("EC", DigestAlgorithm.SHA384, "1.2.840.10045.4.3.3", "SHA384withECDSA"),
    /** ECDSA with SHA-512. */
    ECDSA_SHA512("EC", DigestAlgorithm.SHA512, "1.2.840.10045.4.3.4", "SHA512withECDSA");

    private final String keyAlgorithm;
    private final DigestAlgorithm digest;
    private final String oid;
    private final String jcaName;

    SignatureAlgorithm(String keyAlgorithm, DigestAlgorithm digest, String oid, String jcaName) {
        this.keyAlgorithm = keyAlgorithm;
        this.digest = digest;
        this.oid = oid;
        this.jcaName = jcaName;
    }

    /** @return the key type as the JDK names it: {@code RSA} or {@code EC} */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** @return the digest the value is computed over */
    public DigestAlgorithm digest() {
        return digest;
    }

    /** @return the signature algorithm's ASN.1 object identifier, dotted */
    public String oid() {
        return oid;
    }

    /** @return the JDK's name of the algorithm over whole messages, for example {@code SHA256withRSA} */
    public String jcaName() {
        return jcaName;
    }
}
