package io.github.aktenlift.notification;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.Tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What time alone makes due, as notifications with ids stable per occasion: an overdue recall (per
 * recall), a due pickup and files due for destruction on no open list (per day and set of files).
 * Reads the projection through the loop; holds no state. Thread-safe.
 */
final class DueNotifications {

    private final Clock clock;
    private final CommandLoop loop;
    private final Tracking tracking;
    private final PickupPlanner planner;

    DueNotifications(CommandLoop loop, Tracking tracking, PickupPlanner planner) {
        this.clock = loop.clock();
        this.loop = loop;
        this.tracking = tracking;
        this.planner = planner;
    }

    /** @return every notification whose occasion lasts now, in a fixed order */
    List<Notification> current() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        List<Notification> current = new ArrayList<>();
        for (Overdue o : tracking.overdue()) {
            if (o.reason() == Overdue.Reason.RECALL) {
                current.add(new Notification("recall-overdue-" + o.barcode().value() + "-" + o.since().getEpochSecond(),
                        NotificationType.OVERDUE, Recipient.role(EventNotifications.OFFICE), now,
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
                    NotificationType.PICKUP_PROPOSED, Recipient.role(EventNotifications.OFFICE), now, details));
        }
        List<String> destroy = dueForDestructionOnNoOpenList();
        if (!destroy.isEmpty()) {
            current.add(new Notification("destruction-due-" + today + "-" + digest(destroy),
                    NotificationType.DESTRUCTION_DUE, Recipient.role(EventNotifications.OFFICE), now,
                    Map.of("files", Integer.toString(destroy.size()))));
        }
        return current;
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
