package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * Base type of every failure Aktenlift's domain reports. Subtypes carry the identifiers concerned
 * (barcodes, pickup ids, field paths, journal sequences) as fields; no message ever contains
 * personal data.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AktenliftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming identifiers only
     */
    protected AktenliftException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming identifiers only
     * @param cause the underlying failure
     */
    protected AktenliftException(String message, Throwable cause) {
        super(message, cause);
    }
}
