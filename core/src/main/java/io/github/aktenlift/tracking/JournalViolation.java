package io.github.aktenlift.tracking;

import org.apiguardian.api.API;

/**
 * The first thing wrong with a stored journal.
 *
 * @param position position in the stored events log where the problem shows; for a checkpoint, the
 *     last event it covers, or {@code -1} if the checkpoint itself cannot be read
 * @param stream the stream of the event there, or {@code ""} if it could not be read
 * @param kind what is wrong
 * @param detail specifics (expected and found sequences or hashes), never personal data
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record JournalViolation(long position, String stream, Kind kind, String detail) {

    /**
     * What is wrong with an event.
     *
     * @since 0.1
     */
    public enum Kind {
        /** The stored entry cannot be read as an event (garbled, unknown event kind). */
        MALFORMED,
        /** The event's content does not match its hash: it was edited. */
        ALTERED,
        /** Events are missing: the sequence jumps here. */
        MISSING,
        /** An event was inserted or duplicated: its sequence was already used. */
        INSERTED,
        /** Events are out of order. */
        REORDERED,
        /** The event does not follow its stream's previous event (wrong previous hash or stream sequence). */
        CHAIN_BROKEN,
        /** A checkpoint does not match the stream heads at its position, or was itself altered. */
        CHECKPOINT_MISMATCH,
        /**
         * The journal holds fewer events or checkpoints than were recorded (as its last checkpoint or
         * its head record says): events were cut off the end.
         */
        TRUNCATED,
        /**
         * The journal's head record, which anchors how far the journal reached, cannot be read or
         * its seal does not match: it was altered.
         *
         * @since 0.2
         */
        HEAD_MISMATCH,
        /**
         * The RFC 3161 token stored for a checkpoint does not cover that checkpoint's hash, or is
         * no valid token (its sequence is the number of events the checkpoint covers).
         *
         * @since 0.2
         */
        TIMESTAMP_MISMATCH,
        /**
         * A checkpoint has no RFC 3161 token although a later checkpoint has one: tokens are written
         * in checkpoint order, so a token was removed (its sequence is the number of events the later,
         * stamped checkpoint covers). Checkpoints after the newest token are not a violation; they
         * are counted as {@link VerificationReport#timestampsPending()}.
         *
         * @since 0.2
         */
        TIMESTAMP_MISSING
    }

    @Override
    public String toString() {
        return kind + " at position " + position + (stream.isEmpty() ? "" : " (" + stream + ")") + ": " + detail;
    }
}
