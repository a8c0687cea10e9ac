package io.github.aktenlift;

import io.github.aktenlift.spi.notification.Notification;

import java.util.List;
import org.apiguardian.api.API;

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
 * recorded it. A failed delivery is logged (id and type only) and the notification is kept in the
 * configured storage, listed by {@link #undelivered()}, until {@link #redeliver()} gets it
 * through, with the same id, so that a receiver drops a repeat. It survives a restart. Storage
 * holds only what is undelivered: a delivered notification's object is removed.
 *
 * <p><b>Durability.</b> Delivery is at least once, per recipient in the order the notifications
 * were raised: while one is undelivered, later ones for the same recipient wait behind it. A crash
 * between recording an outcome and notifying it loses nothing — the outbox marks in storage how
 * far the journal's outcomes are notified, and the next writer ({@link #redeliver()}, or the next
 * command) derives the notifications of the events after that mark from the journal again. A crash
 * can make a notification go out twice, always under the same id. What time makes due is raised
 * again by {@link #raiseDue()} after a restart while it lasts. A storage written before this mark
 * existed has none: its first writer derives the notifications of the whole journal once more,
 * under the ids they had.
 *
 * <p><b>Stored format</b> (identifiers and counts only, never personal data): the record
 * {@code notifications/outbox}, {@code {"format":"aktenlift-outbox/1","notified":N,"queued":Q}}
 * — every event below sequence {@code N} is notified or queued, {@code Q} is the next queue number
 * — and one content object per undelivered notification, {@code notifications/undelivered/}
 * followed by its 20-digit queue number.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
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

    /**
     * Lists what is not known to be delivered, without changing storage: the stored undelivered
     * notifications, oldest first, then those of recorded events whose notification is not known to
     * have been settled (after a crash, or events of another instance sharing the storage).
     *
     * @return at most the oldest 10,000 of them ({@link #redeliver()} counts them all)
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails
     */
    List<Notification> undelivered();

    /**
     * Tries every undelivered notification again, oldest first; after a recipient's first failure,
     * its later ones wait for the next call. First settles the recorded events whose notification is
     * not known to be (see the durability note above).
     *
     * @return how many are still undelivered
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails; what was delivered
     *     until then stays delivered
     */
    int redeliver();
}
