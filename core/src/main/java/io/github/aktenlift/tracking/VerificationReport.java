package io.github.aktenlift.tracking;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Tracking#verify()}.
 *
 * @param eventsChecked how many stored events were read
 * @param streams how many streams they form
 * @param checkpointsChecked how many checkpoints were compared
 * @param firstViolation the first bad event, empty if the journal is intact
 * @since 0.1
 */
public record VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
        Optional<JournalViolation> firstViolation) {

    /** Checks for {@code null}. */
    public VerificationReport {
        Objects.requireNonNull(firstViolation, "firstViolation");
    }

    /** @return whether no violation was found */
    public boolean isIntact() {
        return firstViolation.isEmpty();
    }
}
