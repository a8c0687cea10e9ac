package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * The backing system could not be reached or failed (I/O error, timeout, server error). The
 * operation may or may not have taken effect unless the method's contract says otherwise; callers
 * retry idempotent operations only.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class UnavailableException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was attempted, naming identifiers only
     * @param cause the underlying failure
     */
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
