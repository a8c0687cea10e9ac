package io.github.aktenlift;

import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Every notification goes through here: the outcomes the journal records (mapped from events after
 * they are committed) and what time makes due. Delivery is best effort; a failure is logged and
 * queued for {@link #redeliver()}, never thrown at the caller, whose change is already recorded.
 * Implements {@link Notifier} so that capture's notifications take the same path.
 */
final class NotificationOutbox implements Notifier, Notifications {

    static final String OFFICE = "office";
    static final String SCAN_SERVICE = "scan-service";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final int MAX_UNDELIVERED = 10_000;

    /** What {@link #raiseDue()} reads: the planner's proposal, the overdue list, the files due for destruction. */
    interface DueSource {
        PickupProposal proposal();

        List<Overdue> overdue();

        List<String> dueForDestructionOnNoOpenList();
    }

    private final Notifier target;
    private final Clock clock;
    private final Supplier<DueSource> due;
    private final ArrayDeque<Notification> undelivered = new ArrayDeque<>();
    /** Ids {@link #raiseDue()} has raised whose occasion still lasts. */
    private final Set<String> raised = new HashSet<>();

    NotificationOutbox(Notifier target, Clock clock, Supplier<DueSource> due) {
        this.target = target;
        this.clock = clock;
        this.due = due;
    }

    /** Delivers or queues; never throws. */
    @Override
    public void deliver(Notification n) {
        if (!attempt(n)) {
            synchronized (undelivered) {
                if (undelivered.size() == MAX_UNDELIVERED) {
                    Notification dropped = undelivered.removeFirst();
                    LOG.warn("undelivered queue full: notification {} dropped", dropped.id());
                }
                undelivered.addLast(n);
            }
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

    @Override
    public List<Notification> undelivered() {
        synchronized (undelivered) {
            return List.copyOf(undelivered);
        }
    }

    @Override
    public int redeliver() {
        synchronized (undelivered) {
            for (Iterator<Notification> it = undelivered.iterator(); it.hasNext(); ) {
                if (attempt(it.next())) {
                    it.remove();
                }
            }
            return undelivered.size();
        }
    }

    /** Notifies the outcomes among freshly committed events. */
    void afterCommit(List<JournalEvent> events) {
        for (JournalEvent e : events) {
            Notification n = forEvent(e);
            if (n != null) {
                deliver(n);
            }
        }
    }

    /** @return the notification an event calls for, or {@code null} */
    static Notification forEvent(JournalEvent e) {
        // most events call for none: build id and subject only for those that do
        return switch (e.kind()) {
            case QA_FAILED -> new Notification(id(e), NotificationType.QA_FAILED, Recipient.role(SCAN_SERVICE), e.time(),
                    Map.of("barcode", subject(e), "reasons", e.get("reasons")));
            case TRANSFER_REGISTERED -> new Notification(id(e), NotificationType.TRANSFER_REGISTERED,
                    Recipient.role(OFFICE), e.time(), Map.of("barcode", subject(e), "receivedOn", e.get("receivedOn")));
            case RECALL_SERVED -> new Notification(id(e), NotificationType.RECALL_SERVED, Recipient.role(OFFICE), e.time(),
                    Map.of("barcode", subject(e), "mode", e.get("mode")));
            case DESTRUCTION_LISTED -> e.get("files").isEmpty() ? null
                    : new Notification(id(e), NotificationType.DESTRUCTION_DUE, Recipient.role(OFFICE), e.time(),
                            Map.of("list", subject(e), "files", Integer.toString(e.get("files").split(",").length),
                                    "excluded", Long.toString(count(e, DestructionLedger.EXCLUDED))));
            case DESTRUCTION_CONFIRMED -> new Notification(id(e), NotificationType.DESTRUCTION_CONFIRMED,
                    Recipient.role(OFFICE), e.time(), Map.of("list", subject(e), "certificate", e.get("certificate"),
                            "destroyed", e.get("destroyed"),
                            "skipped", Long.toString(count(e, DestructionLedger.SKIPPED))));
            default -> null;
        };
    }

    private static String id(JournalEvent e) {
        return "event-" + e.sequence();
    }

    /** @return the stream's name without its type: the barcode or list id */
    private static String subject(JournalEvent e) {
        return e.stream().substring(e.stream().indexOf('/') + 1);
    }

    private static long count(JournalEvent e, String prefix) {
        return e.payload().keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    @Override
    public synchronized List<Notification> raiseDue() {
        DueSource source = due.get();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<Notification> current = new ArrayList<>();
        for (Overdue o : source.overdue()) {
            if (o.reason() == Overdue.Reason.RECALL) {
                current.add(new Notification("recall-overdue-" + o.barcode().value() + "-" + o.since().getEpochSecond(),
                        NotificationType.OVERDUE, Recipient.role(OFFICE), now,
                        Map.of("barcode", o.barcode().value(), "reason", o.reason().name(), "mode", o.state(),
                                "dueAt", o.dueAt().toString())));
            }
        }
        if (source.proposal() instanceof PickupProposal.Due d) {
            List<String> files = d.waiting().stream().map(w -> w.barcode().value()).toList();
            Map<String, String> details = new TreeMap<>();
            details.put("date", d.date().toString());
            details.put("files", Integer.toString(files.size()));
            details.put("boxes", Integer.toString(d.boxes().size()));
            details.put("recalls", Long.toString(d.waiting().stream().filter(w -> w.recall().isPresent()).count()));
            details.put("triggers", String.join(",", d.triggers().stream().map(Enum::name).toList()));
            current.add(new Notification("pickup-proposed-" + today + "-" + digest(files),
                    NotificationType.PICKUP_PROPOSED, Recipient.role(OFFICE), now, details));
        }
        List<String> destroy = source.dueForDestructionOnNoOpenList();
        if (!destroy.isEmpty()) {
            current.add(new Notification("destruction-due-" + today + "-" + digest(destroy),
                    NotificationType.DESTRUCTION_DUE, Recipient.role(OFFICE), now,
                    Map.of("files", Integer.toString(destroy.size()))));
        }
        Set<String> ids = new HashSet<>();
        List<Notification> fresh = new ArrayList<>();
        for (Notification n : current) {
            ids.add(n.id());
            if (raised.add(n.id())) {
                fresh.add(n);
            }
        }
        raised.retainAll(ids);
        fresh.forEach(this::deliver);
        return fresh;
    }

    /** @return 12 hex digits identifying a set of barcodes */
    private static String digest(List<String> barcodes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String b : barcodes.stream().sorted().toList()) {
                md.update(b.getBytes(StandardCharsets.US_ASCII));
                md.update((byte) ',');
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
