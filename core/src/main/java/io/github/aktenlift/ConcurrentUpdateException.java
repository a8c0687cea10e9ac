package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * Other writers on the same storage kept winning: the command was retried against their newer
 * journal and still could not be appended. Nothing of this command was recorded.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConcurrentUpdateException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /**
     * @param command the command's simple name
     * @param attempts how often it was tried
     * @param cause the last conflict
     */
    public ConcurrentUpdateException(String command, int attempts, Throwable cause) {
        super(command + " lost to concurrent writers " + attempts + " times", cause);
    }
}
