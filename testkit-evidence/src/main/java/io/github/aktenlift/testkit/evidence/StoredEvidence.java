package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a storage holds for Aktenlift, read through the SPI into memory: the journal's logs, its
 * records, and every content object. Immutable; {@link #copyInto} writes it, or a tampered variant
 * of it, into another storage through the SPI.
 *
 * <p>The keys are Aktenlift's stored format (see docs/integrity.md and core's storage keys); they
 * are repeated here because core does not export where it keeps them.
 */
final class StoredEvidence {

    /** The tracking journal's events. */
    static final Key EVENTS = Key.of("journal/events");
    /** The journal's checkpoints. */
    static final Key CHECKPOINTS = Key.of("journal/checkpoints");
    /** The subject register. */
    static final Key SUBJECTS = Key.of("subjects/entries");
    /** The journal's head record. */
    static final Key HEAD = Key.of("journal/head");
    /** The notification outbox's record. */
    static final Key OUTBOX = Key.of("notifications/outbox");

    private static final List<Key> LOGS = List.of(EVENTS, CHECKPOINTS, SUBJECTS);
    private static final List<Key> RECORDS = List.of(HEAD, OUTBOX);
    /** Entries per append when a log is copied: a few batches, cheap for every adapter. */
    static final int BATCH = 512;

    final Map<Key, List<byte[]>> logs;
    final Map<Key, byte[]> records;
    final SortedMap<Key, byte[]> content;

    private StoredEvidence(Map<Key, List<byte[]>> logs, Map<Key, byte[]> records, SortedMap<Key, byte[]> content) {
        this.logs = logs;
        this.records = records;
        this.content = content;
    }

    /** Reads everything through the SPI. */
    static StoredEvidence read(Storage storage) {
        Map<Key, List<byte[]>> logs = new LinkedHashMap<>();
        for (Key log : LOGS) {
            List<byte[]> entries = new ArrayList<>();
            long n = storage.logs().length(log);
            while (entries.size() < n) {
                for (LogEntry e : storage.logs().read(log, entries.size(), 4096)) {
                    entries.add(e.data());
                }
            }
            logs.put(log, Collections.unmodifiableList(entries));
        }
        Map<Key, byte[]> records = new LinkedHashMap<>();
        for (Key r : RECORDS) {
            storage.records().get(r).map(VersionedRecord::value).ifPresent(v -> records.put(r, v));
        }
        SortedMap<Key, byte[]> content = new TreeMap<>();
        Optional<Key> after = Optional.empty();
        do {
            ContentPage page = storage.content().list("", after, 1000);
            for (ContentInfo info : page.items()) {
                try (InputStream in = storage.content().get(info.key())) {
                    content.put(info.key(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            after = page.next();
        } while (after.isPresent());
        return new StoredEvidence(Collections.unmodifiableMap(logs), Collections.unmodifiableMap(records),
                Collections.unmodifiableSortedMap(content));
    }

    /** @return the events log's entries */
    List<byte[]> events() {
        return logs.get(EVENTS);
    }

    /** @return the checkpoints log's entries */
    List<byte[]> checkpoints() {
        return logs.get(CHECKPOINTS);
    }

    /** @return the subject register's entries */
    List<byte[]> subjects() {
        return logs.get(SUBJECTS);
    }

    /** @return this evidence with one log replaced */
    StoredEvidence withLog(Key log, List<byte[]> entries) {
        Map<Key, List<byte[]>> l = new LinkedHashMap<>(logs);
        l.put(log, entries);
        return new StoredEvidence(l, records, content);
    }

    /** @return this evidence with one record replaced */
    StoredEvidence withRecord(Key key, byte[] value) {
        Map<Key, byte[]> r = new LinkedHashMap<>(records);
        r.put(key, value);
        return new StoredEvidence(logs, r, content);
    }

    /** @return this evidence with one content object replaced */
    StoredEvidence withContent(Key key, byte[] value) {
        SortedMap<Key, byte[]> c = new TreeMap<>(content);
        c.put(key, value);
        return new StoredEvidence(logs, records, c);
    }

    /**
     * Writes logs and records, and content if asked, into an empty storage through the SPI. A log
     * goes in a few batches; an empty log is not written at all.
     *
     * @param storage an empty storage
     * @param withContent whether content objects are copied too (plain verification reads none)
     */
    void copyInto(Storage storage, boolean withContent) {
        for (Map.Entry<Key, List<byte[]>> log : logs.entrySet()) {
            List<byte[]> entries = log.getValue();
            for (int from = 0; from < entries.size(); from += BATCH) {
                storage.logs().append(log.getKey(), from, entries.subList(from, Math.min(entries.size(), from + BATCH)));
            }
        }
        for (Map.Entry<Key, byte[]> r : records.entrySet()) {
            storage.records().compareAndSet(r.getKey(), 0, r.getValue());
        }
        if (withContent) {
            for (Map.Entry<Key, byte[]> c : content.entrySet()) {
                storage.content().put(c.getKey(), new ByteArrayInputStream(c.getValue()));
            }
        }
    }
}
