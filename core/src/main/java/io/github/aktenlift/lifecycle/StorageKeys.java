package io.github.aktenlift.lifecycle;

import io.github.aktenlift.spi.storage.Key;

/**
 * Where Aktenlift keeps what it stores: every key of the journal's logs and of stored content is
 * made here and nowhere else. The keys are part of the stored format: journals name them (a
 * capture's delivery, a baseline's key), and existing stores must stay readable.
 */
public final class StorageKeys {

    /** The tracking journal's events. */
    public static final Key EVENTS = Key.of("journal/events");
    /** The journal's checkpoints over all stream heads. */
    public static final Key CHECKPOINTS = Key.of("journal/checkpoints");
    /** The journal's head record: how far it reached when its newest append was acknowledged. */
    public static final Key HEAD = Key.of("journal/head");
    /** The subject register: personal data, apart from the journal. */
    public static final Key SUBJECTS = Key.of("subjects/entries");
    /** The notification outbox's record (in the record store): how far the journal is notified, the next queue number. */
    public static final Key OUTBOX = Key.of("notifications/outbox");
    /** The prefix of undelivered notifications in the content store, one object each. */
    public static final String UNDELIVERED = "notifications/undelivered";

    private StorageKeys() {
    }

    /** @return the rendition of one document (or {@code case-file}) of a case file's capture in a delivery */
    public static Key rendition(String barcode, String deliveryId, String documentOrCaseFile) {
        return Key.of("renditions/" + barcode + "/" + deliveryId + "/" + documentOrCaseFile + ".pdf");
    }

    /** @return the scan protocol (JSON) of a case file's capture in a delivery */
    public static Key protocolJson(String barcode, String deliveryId) {
        return Key.of("protocols/" + barcode + "/" + deliveryId + ".json");
    }

    /** @return the scan protocol (PDF/A) of a case file's capture in a delivery */
    public static Key protocolPdf(String barcode, String deliveryId) {
        return Key.of("protocols/" + barcode + "/" + deliveryId + ".pdf");
    }

    /** @return an undelivered notification, by its queue number: 20 digits, so that keys sort by number */
    public static Key undelivered(long number) {
        return Key.of(UNDELIVERED + "/" + String.format("%020d", number));
    }

    /** @return a stored baseline inventory */
    public static Key baseline(String id) {
        return Key.of("inventory/baseline/" + id + ".csv");
    }
}
