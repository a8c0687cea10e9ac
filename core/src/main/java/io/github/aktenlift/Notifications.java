package io.github.aktenlift;

import io.github.aktenlift.spi.notification.Notification;

import java.util.List;

/**
 * The notifications of ongoing operation, and what became of them. Obtained from
 * {@link Aktenlift#notifications()}. Thread-safe.
 *
 * <p><b>What is notified.</b> Outcomes recorded in the journal are notified right after they are
 * recorded, with the id {@code event-<sequence>} of the event: a file received from another
 * authority registered ({@code TRANSFER_REGISTERED}, to the role {@code office}), a recall served
 * ({@code RECALL_SERVED}, {@code office}), a destruction list drawn up with files on it
 * ({@code DESTRUCTION_DUE}, {@code office}) and confirmed ({@code DESTRUCTION_CONFIRMED},
 * {@code office}), a failed quality check ({@code QA_FAILED}, {@code scan-service}). What time alone
 * makes due is notified by {@link #raiseDue()}: an overdue recall ({@code OVERDUE}), a due pickup
 * ({@code PICKUP_PROPOSED}), files due for destruction on no open list ({@code DESTRUCTION_DUE}).
 * Notifications carry barcodes, ids and counts only, never personal data.
 *
 * <p><b>Failures.</b> Notifying is best effort after the commit: the journal is the record, and a
 * notifier that fails neither undoes nor repeats a recorded change, nor fails the command that
 * recorded it. A failed delivery is logged (id and type only) and kept in {@link #undelivered()}
 * until {@link #redeliver()} gets it through, with the same id, so that a receiver drops a
 * repeat. The undelivered queue lives in memory, holds at most 10,000 notifications (the oldest
 * are dropped, with a warning) and does not survive a restart; the journal still holds every
 * outcome.
 *
 * @since 0.1
 */
public interface Notifications {

    /**
     * Raises what time has made due since the last call: recalls past their service level, a
     * pickup the {@link io.github.aktenlift.logistics.PickupPlanner} finds due, files due for
     * destruction that are on no open destruction list. Call it periodically, for example each
     * morning. Ids are stable per occasion (per recall; per day and set of files for pickups and
     * destruction), and this instance raises each id once; another instance or a restart may raise
     * it again, which a receiver recognises by the id.
     *
     * @return the notifications raised now, delivered or not, in that order; empty if none is new
     */
    List<Notification> raiseDue();

    /** @return the notifications whose delivery failed and has not yet succeeded, oldest first */
    List<Notification> undelivered();

    /**
     * Tries every undelivered notification again, oldest first.
     *
     * @return how many are still undelivered
     */
    int redeliver();
}
