package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.spi.storage.VerifyingInputStream;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * Storage held in the heap: thread-safe, not durable, gone when the object is garbage.
 *
 * <p>Besides the SPI it offers {@link #tamper} hooks, so tests can damage stored bytes and check
 * that damage is detected.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InMemoryStorage implements Storage {

    private final Content content = new Content();
    private final Records records = new Records();
    private final Logs logs = new Logs();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Creates empty storage. */
    public InMemoryStorage() {
    }

    @Override
    public ContentStore content() {
        return content;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public LogStore logs() {
        return logs;
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return Set.of(StorageCapability.NESTED_KEYS);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** @return hooks that alter stored data behind the SPI's back, for tamper and corruption tests */
    public Tamper tamper() {
        return new Tamper();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("storage is closed");
        }
    }

    /**
     * Alters stored data behind the SPI's back. Only for tests that prove damage is detected.
     *
     * @since 0.1
     */
    public final class Tamper {
        private Tamper() {
        }

        /**
         * Flips one bit of a stored object, keeping its recorded hash.
         *
         * @param key the object's key
         * @param offset which byte to flip
         */
        public void flipContentBit(Key key, long offset) {
            Blob b = content.blobs.get(key);
            if (b == null) {
                throw new NotFoundException(key.value());
            }
            byte[] copy = b.bytes.clone();
            copy[(int) offset] ^= 1;
            content.blobs.put(key, new Blob(copy, b.sha256, b.unusable));
        }

        /**
         * Stores an object as another tool would, without the recorded size and SHA-256: a
         * foreign object, reported as a {@link ContentProblem.Reason#FOREIGN} problem by listings.
         *
         * @param key where to store it
         * @param bytes its bytes
         */
        public void plantForeignContent(Key key, byte[] bytes) {
            content.blobs.put(key, new Blob(bytes.clone(), null, ContentProblem.Reason.FOREIGN));
        }

        /**
         * Destroys what is recorded for a stored object (its size and SHA-256), keeping its bytes:
         * a damaged object, reported as a {@link ContentProblem.Reason#DAMAGED} problem by listings.
         *
         * @param key the object's key
         */
        public void damageContentRecord(Key key) {
            Blob b = content.blobs.get(key);
            if (b == null) {
                throw new NotFoundException(key.value());
            }
            content.blobs.put(key, new Blob(b.bytes, null, ContentProblem.Reason.DAMAGED));
        }

        /**
         * Replaces a log's entries wholesale, bypassing the append-only rule.
         *
         * @param log the log's key
         * @param entries the new entries, in order
         */
        public void rewriteLog(Key log, List<byte[]> entries) {
            List<byte[]> copy = new ArrayList<>();
            for (byte[] e : entries) {
                copy.add(e.clone());
            }
            logs.logs.put(log, new LogData(copy));
        }

        /**
         * Everything this storage holds, as raw objects named by where they live: {@code content/<key>}
         * for an object's bytes, {@code records/<key>} for a record's value, and
         * {@code logs/<key>/<sequence, 10 digits>} for each log entry. What is kept beside the bytes
         * (an object's recorded size and SHA-256, a record's version) is not part of the bytes; read
         * it through the SPI ({@code head}, {@code get}).
         *
         * @return raw object name to a copy of its bytes, in name order
         * @since 0.2
         */
        public SortedMap<String, byte[]> raw() {
            SortedMap<String, byte[]> out = new TreeMap<>();
            content.blobs.forEach((k, b) -> out.put(CONTENT + k.value(), b.bytes.clone()));
            records.map.forEach((k, r) -> out.put(RECORDS + k.value(), r.value()));
            logs.logs.forEach((k, d) -> {
                synchronized (d) {
                    for (int i = 0; i < d.entries.size(); i++) {
                        String seq = Integer.toString(i);
                        out.put(LOGS + k.value() + "/" + "0".repeat(10 - seq.length()) + seq, d.entries.get(i).clone());
                    }
                }
            });
            return out;
        }

        /**
         * @param name a raw object's name, as {@link #raw()} names it
         * @return a copy of its bytes
         * @throws IllegalArgumentException if there is no such raw object
         * @since 0.2
         */
        public byte[] readRaw(String name) {
            if (name.startsWith(CONTENT)) {
                Blob b = content.blobs.get(Key.of(name.substring(CONTENT.length())));
                if (b != null) {
                    return b.bytes.clone();
                }
            } else if (name.startsWith(RECORDS)) {
                VersionedRecord r = records.map.get(Key.of(name.substring(RECORDS.length())));
                if (r != null) {
                    return r.value();
                }
            } else if (name.startsWith(LOGS) && name.lastIndexOf('/') > LOGS.length()) {
                int slash = name.lastIndexOf('/');
                LogData d = logs.logs.get(Key.of(name.substring(LOGS.length(), slash)));
                if (d != null) {
                    synchronized (d) {
                        int i = Integer.parseInt(name.substring(slash + 1));
                        if (i < d.entries.size()) {
                            return d.entries.get(i).clone();
                        }
                    }
                }
            }
            throw new IllegalArgumentException("no raw object " + name);
        }

        /**
         * Replaces the bytes of one raw object named as {@link #raw()} names it, keeping what is kept
         * beside them: an object's recorded size and SHA-256, a record's version, a log's length.
         *
         * @param name a raw object's name
         * @param bytes its new bytes; for a log entry at least one
         * @throws IllegalArgumentException if there is no such raw object
         * @since 0.2
         */
        public void writeRaw(String name, byte[] bytes) {
            byte[] copy = bytes.clone();
            if (name.startsWith(CONTENT)) {
                Key key = Key.of(name.substring(CONTENT.length()));
                Blob b = content.blobs.get(key);
                if (b == null) {
                    throw new IllegalArgumentException("no raw object " + name);
                }
                content.blobs.put(key, new Blob(copy, b.sha256, b.unusable));
                return;
            }
            if (name.startsWith(RECORDS)) {
                Key key = Key.of(name.substring(RECORDS.length()));
                VersionedRecord r = records.map.get(key);
                if (r == null) {
                    throw new IllegalArgumentException("no raw object " + name);
                }
                records.map.put(key, new VersionedRecord(key, r.version(), copy));
                return;
            }
            int slash = name.lastIndexOf('/');
            if (name.startsWith(LOGS) && slash > LOGS.length()) {
                LogData d = logs.logs.get(Key.of(name.substring(LOGS.length(), slash)));
                if (d != null) {
                    synchronized (d) {
                        int i = Integer.parseInt(name.substring(slash + 1));
                        if (i < d.entries.size()) {
                            d.entries.set(i, copy);
                            return;
                        }
                    }
                }
            }
            throw new IllegalArgumentException("no raw object " + name);
        }
    }

    private static final String CONTENT = "content/";
    private static final String RECORDS = "records/";
    private static final String LOGS = "logs/";

    /** Stored bytes; {@code unusable} is set (and {@code sha256} null) for a planted foreign or damaged object. */
    private record Blob(byte[] bytes, String sha256, ContentProblem.Reason unusable) {

        Blob(byte[] bytes, String sha256) {
            this(bytes, sha256, null);
        }

        ContentInfo info(Key key) {
            if (unusable != null) {
                throw new IntegrityException(key.value(), detail());
            }
            return new ContentInfo(key, bytes.length, sha256);
        }

        String detail() {
            return unusable == ContentProblem.Reason.FOREIGN ? "the object carries no recorded size and SHA-256"
                    : "the recorded size and SHA-256 of the object are damaged";
        }
    }

    private final class Content implements ContentStore {
        private final ConcurrentSkipListMap<Key, Blob> blobs = new ConcurrentSkipListMap<>();

        @Override
        public ContentInfo put(Key key, InputStream data) {
            Blob b = read(key, data);
            blobs.put(key, b);
            return new ContentInfo(key, b.bytes.length, b.sha256);
        }

        @Override
        public ContentInfo create(Key key, InputStream data) {
            if (blobs.containsKey(key)) {
                throw ConflictException.exists(key.value());
            }
            Blob b = read(key, data);
            if (blobs.putIfAbsent(key, b) != null) {
                throw ConflictException.exists(key.value());
            }
            return new ContentInfo(key, b.bytes.length, b.sha256);
        }

        private Blob read(Key key, InputStream data) {
            checkOpen();
            MessageDigest md = sha256();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n; (n = data.read(buf)) >= 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                throw new UnavailableException("reading the stream for '" + key + "' failed", e);
            }
            return new Blob(out.toByteArray(), HexFormat.of().formatHex(md.digest()));
        }

        @Override
        public InputStream get(Key key) {
            checkOpen();
            Blob b = blobs.get(key);
            if (b == null) {
                throw new NotFoundException(key.value());
            }
            ContentInfo info = b.info(key);
            return new VerifyingInputStream(new ByteArrayInputStream(b.bytes), key.value(), info.size(), info.sha256());
        }

        @Override
        public Optional<ContentInfo> head(Key key) {
            checkOpen();
            Blob b = blobs.get(key);
            return b == null ? Optional.empty() : Optional.of(b.info(key));
        }

        @Override
        public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
            checkOpen();
            Key.validatePrefix(prefix);
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be >= 1: " + limit);
            }
            Map<Key, Blob> tail = startAfter.isPresent() ? blobs.tailMap(startAfter.get(), false) : blobs;
            List<ContentInfo> items = new ArrayList<>();
            List<ContentProblem> problems = new ArrayList<>();
            Key last = null;
            boolean more = false;
            int problemsBeforeNext = 0;
            for (Map.Entry<Key, Blob> e : tail.entrySet()) {
                if (!e.getKey().isUnder(prefix)) {
                    continue;
                }
                Blob b = e.getValue();
                if (b.unusable != null) {
                    problems.add(new ContentProblem(e.getKey().value(), b.unusable, b.detail()));
                    continue;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(b.info(e.getKey()));
                last = e.getKey();
                problemsBeforeNext = problems.size();
            }
            // problems after the last item of a full page belong to the next page, which starts after that item
            List<ContentProblem> reported = more ? problems.subList(0, problemsBeforeNext) : problems;
            return new ContentPage(items, more ? Optional.of(last) : Optional.empty(), reported);
        }

        @Override
        public void delete(Key key) {
            checkOpen();
            blobs.remove(key);
        }
    }

    private final class Records implements RecordStore {
        private final ConcurrentHashMap<Key, VersionedRecord> map = new ConcurrentHashMap<>();

        @Override
        public Optional<VersionedRecord> get(Key key) {
            checkOpen();
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public long compareAndSet(Key key, long expectedVersion, byte[] value) {
            checkOpen();
            if (expectedVersion < 0) {
                throw new IllegalArgumentException("expectedVersion must be >= 0: " + expectedVersion);
            }
            if (value.length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("record for '" + key + "' is " + value.length
                        + " bytes, more than " + MAX_RECORD_BYTES);
            }
            long[] actual = {0};
            VersionedRecord written = map.compute(key, (k, current) -> {
                long v = current == null ? 0 : current.version();
                actual[0] = v;
                return v == expectedVersion ? new VersionedRecord(k, v + 1, value) : current;
            });
            if (actual[0] != expectedVersion) {
                throw new ConflictException(key.value(), expectedVersion, actual[0]);
            }
            return written.version();
        }

        @Override
        public void delete(Key key, long expectedVersion) {
            checkOpen();
            long[] actual = {0};
            map.computeIfPresent(key, (k, current) -> {
                actual[0] = current.version();
                return current.version() == expectedVersion ? null : current;
            });
            if (actual[0] != expectedVersion || expectedVersion < 1) {
                throw new ConflictException(key.value(), expectedVersion, actual[0]);
            }
        }
    }

    private static final class LogData {
        final List<byte[]> entries;

        LogData(List<byte[]> entries) {
            this.entries = entries;
        }
    }

    private final class Logs implements LogStore {
        private final ConcurrentHashMap<Key, LogData> logs = new ConcurrentHashMap<>();

        @Override
        public long append(Key log, long expectedSequence, List<byte[]> entries) {
            checkOpen();
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("append to '" + log + "' needs at least one entry");
            }
            List<byte[]> copies = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                byte[] e = entries.get(i);
                if (e.length == 0 || e.length > MAX_ENTRY_BYTES) {
                    throw new IllegalArgumentException("entry " + i + " of append to '" + log + "' has "
                            + e.length + " bytes; allowed are 1 to " + MAX_ENTRY_BYTES);
                }
                copies.add(Arrays.copyOf(e, e.length));
            }
            LogData data = logs.computeIfAbsent(log, k -> new LogData(new ArrayList<>()));
            synchronized (data) {
                LogData current = logs.get(log);
                if (current != data) {
                    // rewritten by a tamper hook meanwhile: retry against the new list
                    return append(log, expectedSequence, entries);
                }
                if (data.entries.size() != expectedSequence) {
                    throw new ConflictException(log.value(), expectedSequence, data.entries.size());
                }
                data.entries.addAll(copies);
                return data.entries.size();
            }
        }

        @Override
        public List<LogEntry> read(Key log, long fromSequence, int maxEntries) {
            checkOpen();
            if (fromSequence < 0 || maxEntries < 1) {
                throw new IllegalArgumentException("fromSequence must be >= 0 and maxEntries >= 1");
            }
            LogData data = logs.get(log);
            if (data == null) {
                return List.of();
            }
            synchronized (data) {
                int size = data.entries.size();
                if (fromSequence >= size) {
                    return List.of();
                }
                int end = (int) Math.min(size, fromSequence + (long) maxEntries);
                List<LogEntry> out = new ArrayList<>(end - (int) fromSequence);
                for (int i = (int) fromSequence; i < end; i++) {
                    out.add(new LogEntry(i, data.entries.get(i)));
                }
                return out;
            }
        }

        @Override
        public long length(Key log) {
            checkOpen();
            LogData data = logs.get(log);
            if (data == null) {
                return 0;
            }
            synchronized (data) {
                return data.entries.size();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
