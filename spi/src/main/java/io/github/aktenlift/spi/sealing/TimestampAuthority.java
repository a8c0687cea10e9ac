package io.github.aktenlift.spi.sealing;

import org.apiguardian.api.API;

/**
 * A time-stamping authority in the sense of RFC 3161: it binds a hash to a time with its own
 * signature. Typically an HTTP client of a (qualified) TSA; in tests an in-process one.
 *
 * <p><b>Contract of {@link #timestamp}:</b> the returned token has been checked by the
 * implementation before it returns: the response status was <em>granted</em>, the token is a
 * DER-encoded CMS {@code SignedData} with an RFC 3161 {@code TSTInfo} whose message imprint equals
 * the request's, whose nonce equals the request's, that carries the authority's certificate, and
 * whose signature verifies with that certificate. Whether the authority's certificate is
 * <em>trusted</em> is the validator's business, not this method's.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread at any time.
 * <b>Never {@code null}:</b> no method returns {@code null}. <b>Bounded:</b> an implementation
 * gives up after its configured timeout and throws; it never blocks forever.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TimestampAuthority extends AutoCloseable {

    /**
     * @return a short identifier for messages and journals, for example
     *     {@code tsa:https://tsa.example.org/tsr}; never a secret
     */
    String id();

    /**
     * Asks for a timestamp token over the request's message imprint.
     *
     * @param request what to timestamp
     * @return the DER-encoded {@code TimeStampToken} (a CMS {@code ContentInfo}), checked as the
     *     type documentation says
     * @throws TimestampException if no usable token came back, with the reason
     */
    byte[] timestamp(TimestampRequest request);

    /**
     * Asks for a timestamp over a digest with a fresh nonce and the default policy.
     *
     * @param algorithm the digest's algorithm
     * @param digest the hash value to timestamp
     * @return the DER-encoded token
     * @throws TimestampException if no usable token came back
     */
    default byte[] timestamp(DigestAlgorithm algorithm, byte[] digest) {
        return timestamp(TimestampRequest.of(algorithm, digest));
    }

    /** Releases connections. Idempotent. */
    @Override
    void close();
}
