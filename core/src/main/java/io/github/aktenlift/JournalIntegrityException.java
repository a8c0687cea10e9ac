package io.github.aktenlift;

import io.github.aktenlift.tracking.JournalViolation;
import org.apiguardian.api.API;

/**
 * The stored journal failed verification: an event was edited, removed, inserted or reordered.
 * Aktenlift refuses to build state on it.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JournalIntegrityException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    private final transient JournalViolation violation;

    /** @param violation the first bad event found */
    public JournalIntegrityException(JournalViolation violation) {
        super("journal failed verification: " + violation);
        this.violation = violation;
    }

    /** @return the first bad event found */
    public JournalViolation violation() {
        return violation;
    }
}
