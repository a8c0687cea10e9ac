package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.ProviderException;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A {@link TimestampAuthority} gave no usable token. The caller has nothing to embed: whatever it
 * was about to timestamp stays unfinished and is discarded or retried, never kept half-done.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TimestampException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * Why there is no token.
     *
     * @since 0.1
     */
    public enum Reason {
        /** The authority did not answer within the configured time. Transient. */
        TIMEOUT,
        /** The authority could not be reached, or answered with a transport or server error. Transient. */
        UNAVAILABLE,
        /**
         * The answer is not a well-formed RFC 3161 response, or its token does not match the request
         * (another imprint, another nonce, a signature that does not verify). Not retried blindly:
         * it points at a broken or hostile authority.
         */
        MALFORMED,
        /** The authority answered well-formed with a status other than granted. */
        REJECTED
    }

    /** The authority's {@link TimestampAuthority#id()}. */
    private final String authorityId;
    /** Why there is no token. */
    private final Reason reason;

    /**
     * @param authorityId the authority's {@link TimestampAuthority#id()}
     * @param reason why there is no token
     * @param detail what happened (status, sizes, field names), never content
     * @param cause the underlying failure, or {@code null}
     */
    public TimestampException(String authorityId, Reason reason, String detail, Throwable cause) {
        super("timestamp authority '" + authorityId + "' " + Objects.requireNonNull(reason, "reason").name()
                .toLowerCase(Locale.ROOT) + ": " + detail, cause);
        this.authorityId = authorityId;
        this.reason = reason;
    }

    /** @return the authority's id */
    public String authorityId() {
        return authorityId;
    }

    /** @return why there is no token */
    public Reason reason() {
        return reason;
    }

    /** @return whether a retry may succeed ({@link Reason#TIMEOUT} or {@link Reason#UNAVAILABLE}) */
    public boolean isTransient() {
        return reason == Reason.TIMEOUT || reason == Reason.UNAVAILABLE;
    }
}
