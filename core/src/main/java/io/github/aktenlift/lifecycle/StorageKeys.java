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

    /**
     * The rendition of one document (or {@code case-file}) of a case file's capture. Evidence: a
     * capture's objects are named by its number ({@link Payload#CAPTURE}), which no later capture of
     * the case file takes again (ingest starts after the latest recorded number and skips numbers
     * that already hold objects), and are stored with create-if-absent, so that nothing a journal
     * event names is ever replaced — not by a rescan that reuses a delivery id, not by a second
     * ingest of the same delivery.
     *
     * @param capture the capture's number, from 1
     * @return {@code renditions/<barcode>/<capture>/<document>.pdf}
     */
    public static Key rendition(String barcode, int capture, String documentOrCaseFile) {
        return Key.of(renditions(barcode, capture) + "/" + documentOrCaseFile + ".pdf");
    }

    /** @return the prefix under which a capture's renditions lie ({@link #rendition}) */
    public static String renditions(String barcode, int capture) {
        return "renditions/" + barcode + "/" + number(capture);
    }

    /**
     * The scan protocol (JSON) of a case file's capture: under its number, like its renditions
     * ({@link #rendition}); a capture recorded without a number has it under its delivery.
     *
     * @param deliveryId the capture's delivery, which names the key only where {@code capture} is 0
     * @param capture the capture's number, or 0 for a capture recorded before captures had numbers
     * @return {@code protocols/<barcode>/<capture>.json}, or {@code protocols/<barcode>/<deliveryId>.json}
     */
    public static Key protocolJson(String barcode, String deliveryId, int capture) {
        return Key.of("protocols/" + barcode + "/" + (capture == 0 ? deliveryId : number(capture)) + ".json");
    }

    /** @return the scan protocol (PDF/A) of a case file's capture, next to its JSON ({@link #protocolJson}) */
    public static Key protocolPdf(String barcode, String deliveryId, int capture) {
        return Key.of("protocols/" + barcode + "/" + (capture == 0 ? deliveryId : number(capture)) + ".pdf");
    }

    /**
     * A document of a digital transfer, as its sender sent it. Evidence: stored create-if-absent
     * and named by the transfer's id, which is unique among digital transfers, and the document's
     * position and name.
     *
     * @param position the document's position in the transfer, from 1
     * @return {@code intake/<transferId>/<nn>-<name>}
     */
    public static Key intakeDocument(String transferId, int position, String name) {
        return Key.of("intake/" + transferId + "/" + String.format("%02d", position) + "-" + name);
    }

    /**
     * The intake record (PDF/A) of a digital transfer: what was received from whom, and the checks.
     *
     * @return {@code intake/<transferId>/record-<barcode>.pdf}
     */
    public static Key intakeRecord(String transferId, String barcode) {
        return Key.of("intake/" + transferId + "/record-" + barcode + ".pdf");
    }

    private static String number(int capture) {
        if (capture < 1) {
            throw new IllegalArgumentException("a capture's number starts at 1: " + capture);
        }
        return Integer.toString(capture);
    }

    /** @return an undelivered notification, by its queue number: 20 digits, so that keys sort by number */
    public static Key undelivered(long number) {
        return Key.of(UNDELIVERED + "/" + String.format("%020d", number));
    }

    /**
     * The RFC 3161 token over a journal checkpoint's hash, by the checkpoint's position in its log:
     * 20 digits, so that keys sort by position. Stored with create-if-absent, once.
     *
     * @param checkpoint the checkpoint's position, from 0
     * @return {@code journal/timestamps/<position>.tsr}
     */
    public static Key checkpointTimestamp(long checkpoint) {
        return Key.of("journal/timestamps/" + String.format("%020d", checkpoint) + ".tsr");
    }

    /**
     * The detached CAdES seal of a sealed capture's scan protocol JSON, beside it.
     *
     * @param protocolJson the protocol's key ({@link #protocolJson})
     * @return {@code <protocol key>.p7s}
     */
    public static Key protocolSeal(Key protocolJson) {
        return Key.of(protocolJson.value() + ".p7s");
    }

    /**
     * A renewed version of a stored rendition: beside the original, which stays.
     *
     * @param rendition the original's key ({@link #rendition})
     * @param renewal the renewal's number, from 1
     * @return {@code <rendition key without .pdf>.renewed-<n>.pdf}
     */
    public static Key renewedRendition(Key rendition, int renewal) {
        String v = rendition.value();
        String base = v.endsWith(".pdf") ? v.substring(0, v.length() - 4) : v;
        return Key.of(base + ".renewed-" + number(renewal) + ".pdf");
    }

    /** @return a stored baseline inventory */
    public static Key baseline(String id) {
        return Key.of("inventory/baseline/" + id + ".csv");
    }
}
