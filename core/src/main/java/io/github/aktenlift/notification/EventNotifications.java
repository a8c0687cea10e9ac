package io.github.aktenlift.notification;

import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.tracking.JournalEvent;

import java.util.Map;

/**
 * The notification an outcome recorded in the journal calls for: a pure function of the event, so
 * that it can be derived again from the journal at any time — which is how the outbox makes up for
 * a crash between the journal's commit and the notification (see {@link NotificationOutbox}). Its
 * id, {@code event-<sequence>}, is the same every time.
 */
final class EventNotifications {

    /** The role told about outcomes at the office. */
    static final String OFFICE = "office";
    /** The role told about outcomes at the scan service. */
    static final String SCAN_SERVICE = "scan-service";

    private EventNotifications() {
    }

    /** @return the notification the event calls for, or {@code null} */
    static Notification forEvent(JournalEvent e) {
        // most events call for none: build id and subject only for those that do
        return switch (e.kind()) {
            case QA_FAILED -> new Notification(id(e), NotificationType.QA_FAILED, Recipient.role(SCAN_SERVICE), e.time(),
                    Map.of("barcode", subject(e), "reasons", e.get(Payload.REASONS)));
            case TRANSFER_REGISTERED -> new Notification(id(e), NotificationType.TRANSFER_REGISTERED,
                    Recipient.role(OFFICE), e.time(), Map.of("barcode", subject(e), "receivedOn", e.get(Payload.RECEIVED_ON)));
            case DIGITAL_TRANSFER_RECEIVED -> new Notification(id(e), NotificationType.TRANSFER_REGISTERED,
                    Recipient.role(OFFICE), e.time(), Map.of("barcode", subject(e), "receivedOn", e.get(Payload.RECEIVED_ON),
                            "transfer", e.get(Payload.TRANSFER)));
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
}
