package io.github.aktenlift.metrics;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one {@link io.github.aktenlift.Aktenlift} instance, as an integrator exposes it (a
 * health endpoint, a monitoring check), from {@link io.github.aktenlift.Aktenlift#health()}. Taken
 * with read-only probes: it never changes a byte of storage.
 *
 * <p>{@link Status#DOWN}: the storage did not answer the probe; nothing can be recorded.
 * {@link Status#DEGRADED}: it works, but something waits for an operator: notifications that could
 * not be delivered. {@link Status#UP}: neither. The reasons
 * say which, in words without personal data. Pending imports are reported, not judged: waiting for
 * the specialist procedure's answer is normal operation.
 *
 * @param status the overall status
 * @param reasons why the status is not {@link Status#UP}; empty when it is
 * @param checkedAt when the probes ran (the instance's clock)
 * @param storageReachable whether the storage answered a read-only probe (the journal log's length)
 * @param journalVerifiedAt when this instance opened and verified the stored journal (every event's
 *     hash, chain and the checkpoints); an instance whose journal fails verification does not open
 * @param journalEventsVerified how many events that verification checked
 * @param journalEvents events in the journal as this instance knows it now
 * @param importsAwaitingAnswer verified case files handed over to the procedure, awaiting its answer
 * @param importsReady verified case files not yet handed over
 * @param undeliveredNotifications notifications waiting in storage for redelivery, counted in storage
 *     now, or as last known if the storage did not answer
 * @param storageErrors failed storage calls of this instance since it was built (reported, not
 *     judged: a growing count is for the metrics to alert on)
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Health(Status status, List<String> reasons, Instant checkedAt, boolean storageReachable,
        Instant journalVerifiedAt, long journalEventsVerified, long journalEvents, long importsAwaitingAnswer,
        long importsReady, long undeliveredNotifications, long storageErrors) {

    /** The overall status, from best to worst. */
    public enum Status {
        /** Everything answers and nothing waits for an operator. */
        UP,
        /** Working, but something waits for an operator. */
        DEGRADED,
        /** The storage does not answer. */
        DOWN
    }

    /**
     * Checks the summary and copies the reasons.
     *
     * @param status the overall status
     * @param reasons why the status is not {@link Status#UP}; empty when it is
     * @param checkedAt when the probes ran
     * @param storageReachable whether the storage answered the probe
     * @param journalVerifiedAt when this instance opened and verified the stored journal
     * @param journalEventsVerified how many events that verification checked
     * @param journalEvents events in the journal as this instance knows it now
     * @param importsAwaitingAnswer verified case files handed over, awaiting the procedure's answer
     * @param importsReady verified case files not yet handed over
     * @param undeliveredNotifications notifications waiting in storage for redelivery
     * @param storageErrors failed storage calls of this instance since it was built
     * @throws NullPointerException if a reference is {@code null}
     * @throws IllegalArgumentException if the status is {@code UP} with reasons or another status
     *     without any, or a count is negative
     */
    public Health {
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(journalVerifiedAt, "journalVerifiedAt");
        if ((status == Status.UP) != reasons.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " with " + reasons.size() + " reasons");
        }
        if (journalEventsVerified < 0 || journalEvents < 0 || importsAwaitingAnswer < 0 || importsReady < 0
                || undeliveredNotifications < 0 || storageErrors < 0) {
            throw new IllegalArgumentException("a count is negative");
        }
    }

    /** @return the first reason, if the status is not {@link Status#UP} */
    public Optional<String> reason() {
        return reasons.stream().findFirst();
    }
}
