package io.github.aktenlift.notification;

import io.github.aktenlift.Notifications;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.DestructionLedger;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.tracking.Tracking;

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

/**
 * Every notification goes through here: the outcomes the journal records (mapped from events after
 * they are committed) and what time makes due. Delivery is best effort; a failure is logged and
 * queued for {@link #redeliver()}, never thrown at the caller, whose change is already recorded.
 * Implements {@link Notifier} so that capture's notifications take the same path.
 */
public final class NotificationOutbox implements Notifier, Notifications {

    /** The role told about outcomes at the office. */
    public static final String OFFICE = "office";
    /** The role told about outcomes at the scan service. */
    public static final String SCAN_SERVICE = "scan-service";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final int MAX_UNDELIVERED = 10_000;

    private final Notifier target;
    private final Clock clock;
    private final CommandLoop loop;
    private final Tracking tracking;
    private final PickupPlanner planner;
    private final ArrayDeque<Notification> undelivered = new ArrayDeque<>();
    /** Ids {@link #raiseDue()} has raised whose occasion still lasts. */
    private final Set<String> raised = new HashSet<>();

    /**
     * @param target where notifications go
     * @param loop the command loop, for the time and the destruction lists
     * @param tracking what is overdue and due for destruction
     * @param planner whether a pickup is due
     */
    public NotificationOutbox(Notifier target, CommandLoop loop, Tracking tracking, PickupPlanner planner) {
        this.target = target;
        this.clock = loop.clock();
        this.loop = loop;
        this.tracking = tracking;
        this.planner = planner;
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

    /** Notifies the outcomes among freshly committed events; a listener of the command loop. */
    public void afterCommit(List<JournalEvent> events) {
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
                    Map.of("barcode", subject(e), "reasons", e.get(Payload.REASONS)));
            case TRANSFER_REGISTERED -> new Notification(id(e), NotificationType.TRANSFER_REGISTERED,
                    Recipient.role(OFFICE), e.time(), Map.of("barcode", subject(e), "receivedOn", e.get(Payload.RECEIVED_ON)));
            case RECALL_SERVED -> new Notification(id(e), NotificationType.RECALL_SERVED, Recipient.role(OFFICE), e.time(),
                    Map.of("barcode", subject(e), "mode", e.get(Payload.MODE)));
            case DESTRUCTION_LISTED -> e.get(Payload.FILES).isEmpty() ? null
                    : new Notification(id(e), NotificationType.DESTRUCTION_DUE, Recipient.role(OFFICE), e.time(),
                            Map.of("list", subject(e), "files", Integer.toString(e.get(Payload.FILES).split(",").length),
                                    "excluded", Long.toString(count(e, Payload.EXCLUDED_PREFIX))));
            case DESTRUCTION_CONFIRMED -> new Notification(id(e), NotificationType.DESTRUCTION_CONFIRMED,
                    Recipient.role(OFFICE), e.time(), Map.of("list", subject(e), "certificate", e.get(Payload.CERTIFICATE),
                            "destroyed", e.get(Payload.DESTROYED),
                            "skipped", Long.toString(count(e, Payload.SKIPPED_PREFIX))));
            default -> null;
        };
    }

    private static String id(JournalEvent e) {
        return "event-" + e.sequence();
    }

    /** @return the stream's name without its type: the barcode or list id */
    private static String subject(JournalEvent e) {
        return Streams.subject(e.stream());
    }

    private static long count(JournalEvent e, String prefix) {
        return e.payload().keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    @Override
    public synchronized List<Notification> raiseDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<Notification> current = new ArrayList<>();
        for (Overdue o : tracking.overdue()) {
            if (o.reason() == Overdue.Reason.RECALL) {
                current.add(new Notification("recall-overdue-" + o.barcode().value() + "-" + o.since().getEpochSecond(),
                        NotificationType.OVERDUE, Recipient.role(OFFICE), now,
                        Map.of("barcode", o.barcode().value(), "reason", o.reason().name(), "mode", o.state(),
                                "dueAt", o.dueAt().toString())));
            }
        }
        if (planner.propose() instanceof PickupProposal.Due d) {
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
        List<String> destroy = dueForDestructionOnNoOpenList();
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

    /** @return the barcodes due for destruction that are on no open destruction list */
    private List<String> dueForDestructionOnNoOpenList() {
        List<Barcode> due = tracking.dueForDestruction();
        return loop.read(s -> due.stream().filter(b -> !s.destructions().onOpenList(b)).map(Barcode::value).toList());
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
