package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.journal.PendingEvent;

import java.time.Instant;
import java.util.List;

/**
 * What a command decided: the events to record, all or none, and personal data to store in the
 * subject register first. A decision without events records nothing (a repeated idempotent
 * request).
 *
 * @param events the events, in order; empty for nothing to record
 * @param subjectKey the key to store {@code subject} under, or {@code null}
 * @param subject personal data a registration brings, or {@code null}
 */
public record Decision(List<PendingEvent> events, String subjectKey, Subject subject) {

    /** Copies the events. */
    public Decision {
        events = List.copyOf(events);
    }

    /** @return a decision to record these events, with no personal data */
    public static Decision of(List<PendingEvent> events) {
        return new Decision(events, null, null);
    }

    /** @return a decision to record these events, with no personal data */
    public static Decision of(PendingEvent... events) {
        return new Decision(List.of(events), null, null);
    }

    /**
     * Makes a decision from the projection as it is at the attempt; called under the write lock,
     * once per attempt (again after a lost race), so it must only read.
     */
    @FunctionalInterface
    public interface Maker {
        /**
         * @param now the time of the attempt, which the events will carry
         * @param state the projection, current as of the attempt
         * @return the decision, never {@code null}
         */
        Decision decide(Instant now, Projection state);
    }

    /** @return a decision to record nothing */
    public static Decision nothing() {
        return new Decision(List.of(), null, null);
    }
}
