package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.ProviderException;
import org.apiguardian.api.API;

/**
 * A seal or timestamp could not be applied to an object for a reason other than the key or the
 * timestamp authority (which throw their own typed exceptions): the source is no readable PDF, the
 * reserved space was too small, a target exists already, a file could not be written. Nothing was
 * left at any target.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SealingFailedException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The file name of the object concerned. */
    private final String object;

    /**
     * @param object the file name of the object concerned
     * @param detail what went wrong, without content
     * @param cause the underlying failure, or {@code null}
     */
    public SealingFailedException(String object, String detail, Throwable cause) {
        super("cannot seal '" + object + "': " + detail, cause);
        this.object = object;
    }

    /** @return the file name of the object concerned */
    public String object() {
        return object;
    }
}
