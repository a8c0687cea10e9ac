package io.github.aktenlift.tracking;

import io.github.aktenlift.spi.storage.LogRepair;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The result of {@link Tracking#verify()}.
 *
 * @param eventsChecked how many stored events were read
 * @param streams how many streams they form
 * @param checkpointsChecked how many checkpoints were compared
 * @param firstViolation the first bad event, empty if the journal is intact
 * @param anchored whether the journal has a head record that anchors its end (a journal written
 *     before head records existed has none until its next append)
 * @param repairs interrupted appends the storage cut from the journal's logs (events, checkpoints,
 *     subject register), oldest first: the cut bytes are kept in quarantine, and each repair is
 *     recorded in the journal as a {@link EventKind#LOG_REPAIRED} event
 * @param timestampsChecked how many checkpoints' RFC 3161 tokens were checked against their
 *     checkpoint's hash (a mismatch is a {@link JournalViolation.Kind#TIMESTAMP_MISMATCH}); 0 without
 *     a configured sealer or tokens
 * @param timestampsPending how many of the newest checkpoints have no RFC 3161 token yet (the
 *     authority was not reachable when they were written; the next checkpoint stamps them); 0 without
 *     a timestamp authority. A checkpoint without a token <em>before</em> a stamped one is no pending
 *     one but a {@link JournalViolation.Kind#TIMESTAMP_MISSING} violation
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
        Optional<JournalViolation> firstViolation, boolean anchored, List<LogRepair> repairs, int timestampsChecked,
        int timestampsPending) {

    /**
     * Checks for {@code null} and copies.
     *
     * @param eventsChecked how many stored events were read
     * @param streams how many streams they form
     * @param checkpointsChecked how many checkpoints were compared
     * @param firstViolation the first bad event, empty if the journal is intact
     * @param anchored whether the journal has a head record that anchors its end (a journal written before
     *     head records existed has none until its next append)
     * @param repairs interrupted appends the storage cut from the journal's logs (events, checkpoints,
     *     subject register), oldest first: the cut bytes are kept in quarantine, and each repair is recorded
     *     in the journal as a {@link EventKind#LOG_REPAIRED} event
     * @param timestampsChecked how many checkpoints' RFC 3161 tokens were checked against their checkpoint's hash (a mismatch is a {@link JournalViolation.Kind#TIMESTAMP_MISMATCH}); 0 without a configured sealer or tokens
     * @param timestampsPending how many of the newest checkpoints have no token yet; 0 without a timestamp authority
     */
    public VerificationReport {
        Objects.requireNonNull(firstViolation, "firstViolation");
        repairs = List.copyOf(repairs);
    }

    /**
     * A report without pending checkpoint timestamps, as before they were counted.
     *
     * @param eventsChecked how many stored events were read
     * @param streams how many streams they form
     * @param checkpointsChecked how many checkpoints were compared
     * @param firstViolation the first bad event, empty if the journal is intact
     * @param anchored whether the journal has a head record
     * @param repairs the repairs of the journal's logs
     * @param timestampsChecked how many checkpoint tokens were checked
     * @since 0.2
     */
    public VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
            Optional<JournalViolation> firstViolation, boolean anchored, List<LogRepair> repairs, int timestampsChecked) {
        this(eventsChecked, streams, checkpointsChecked, firstViolation, anchored, repairs, timestampsChecked, 0);
    }

    /**
     * A report without checkpoint timestamps, as before they existed.
     *
     * @param eventsChecked how many stored events were read
     * @param streams how many streams they form
     * @param checkpointsChecked how many checkpoints were compared
     * @param firstViolation the first bad event, empty if the journal is intact
     * @param anchored whether the journal has a head record
     * @param repairs the repairs of the journal's logs
     * @since 0.2
     */
    public VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
            Optional<JournalViolation> firstViolation, boolean anchored, List<LogRepair> repairs) {
        this(eventsChecked, streams, checkpointsChecked, firstViolation, anchored, repairs, 0);
    }

    /**
     * A report without anchor and repairs, as before they existed.
     *
     * @param eventsChecked how many stored events were read
     * @param streams how many streams they form
     * @param checkpointsChecked how many checkpoints were compared
     * @param firstViolation the first bad event, empty if the journal is intact
     */
    public VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
            Optional<JournalViolation> firstViolation) {
        this(eventsChecked, streams, checkpointsChecked, firstViolation, false, List.of());
    }

    /**
     * A report with the head record's presence and no repairs.
     *
     * @param eventsChecked how many stored events were read
     * @param streams how many streams they form
     * @param checkpointsChecked how many checkpoints were compared
     * @param firstViolation the first bad event, empty if the journal is intact
     * @param anchored whether the journal has a head record
     * @since 0.2
     */
    public VerificationReport(long eventsChecked, int streams, int checkpointsChecked,
            Optional<JournalViolation> firstViolation, boolean anchored) {
        this(eventsChecked, streams, checkpointsChecked, firstViolation, anchored, List.of());
    }

    /** @return whether no violation was found */
    public boolean isIntact() {
        return firstViolation.isEmpty();
    }

    /**
     * @param found the repairs of the journal's logs
     * @return this report with them
     * @since 0.2
     */
    public VerificationReport withRepairs(List<LogRepair> found) {
        return new VerificationReport(eventsChecked, streams, checkpointsChecked, firstViolation, anchored, found,
                timestampsChecked, timestampsPending);
    }

    /**
     * @param checked how many checkpoint tokens were checked
     * @param mismatch the first token that does not match, if any; kept only where the journal
     *     itself showed no violation, which comes first
     * @return this report with them
     * @since 0.2
     */
    public VerificationReport withTimestamps(int checked, Optional<JournalViolation> mismatch) {
        return new VerificationReport(eventsChecked, streams, checkpointsChecked,
                firstViolation.isPresent() ? firstViolation : mismatch, anchored, repairs, checked, timestampsPending);
    }

    /**
     * @param pending how many of the newest checkpoints have no token yet
     * @return this report with that count
     * @since 0.2
     */
    public VerificationReport withTimestampsPending(int pending) {
        return new VerificationReport(eventsChecked, streams, checkpointsChecked, firstViolation, anchored, repairs,
                timestampsChecked, pending);
    }
}
