package io.github.aktenlift.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the outbox keeps in the storage, and the one place its stored format is written and read:
 *
 * <ul>
 *   <li>the record {@link StorageKeys#OUTBOX} — {@code {"format":"aktenlift-outbox/1",
 *       "notified":N,"queued":Q}}: the notifications of every journal event with a sequence
 *       below {@code N} have been delivered or stored here; {@code Q} is the next queue number.
 *       No record means {@code N = 0, Q = 0};</li>
 *   <li>one content object per undelivered notification, {@link StorageKeys#undelivered(long)}
 *       ({@code notifications/undelivered/<20-digit queue number>}), so that listing them gives
 *       the order they were queued in — {@code {"format":"aktenlift-outbox/1","id":…,"type":…,
 *       "recipientKind":"ROLE"|"ADDRESS","recipient":…,"createdAt":"<ISO-8601 instant>",
 *       "details":{…}}}, identifiers and counts only, never personal data. An object is removed
 *       once its notification is delivered, so storage holds only what is undelivered.</li>
 * </ul>
 *
 * <p>Caches the record's last known version; a compare-and-set that loses to another instance is
 * a {@link ConflictException} for the caller, who reloads. Not thread-safe: the outbox serialises.
 */
final class OutboxStore {

    /** The stored format's name, in every document. */
    static final String FORMAT = "aktenlift-outbox/1";
    private static final int MAX_ATTEMPTS = 32;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    /** The record as stored. */
    record StoredMark(String format, long notified, long queued) {
    }

    /** An undelivered notification as stored. */
    record StoredNotification(String format, String id, String type, String recipientKind, String recipient,
            String createdAt, Map<String, String> details) {
    }

    /**
     * The record as last read or written.
     *
     * @param version its version; 0 if there is none yet
     * @param notified every event below this sequence is notified or queued
     * @param queued the next queue number
     */
    record Mark(long version, long notified, long queued) {
    }

    /**
     * One page of the queue's keys, in queue order; {@code next} is empty on the last page;
     * {@code problems} are the objects among them that the store cannot list (foreign or damaged),
     * kept for an operator.
     */
    record Page(List<Key> keys, Optional<Key> next, List<ContentProblem> problems) {
    }

    private final RecordStore records;
    private final ContentStore content;
    private final long start;
    private Mark mark;

    /**
     * @param start where the mark starts when no record exists yet: the journal's length as this
     *     instance opened it. A journal written before the outbox existed had its notifications
     *     sent (best effort) by the version that recorded them; starting at its end keeps an upgrade
     *     from sending its whole history again. On a new store it is 0.
     */
    OutboxStore(Storage storage, long start) {
        this.records = storage.records();
        this.content = storage.content();
        this.start = start;
    }

    /** @return the record as last known, read once on first use */
    Mark mark() {
        if (mark == null) {
            mark = read();
        }
        return mark;
    }

    /** @return the record as stored now */
    Mark reload() {
        mark = read();
        return mark;
    }

    private Mark read() {
        Optional<VersionedRecord> r = records.get(StorageKeys.OUTBOX);
        if (r.isEmpty()) {
            return new Mark(0, start, 0);
        }
        StoredMark s = parse(r.get().value(), StoredMark.class, StorageKeys.OUTBOX);
        if (!FORMAT.equals(s.format()) || s.notified() < 0 || s.queued() < 0) {
            throw new IntegrityException(StorageKeys.OUTBOX.value(), "is not an outbox record of format " + FORMAT);
        }
        return new Mark(r.get().version(), s.notified(), s.queued());
    }

    /**
     * Writes the record if it is still at the version last known.
     *
     * @throws ConflictException if another instance wrote it since; nothing was written
     */
    Mark write(long notified, long queued) {
        Mark m = mark();
        long version = records.compareAndSet(StorageKeys.OUTBOX, m.version(), bytes(new StoredMark(FORMAT, notified, queued)));
        mark = new Mark(version, notified, queued);
        return mark;
    }

    /**
     * Reserves queue numbers, reloading and retrying while other instances win.
     *
     * @return the first of {@code count} consecutive numbers, which no other caller ever gets
     */
    long reserve(int count) {
        for (int attempt = 1; ; attempt++) {
            Mark m = mark();
            try {
                write(m.notified(), m.queued() + count);
                return m.queued();
            } catch (ConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                reload();
            }
        }
    }

    /** Stores an undelivered notification under its queue number. */
    void put(long number, Notification n) {
        StoredNotification s = new StoredNotification(FORMAT, n.id(), n.type().name(), n.recipient().kind().name(),
                n.recipient().value(), n.createdAt().toString(), n.details());
        content.put(StorageKeys.undelivered(number), new ByteArrayInputStream(bytes(s)));
    }

    /** @return up to {@code limit} keys of undelivered notifications after {@code after}, oldest first */
    Page page(Optional<Key> after, int limit) {
        ContentPage p = content.list(StorageKeys.UNDELIVERED, after, limit);
        return new Page(p.items().stream().map(ContentInfo::key).toList(), p.next(), p.problems());
    }

    /**
     * @return the undelivered notification stored under the key
     * @throws io.github.aktenlift.spi.NotFoundException if it is gone (delivered by another instance)
     * @throws IntegrityException if the object fails its hash or is not a notification of this format
     */
    Notification read(Key key) {
        byte[] bytes;
        try (InputStream in = content.get(key)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UnavailableException("reading undelivered notification " + key + " failed", e);
        }
        StoredNotification s = parse(bytes, StoredNotification.class, key);
        try {
            if (!FORMAT.equals(s.format())) {
                throw new IllegalArgumentException("format");
            }
            return new Notification(s.id(), NotificationType.valueOf(s.type()),
                    new Recipient(Recipient.Kind.valueOf(s.recipientKind()), s.recipient()), Instant.parse(s.createdAt()),
                    s.details());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IntegrityException(key.value(), "is not an undelivered notification of format " + FORMAT);
        }
    }

    /** Removes a delivered notification; removing one that is gone does nothing. */
    void remove(Key key) {
        content.delete(key);
    }

    private static byte[] bytes(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox document always serialises", e);
        }
    }

    private static <T> T parse(byte[] json, Class<T> type, Key key) {
        try {
            T t = JSON.readValue(json, type);
            if (t == null) {
                throw new IntegrityException(key.value(), "is empty");
            }
            return t;
        } catch (IOException e) {
            // Jackson's message may quote stored values; the key and the format are enough
            throw new IntegrityException(key.value(), "is not of the outbox format " + FORMAT);
        }
    }
}
