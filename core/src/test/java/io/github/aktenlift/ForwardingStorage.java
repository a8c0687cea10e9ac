package io.github.aktenlift;

import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A storage for tests that forwards every call to another one. A test overrides the calls it
 * watches, delays or breaks, and leaves the rest: {@link #content()}, {@link #records()} and
 * {@link #logs()} here, and each call of the stores through {@link Content}, {@link Records} and
 * {@link Logs}, which forward every call to theirs.
 */
public class ForwardingStorage implements Storage {

    /** The storage every call goes to. */
    protected final Storage target;

    public ForwardingStorage(Storage target) {
        this.target = target;
    }

    @Override
    public ContentStore content() {
        return target.content();
    }

    @Override
    public RecordStore records() {
        return target.records();
    }

    @Override
    public LogStore logs() {
        return target.logs();
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return target.capabilities();
    }

    @Override
    public void close() {
        target.close();
    }

    /** A content store that forwards every call to another one. */
    public static class Content implements ContentStore {
        protected final ContentStore target;

        public Content(ContentStore target) {
            this.target = target;
        }

        @Override
        public ContentInfo put(Key key, InputStream data) {
            return target.put(key, data);
        }

        @Override
        public ContentInfo create(Key key, InputStream data) {
            return target.create(key, data);
        }

        @Override
        public InputStream get(Key key) {
            return target.get(key);
        }

        @Override
        public Optional<ContentInfo> head(Key key) {
            return target.head(key);
        }

        @Override
        public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
            return target.list(prefix, startAfter, limit);
        }

        @Override
        public void delete(Key key) {
            target.delete(key);
        }
    }

    /** A record store that forwards every call to another one. */
    public static class Records implements RecordStore {
        protected final RecordStore target;

        public Records(RecordStore target) {
            this.target = target;
        }

        @Override
        public Optional<VersionedRecord> get(Key key) {
            return target.get(key);
        }

        @Override
        public long compareAndSet(Key key, long expectedVersion, byte[] value) {
            return target.compareAndSet(key, expectedVersion, value);
        }

        @Override
        public void delete(Key key, long expectedVersion) {
            target.delete(key, expectedVersion);
        }
    }

    /** A log store that forwards every call to another one, its repairs included. */
    public static class Logs implements LogStore {
        protected final LogStore target;

        public Logs(LogStore target) {
            this.target = target;
        }

        @Override
        public long append(Key log, long expectedSequence, List<byte[]> entries) {
            return target.append(log, expectedSequence, entries);
        }

        @Override
        public List<LogEntry> read(Key log, long fromSequence, int maxEntries) {
            return target.read(log, fromSequence, maxEntries);
        }

        @Override
        public long length(Key log) {
            return target.length(log);
        }

        @Override
        public List<LogRepair> repairs(Key log) {
            return target.repairs(log);
        }
    }
}
