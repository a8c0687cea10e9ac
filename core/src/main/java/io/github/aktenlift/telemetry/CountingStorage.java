package io.github.aktenlift.telemetry;

import io.github.aktenlift.metrics.Statistics.StorageError;
import io.github.aktenlift.metrics.Statistics.Store;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.KeyConflictException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
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

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The integrator's storage, passed through unchanged, counting what fails: every call is forwarded
 * as it is (same arguments, same results, same exceptions), and a failure is added to the
 * {@link Counters} on its way out. A lost race of a conditional write counts as a retry (every
 * caller in the core catches up and tries again); an absent or existing key is an answer and counts
 * as nothing. Errors while streaming content read with {@code get} count too. Costs a try block
 * per call. Does not close the storage, which the integrator owns.
 */
public final class CountingStorage implements Storage {

    private final Storage target;
    private final Counters counters;
    private final ContentStore content;
    private final RecordStore records;
    private final LogStore logs;

    /**
     * @param target the integrator's storage
     * @param counters where failures are counted
     */
    public CountingStorage(Storage target, Counters counters) {
        this.target = target;
        this.counters = counters;
        this.content = new Content(target.content());
        this.records = new Records(target.records());
        this.logs = new Logs(target.logs());
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
        return target.capabilities();
    }

    /** Does nothing: the integrator owns and closes the storage. */
    @Override
    public void close() {
        // the caller of Aktenlift.Builder#storage owns it
    }

    private <T> T count(Store store, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConflictException e) {
            counters.storageRetry();
            throw e;
        } catch (NotFoundException | KeyConflictException e) {
            throw e;
        } catch (RuntimeException e) {
            counters.storageError(store, kindOf(e));
            throw e;
        }
    }

    private static StorageError kindOf(RuntimeException e) {
        if (e instanceof UnavailableException) {
            return StorageError.UNAVAILABLE;
        }
        if (e instanceof IntegrityException) {
            return StorageError.INTEGRITY;
        }
        return StorageError.OTHER;
    }

    private final class Content implements ContentStore {
        private final ContentStore t;

        Content(ContentStore t) {
            this.t = t;
        }

        @Override
        public ContentInfo put(Key key, InputStream data) {
            return count(Store.CONTENT, () -> t.put(key, data));
        }

        @Override
        public ContentInfo create(Key key, InputStream data) {
            return count(Store.CONTENT, () -> t.create(key, data));
        }

        @Override
        public InputStream get(Key key) {
            return new Counted(count(Store.CONTENT, () -> t.get(key)));
        }

        @Override
        public Optional<ContentInfo> head(Key key) {
            return count(Store.CONTENT, () -> t.head(key));
        }

        @Override
        public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
            return count(Store.CONTENT, () -> t.list(prefix, startAfter, limit));
        }

        @Override
        public void delete(Key key) {
            count(Store.CONTENT, () -> {
                t.delete(key);
                return null;
            });
        }
    }

    /** A content stream whose failures while reading (a hash mismatch at its end) are counted. */
    private final class Counted extends FilterInputStream {
        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (RuntimeException e) {
                throw counted(e);
            } catch (IOException e) {
                throw counted(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (RuntimeException e) {
                throw counted(e);
            } catch (IOException e) {
                throw counted(e);
            }
        }

        private <E extends Exception> E counted(E e) {
            counters.storageError(Store.CONTENT, e instanceof RuntimeException r ? kindOf(r) : StorageError.OTHER);
            return e;
        }
    }

    private final class Records implements RecordStore {
        private final RecordStore t;

        Records(RecordStore t) {
            this.t = t;
        }

        @Override
        public Optional<VersionedRecord> get(Key key) {
            return count(Store.RECORDS, () -> t.get(key));
        }

        @Override
        public long compareAndSet(Key key, long expectedVersion, byte[] value) {
            return count(Store.RECORDS, () -> t.compareAndSet(key, expectedVersion, value));
        }

        @Override
        public void delete(Key key, long expectedVersion) {
            count(Store.RECORDS, () -> {
                t.delete(key, expectedVersion);
                return null;
            });
        }
    }

    private final class Logs implements LogStore {
        private final LogStore t;

        Logs(LogStore t) {
            this.t = t;
        }

        @Override
        public long append(Key log, long expectedSequence, List<byte[]> entries) {
            return count(Store.LOGS, () -> t.append(log, expectedSequence, entries));
        }

        @Override
        public List<LogEntry> read(Key log, long fromSequence, int maxEntries) {
            return count(Store.LOGS, () -> t.read(log, fromSequence, maxEntries));
        }

        @Override
        public long length(Key log) {
            return count(Store.LOGS, () -> t.length(log));
        }

        @Override
        public List<LogRepair> repairs(Key log) {
            return count(Store.LOGS, () -> t.repairs(log));
        }
    }
}
