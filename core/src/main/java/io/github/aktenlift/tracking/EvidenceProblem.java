package io.github.aktenlift.tracking;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One stored object that deep verification found missing, altered or unreadable.
 *
 * @param object what is wrong: a storage key ({@code renditions/…}, {@code protocols/…}), or the
 *     subject register's entry as {@code subjects/entries#<key>}; never personal data
 * @param sequence the journal event that names the object (its capture, registration or import),
 *     or {@code -1} if no event names it directly
 * @param kind what is wrong
 * @param detail specifics (expected and found size or hash), never personal data
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public record EvidenceProblem(String object, long sequence, Kind kind, String detail) {

    /** What is wrong with a stored object. */
    public enum Kind {
        /** The object is not in storage. */
        MISSING,
        /** Its bytes differ from the hash recorded for it (in the journal or the scan protocol). */
        ALTERED,
        /** It cannot be read: the storage's own check failed, or it is not what it claims to be. */
        UNREADABLE,
        /**
         * A seal or timestamp on it (or beside it) does not match its bytes, cannot be read, or is
         * missing where the capture was sealed.
         *
         * @since 0.2
         */
        SEAL_BROKEN,
        /**
         * Its seals and timestamps are intact, but a certificate does not chain to the configured
         * trust anchors.
         *
         * @since 0.2
         */
        SEAL_UNTRUSTED
    }

    /**
     * Checks for {@code null}.
     *
     * @param object what is wrong: a storage key ({@code renditions/…}, {@code protocols/…}), or the subject
     *     register's entry as {@code subjects/entries#<key>}; never personal data
     * @param sequence the journal event that names the object (its capture, registration or import), or
     *     {@code -1} if no event names it directly
     * @param kind what is wrong
     * @param detail specifics (expected and found size or hash), never personal data
     */
    public EvidenceProblem {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + " " + object + (sequence < 0 ? "" : " (named by event " + sequence + ")") + ": " + detail;
    }
}
