package io.github.aktenlift.notification;

import io.github.aktenlift.Notifications;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Tracking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * Every notification goes through here: the outcomes the journal records (derived from events
 * after they are committed) and what time makes due. Delivery is best effort: a failure is logged
 * and the notification stored for {@link #redeliver()}, never thrown at the caller, whose change
 * is already recorded. Implements {@link Notifier} so that capture's notifications take the same
 * path. Thread-safe.
 *
 * <p><b>What is stored</b> (format in {@link OutboxStore}): a record with the <em>mark</em> — the
 * notifications of every journal event below it are delivered or stored — and the next queue
 * number; and one object per undelivered notification under its queue number. A delivered
 * notification's object is removed, so storage grows only with what is undelivered; memory holds
 * no queue, only the recipients that have something queued and a few ranges of sequences.
 *
 * <p><b>The journal is the outbox of its own outcomes.</b> After a commit, the notifications its
 * events call for ({@link EventNotifications}, a pure function of the event) are delivered, or
 * stored if the notifier fails or the recipient still has older ones queued; only then does the
 * mark move past those events. Commits that call for none move the mark lazily, every
 * {@value #ADVANCE_AFTER} events: a restart derives at most that many events again, and finds
 * that they call for nothing. Nothing is written on close, and nothing by an instance that only
 * reads.
 *
 * <p><b>Crash argument.</b> A crash (or a failing storage) anywhere leaves one of these:
 * <ul>
 *   <li>after the journal's commit, before the outbox stored anything
 *       ({@link OutboxCrashPoint#COMMITTED}, {@link OutboxCrashPoint#DELIVERED}): the mark does not
 *       cover the events, so the next writer — the next commit, {@link #redeliver()} — derives
 *       their notifications from the journal again and delivers or stores them; one delivered
 *       before the crash is delivered twice, under the same id;</li>
 *   <li>queue numbers reserved, none or some objects stored ({@link OutboxCrashPoint#RESERVED},
 *       {@link OutboxCrashPoint#QUEUED}): numbers are only ever reserved, never reused, so a
 *       stored object is never overwritten; the events are still above the mark and derived
 *       again, and stored again under new numbers (a duplicate, same id);</li>
 *   <li>mark written ({@link OutboxCrashPoint#MARKED}): every notification below it is delivered
 *       or stored, durably, because the mark is written after those steps returned;</li>
 *   <li>redelivered, object not yet removed ({@link OutboxCrashPoint#REDELIVERED}): it is still
 *       stored and goes out again (same id); removed ({@link OutboxCrashPoint#REMOVED}): done.</li>
 * </ul>
 * So nothing the journal recorded goes unnotified, and nothing stored is lost; what a crash can
 * cause is a repeat under the same id, which a receiver drops. Several instances on one storage:
 * the record is written by compare-and-set, queue numbers are reserved by it, and an instance
 * moves the mark over another instance's events only after deriving their notifications itself
 * (a repeat if that instance delivered them too). What time makes due is not in the journal:
 * {@link #raiseDue()} raises it again after a restart while its occasion lasts; capture's
 * notifications are stored when delivery fails, not before.
 *
 * <p><b>Order.</b> Per recipient, notifications go out in the order they were raised: while a
 * recipient has one queued, later ones for it are queued behind it, not tried; the notifications
 * of older events not known to be settled go before a commit's own; {@link #redeliver()} goes
 * through the queue oldest first and stops trying a recipient at its first failure. (On a notifier
 * that fails often, this trades throughput for order: each pass gets a recipient's notifications
 * through up to its first failure.)
 */
public final class NotificationOutbox implements Notifier, Notifications {

    /** How many undelivered notifications {@link #undelivered()} lists at most. */
    static final int LISTED = 10_000;
    /** Own events without notifications after which the mark is moved over them. */
    static final int ADVANCE_AFTER = 1024;
    private static final int MAX_RANGES = 64;
    private static final int PAGE = 256;
    private static final int MAX_ATTEMPTS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final Notifier target;
    private final CommandLoop loop;
    private final DueNotifications due;
    private final OutboxStore store;
    /** Guarded by {@code this}, as is everything below. */
    private final HandledRanges handled = new HandledRanges();
    /** Recipients with notifications queued, or {@code null} until the queue has been read. */
    private Set<Recipient> blocked;
    /** Ids {@link #raiseDue()} has raised whose occasion still lasts. */
    private final Set<String> raised = new HashSet<>();
    /**
     * Undelivered notifications in storage as this instance knows them, or -1 until counted: a
     * figure for the metrics, read without the lock, so that a slow notifier does not block a scrape.
     */
    private final AtomicLong undeliveredCount = new AtomicLong(-1);

    /**
     * @param target where notifications go
     * @param storage where undelivered notifications and the mark are kept
     * @param loop the command loop: time, projection, and the journal to derive notifications from
     * @param tracking what is overdue and due for destruction
     * @param planner whether a pickup is due
     */
    public NotificationOutbox(Notifier target, Storage storage, CommandLoop loop, Tracking tracking, PickupPlanner planner) {
        this.target = target;
        this.loop = loop;
        this.due = new DueNotifications(loop, tracking, planner);
        this.store = new OutboxStore(storage, loop.journalSize());
    }

    /** Whether this instance has made sure the mark is stored; see {@link #beforeAppend}. */
    private boolean markStored;

    /**
     * Makes sure the mark is stored before the journal names events past {@code journalLength}; a
     * listener of the command loop before each append. Once per instance it costs a read, and on a
     * store that has no mark yet (new, or written before the outbox existed) a write: from then on
     * a crash right after an append leaves a mark below the events, which are then derived again.
     */
    public synchronized void beforeAppend(long journalLength) {
        if (markStored) {
            return;
        }
        OutboxStore.Mark m = store.mark();
        if (m.version() == 0) {
            store.write(Math.min(m.notified(), journalLength), m.queued());
        }
        markStored = true;
    }

    /** Delivers or stores; never throws. */
    @Override
    public synchronized void deliver(Notification n) {
        try {
            settle(List.of(n));
        } catch (RuntimeException e) {
            LOG.warn("notification {} ({}) neither delivered nor stored: {}: {}", n.id(), n.type(),
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }

    /**
     * Notifies the outcomes among freshly committed events; a listener of the command loop, called
     * under its write lock. Never throws: what it could not settle stays above the mark and is
     * derived from the journal again.
     */
    public void afterCommit(List<JournalEvent> events) {
        List<Notification> called = derive(events);
        if (!called.isEmpty()) {
            OutboxCrashPoint.COMMITTED.reach();
        }
        long first = events.get(0).sequence();
        long end = events.get(events.size() - 1).sequence() + 1;
        synchronized (this) {
            try {
                if (!called.isEmpty()) {
                    // older events not known to be settled (a crash, another instance) go first
                    settleGaps(markBefore(first), first);
                }
                settle(called);
                handled.add(first, end);
                if (!called.isEmpty() || handled.events() >= ADVANCE_AFTER || handled.size() > MAX_RANGES) {
                    advance(end);
                }
            } catch (RuntimeException e) {
                LOG.warn("notifications of events {}..{} not settled, they will be derived again: {}: {}", first,
                        end - 1, e.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    @Override
    public List<Notification> raiseDue() {
        List<Notification> current = due.current(); // reads the projection: never under this lock
        synchronized (this) {
            Set<String> ids = new HashSet<>();
            List<Notification> fresh = new ArrayList<>();
            for (Notification n : current) {
                ids.add(n.id());
                if (raised.add(n.id())) {
                    fresh.add(n);
                }
            }
            raised.retainAll(ids);
            try {
                settle(fresh);
            } catch (RuntimeException e) {
                // not stored: raise them again next time
                fresh.forEach(n -> raised.remove(n.id()));
                LOG.warn("{} due notifications neither delivered nor stored: {}: {}", fresh.size(),
                        e.getClass().getSimpleName(), e.getMessage());
            }
            return fresh;
        }
    }

    @Override
    public List<Notification> undelivered() {
        long known = loop.journalSize(); // under the loop's read lock: never under this lock
        synchronized (this) {
            List<Notification> out = new ArrayList<>();
            Optional<Key> after = Optional.empty();
            do {
                OutboxStore.Page page = store.page(after, PAGE);
                warn(page, "skipped");
                for (Key key : page.keys()) {
                    readQueued(key).ifPresent(out::add);
                    if (out.size() == LISTED) {
                        return List.copyOf(out);
                    }
                }
                after = page.next();
            } while (after.isPresent());
            // events whose notifications are not known to be settled (after a crash, or another instance's)
            for (long[] gap : handled.gaps(markBefore(known), known)) {
                for (long s = gap[0]; s < gap[1]; s += PAGE) {
                    for (Notification n : derive(loop.events(LongStream.range(s, Math.min(gap[1], s + PAGE)).toArray()))) {
                        out.add(n);
                        if (out.size() == LISTED) {
                            return List.copyOf(out);
                        }
                    }
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * @return the undelivered notifications in storage as this instance knows them: counted in
     *     storage the first time (listing only, no object read), then kept up to date with what this
     *     instance queues and redelivers
     */
    public long undeliveredKnown() {
        long known = undeliveredCount.get();
        return known >= 0 ? known : countUndelivered();
    }

    /** @return the count as last known, without asking the storage; -1 if never counted */
    public long undeliveredKnownWithoutCounting() {
        return undeliveredCount.get();
    }

    /**
     * Counts the stored undelivered notifications, listing the queue without reading any object:
     * changes nothing.
     *
     * @return how many there are, the unreadable ones included
     * @throws ProviderException if the storage fails
     */
    public synchronized long countUndelivered() {
        long n = 0;
        Optional<Key> after = Optional.empty();
        do {
            OutboxStore.Page page = store.page(after, PAGE);
            n += page.keys().size() + page.problems().size();
            after = page.next();
        } while (after.isPresent());
        undeliveredCount.set(n);
        return n;
    }

    @Override
    public int redeliver() {
        long known = loop.journalSize(); // under the loop's read lock: never under this lock
        synchronized (this) {
            advance(known);
            Set<Recipient> failed = new HashSet<>();
            int remaining = 0;
            Optional<Key> after = Optional.empty();
            do {
                OutboxStore.Page page = store.page(after, PAGE);
                remaining += warn(page, "kept");
                for (Key key : page.keys()) {
                    Notification n;
                    try {
                        n = store.read(key);
                    } catch (NotFoundException gone) {
                        continue; // redelivered by another instance meanwhile
                    } catch (IntegrityException bad) {
                        LOG.warn("undelivered notification {} is unreadable and kept: {}", key, bad.getMessage());
                        remaining++;
                        continue;
                    }
                    Recipient r = n.recipient();
                    if (failed.contains(r) || !attempt(n)) {
                        failed.add(r);
                        remaining++;
                        continue;
                    }
                    OutboxCrashPoint.REDELIVERED.reach();
                    store.remove(key);
                    OutboxCrashPoint.REMOVED.reach();
                }
                after = page.next();
            } while (after.isPresent());
            blocked = failed;
            undeliveredCount.set(remaining);
            return remaining;
        }
    }

    /** Delivers each, in order, or stores it: on failure, or behind one already queued for the same recipient. */
    private void settle(List<Notification> ns) {
        if (ns.isEmpty()) {
            return;
        }
        Set<Recipient> held = blocked();
        List<Notification> queue = new ArrayList<>();
        for (Notification n : ns) {
            if (!held.contains(n.recipient()) && attempt(n)) {
                OutboxCrashPoint.DELIVERED.reach();
            } else {
                held.add(n.recipient());
                queue.add(n);
            }
        }
        if (queue.isEmpty()) {
            return;
        }
        long first = store.reserve(queue.size());
        OutboxCrashPoint.RESERVED.reach();
        for (int i = 0; i < queue.size(); i++) {
            store.put(first + i, queue.get(i));
            undeliveredCount.getAndUpdate(n -> n < 0 ? n : n + 1);
            OutboxCrashPoint.QUEUED.reach();
        }
    }

    /**
     * Moves the stored mark to {@code target}, first settling the notifications of every event
     * below it that this instance has not settled itself (derived from the journal).
     */
    private void advance(long target) {
        for (int attempt = 1; ; attempt++) {
            long from = markBefore(target);
            if (from >= target) {
                handled.dropBelow(from);
                return;
            }
            settleGaps(from, target);
            OutboxStore.Mark m = store.mark(); // a reservation may have read a newer one
            if (m.notified() >= target) {
                continue;
            }
            try {
                store.write(target, m.queued());
                OutboxCrashPoint.MARKED.reach();
                handled.dropBelow(target);
                return;
            } catch (ConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                store.reload();
            }
        }
    }

    /**
     * @return the stored mark, read again if the one last known leaves events below {@code to} that
     *     this instance has not settled — another instance may have settled them since, and an
     *     outdated mark would make this one derive and send their notifications again
     */
    private long markBefore(long to) {
        long known = store.mark().notified();
        if (known < to && !handled.gaps(known, to).isEmpty()) {
            return store.reload().notified();
        }
        return known;
    }

    /** Settles the notifications of the events in {@code [from, to)} this instance has not settled, read from the journal. */
    private void settleGaps(long from, long to) {
        for (long[] gap : handled.gaps(from, to)) {
            for (long s = gap[0]; s < gap[1]; s += PAGE) {
                long e = Math.min(gap[1], s + PAGE);
                settle(derive(loop.events(LongStream.range(s, e).toArray())));
                handled.add(s, e);
            }
        }
    }

    /** @return the recipients with notifications queued, read from storage once */
    private Set<Recipient> blocked() {
        if (blocked == null) {
            Set<Recipient> found = new HashSet<>();
            try {
                Optional<Key> after = Optional.empty();
                do {
                    OutboxStore.Page page = store.page(after, PAGE);
                    warn(page, "skipped");
                    for (Key key : page.keys()) {
                        readQueued(key).ifPresent(n -> found.add(n.recipient()));
                    }
                    after = page.next();
                } while (after.isPresent());
            } catch (ProviderException e) {
                // deliver what can be delivered; the order is kept again once the queue can be read
                LOG.warn("undelivered notifications not readable: {}: {}", e.getClass().getSimpleName(), e.getMessage());
                return found;
            }
            blocked = found;
        }
        return blocked;
    }

    /**
     * Logs the objects of the queue that its listing reports as foreign or damaged: never removed
     * unread, an operator can look at them.
     *
     * @return how many there are
     */
    private static int warn(OutboxStore.Page page, String done) {
        for (ContentProblem p : page.problems()) {
            LOG.warn("undelivered notification {} is unreadable and {} ({}): {}", p.key(), done, p.reason(), p.detail());
        }
        return page.problems().size();
    }

    /** @return the stored notification, or empty if it is gone (delivered by another instance) or unreadable */
    private Optional<Notification> readQueued(Key key) {
        try {
            return Optional.of(store.read(key));
        } catch (NotFoundException gone) {
            return Optional.empty();
        } catch (IntegrityException bad) {
            // kept, never removed unread: an operator can look at it
            LOG.warn("undelivered notification {} is unreadable and skipped: {}", key, bad.getMessage());
            return Optional.empty();
        }
    }

    private boolean attempt(Notification n) {
        try {
            target.deliver(n);
            return true;
        } catch (RuntimeException e) {
            // any failure, not only the contract's UnavailableException: a faulty adapter must not
            // make a recorded change look failed to the caller, who would then repeat it
            LOG.warn("notification {} ({}) not delivered: {}: {}", n.id(), n.type(), e.getClass().getSimpleName(),
                    e.getMessage());
            return false;
        }
    }

    private static List<Notification> derive(List<JournalEvent> events) {
        List<Notification> out = new ArrayList<>(0);
        for (JournalEvent e : events) {
            Notification n = EventNotifications.forEvent(e);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
