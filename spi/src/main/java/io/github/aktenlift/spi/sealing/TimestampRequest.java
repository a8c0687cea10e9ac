package io.github.aktenlift.spi.sealing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What to timestamp: the fields of an RFC 3161 {@code TimeStampReq}. The authority always includes
 * its certificate in the token ({@code certReq} true), so that the token can be validated alone.
 *
 * @param digestAlgorithm the hash of the message imprint
 * @param digest the message imprint's hash value, {@code digestAlgorithm.length()} bytes
 * @param nonce a number the token must echo, guarding against replayed answers; positive, at most 64
 *     bits
 * @param policy the TSA policy OID to ask for, or empty for the authority's default
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TimestampRequest(DigestAlgorithm digestAlgorithm, byte[] digest, BigInteger nonce, Optional<String> policy) {

    private static final SecureRandom NONCES = new SecureRandom();

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the digest has the wrong length, the nonce is not
     *     positive or longer than 64 bits, or the policy is not a dotted OID
     * @throws NullPointerException if a component is {@code null}
     * @param digestAlgorithm the hash of the message imprint
     * @param digest the message imprint's hash value, {@code digestAlgorithm.length()} bytes
     * @param nonce a number the token must echo, guarding against replayed answers; positive, at most 64 bits
     * @param policy the TSA policy OID to ask for, or empty for the authority's default
     */
    public TimestampRequest {
        Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
        digestAlgorithm.checkLength(digest);
        digest = digest.clone();
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.signum() <= 0 || nonce.bitLength() > 64) {
            throw new IllegalArgumentException("nonce must be positive and fit 64 bits");
        }
        Objects.requireNonNull(policy, "policy");
        policy.ifPresent(p -> {
            if (!p.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
                throw new IllegalArgumentException("policy is not a dotted OID: " + p);
            }
        });
    }

    /**
     * @param algorithm the digest's algorithm
     * @param digest the message imprint's hash value
     * @return a request with a fresh random nonce and the authority's default policy
     */
    public static TimestampRequest of(DigestAlgorithm algorithm, byte[] digest) {
        return new TimestampRequest(algorithm, digest, new BigInteger(63, NONCES).add(BigInteger.ONE), Optional.empty());
    }

    /** @return a copy of the imprint's hash value */
    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
