package io.github.aktenlift;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import org.slf4j.MDC;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storage as a test sees it from the inside: forwards every call to another storage, and records
 * what the MDC held at each write and how many writes there were; on request its log store stops
 * answering, by failing or by hanging until released.
 */
final class WatchedStorage extends ForwardingStorage {

    /** One write and the MDC of the thread that made it. */
    record Write(String call, String key, Map<String, String> mdc) {
    }

    enum Fault { NONE, FAIL, HANG }

    final List<Write> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger writeCount = new AtomicInteger();
    volatile Fault fault = Fault.NONE;
    final CountDownLatch release = new CountDownLatch(1);

    WatchedStorage(Storage target) {
        super(target);
    }

    private void wrote(String call, Key key) {
        writeCount.incrementAndGet();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        writes.add(new Write(call, key.value(), mdc == null ? Map.of() : Map.copyOf(mdc)));
    }

    private void maybeFail() {
        if (fault == Fault.FAIL) {
            throw new UnavailableException("planted: the store does not answer", null);
        }
        if (fault == Fault.HANG) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnavailableException("planted: the store hung", null);
        }
    }

    @Override
    public ContentStore content() {
        return new Content(target.content()) {
            @Override
            public ContentInfo put(Key key, InputStream data) {
                wrote("put", key);
                return super.put(key, data);
            }

            @Override
            public ContentInfo create(Key key, InputStream data) {
                wrote("create", key);
                return super.create(key, data);
            }

            @Override
            public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
                maybeFail();
                return super.list(prefix, startAfter, limit);
            }

            @Override
            public void delete(Key key) {
                wrote("delete", key);
                super.delete(key);
            }
        };
    }

    @Override
    public RecordStore records() {
        return new Records(target.records()) {
            @Override
            public long compareAndSet(Key key, long expectedVersion, byte[] value) {
                wrote("compareAndSet", key);
                return super.compareAndSet(key, expectedVersion, value);
            }

            @Override
            public void delete(Key key, long expectedVersion) {
                wrote("deleteRecord", key);
                super.delete(key, expectedVersion);
            }
        };
    }

    @Override
    public LogStore logs() {
        return new Logs(target.logs()) {
            @Override
            public long append(Key log, long expectedSequence, List<byte[]> entries) {
                wrote("append", log);
                return super.append(log, expectedSequence, entries);
            }

            @Override
            public long length(Key log) {
                maybeFail();
                return super.length(log);
            }
        };
    }
}
