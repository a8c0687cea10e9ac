package io.github.aktenlift.lifecycle;

import io.github.aktenlift.tracking.SlaPolicy;
import io.github.aktenlift.tracking.WorkItem;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one order in which work on case files is done, wherever the library makes a work list
 * (tracking's work lists, the pickup planner, the capture of a delivery): recalled files first, by
 * SLA deadline, then the others oldest first. Keeping it in one place keeps the lists consistent.
 */
public final class WorkOrder {

    /**
     * Recalls first: those with a deadline by deadline, then any without one (a mode with no service
     * level); then the rest by registration. Ties by barcode, so the order is total.
     */
    public static final Comparator<WorkItem> ORDER = Comparator
            .comparingInt((WorkItem w) -> w.recall().isEmpty() ? 2 : w.recallDueAt().isPresent() ? 0 : 1)
            .thenComparing(w -> w.recallDueAt().orElse(Instant.MAX))
            .thenComparing(WorkItem::registeredAt)
            .thenComparing(WorkItem::barcode);

    private WorkOrder() {
    }

    /** @return the file as a work item; read under the {@link CommandLoop}'s lock */
    public static WorkItem item(CaseFileRecord f, SlaPolicy sla) {
        Optional<Instant> due = Optional.empty();
        if (f.recall != null) {
            Duration limit = sla.recall().get(f.recall);
            if (limit != null) {
                due = Optional.of(f.recallSince.plus(limit));
            }
        }
        return new WorkItem(f.barcode, f.reference, f.state, f.since, f.registeredAt, Optional.ofNullable(f.box),
                Optional.ofNullable(f.recall), due, Optional.ofNullable(f.origin), Optional.ofNullable(f.receivedOn));
    }
}
