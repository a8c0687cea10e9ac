package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * Base type of every failure an SPI implementation reports. Unchecked, because callers can rarely
 * recover locally and the subtypes say what happened.
 *
 * <p>Messages name keys, sequences and versions only; implementations must never put personal data
 * (names, dates of birth, AZR numbers) into a message.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming identifiers only
     * @param cause the underlying failure, or {@code null}
     */
    protected ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
