package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs under {@code l/<log>/}, one object per appended batch, named by the batch's first sequence
 * (19 digits, so that S3's name order is sequence order) and created with {@code If-None-Match: *}.
 * A batch is one object, so it appears whole or not at all; of concurrent appenders at the same
 * sequence the store lets exactly one create the object. Before writing, an appender checks that
 * the log's length is the expected sequence, so a batch never starts inside or beyond another.
 *
 * <p>Batch body: magic {@code AKL1}, first sequence (8 bytes), entry count (4), a random batch id
 * (16), each entry as length (4) and bytes, then the SHA-256 of everything before it (32), checked
 * on every read. The entry count is also in the object's user metadata, so that the length of a
 * log costs one LIST (from the last batch this process knows) and at most one HEAD.
 *
 * <p>This process caches, per log, the first sequences of the batches it has seen (8 bytes each)
 * to find the batch holding a given sequence; batches are never removed, so the cache only grows
 * and is extended by listing after its last entry.
 */
final class S3Logs implements LogStore {

    static final String META_COUNT = "aktenlift-count";
    private static final byte[] MAGIC = {'A', 'K', 'L', '1'};
    private static final int HEADER = MAGIC.length + 8 + 4 + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Storage storage;
    private final Map<Key, Index> indexes = new ConcurrentHashMap<>();

    S3Logs(S3Storage storage) {
        this.storage = storage;
    }

    /** First sequences of a log's batches known here, ascending, and the entry count of the last. */
    private static final class Index {
        private long[] starts = new long[16];
        private int n;
        private int lastCount;

        synchronized long length() {
            return n == 0 ? 0 : starts[n - 1] + lastCount;
        }

        synchronized long last() {
            return n == 0 ? -1 : starts[n - 1];
        }

        synchronized void add(long start, int count) {
            if (n > 0 && start <= starts[n - 1]) {
                return;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = start;
            lastCount = count;
        }

        /** @return the first sequence of the batch holding {@code sequence}, or -1 */
        synchronized long floor(long sequence) {
            int i = Arrays.binarySearch(starts, 0, n, sequence);
            if (i >= 0) {
                return starts[i];
            }
            int insertion = -i - 1;
            return insertion == 0 ? -1 : starts[insertion - 1];
        }
    }

    private Index index(Key log) {
        return indexes.computeIfAbsent(log, k -> new Index());
    }

    /** Lists the batches after the last known one and records them; @return the log's length. */
    private long refresh(Key log) {
        Index index = index(log);
        String prefix = storage.names().logPrefix(log);
        long known = index.last();
        String startAfter = known < 0 ? null : storage.names().logBatch(log, known);
        String token = null;
        List<Long> found = new ArrayList<>();
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                    .prefix(prefix).maxKeys(1000);
            if (token != null) {
                req.continuationToken(token);
            } else if (startAfter != null) {
                req.startAfter(startAfter);
            }
            ListObjectsV2Response r;
            try {
                r = storage.client().listObjectsV2(req.build());
            } catch (SdkException e) {
                throw Failures.map(e, "length", log.value());
            }
            for (S3Object o : r.contents()) {
                long start = ObjectNames.batchStart(prefix, o.key());
                if (start >= 0) {        // names of logs nested below this one are skipped
                    found.add(start);
                }
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        if (!found.isEmpty()) {
            long tail = found.get(found.size() - 1);
            int count = count(log, tail);
            for (int i = 0; i < found.size() - 1; i++) {
                index.add(found.get(i), 0);
            }
            index.add(tail, count);
        }
        return index.length();
    }

    private int count(Key log, long start) {
        String name = storage.names().logBatch(log, start);
        try {
            String c = storage.client().headObject(b -> b.bucket(storage.settings().bucket()).key(name)).metadata()
                    .get(META_COUNT);
            if (c != null) {
                return Integer.parseInt(c);
            }
        } catch (NumberFormatException e) {
            // fall through to the body, which is authoritative
        } catch (SdkException e) {
            throw Failures.map(e, "length", log.value());
        }
        return readBatch(log, start).size();
    }

    @Override
    public long append(Key log, long expectedSequence, List<byte[]> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one entry");
        }
        int bodySize = HEADER + 32;
        for (byte[] e : entries) {
            if (e.length == 0 || e.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("log entries must have 1 to " + MAX_ENTRY_BYTES + " bytes: " + e.length);
            }
            bodySize = Math.addExact(bodySize, 4 + e.length);
        }
        if (expectedSequence < 0) {
            throw new ConflictException(log.value(), expectedSequence, -1);
        }
        storage.checkOpen();
        String name = storage.names().logBatch(log, expectedSequence);
        long length = refresh(log);
        if (length != expectedSequence) {
            throw new ConflictException(log.value(), expectedSequence, length);
        }
        byte[] batchId = new byte[16];
        RANDOM.nextBytes(batchId);
        ByteBuffer b = ByteBuffer.allocate(bodySize).put(MAGIC).putLong(expectedSequence).putInt(entries.size()).put(batchId);
        for (byte[] e : entries) {
            b.putInt(e.length).put(e);
        }
        byte[] body = b.array();
        byte[] digest = Hashing.sha256(body, 0, body.length - 32);
        System.arraycopy(digest, 0, body, body.length - 32, 32);
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(storage.settings().bucket()).key(name)
                .ifNoneMatch("*").contentLength((long) body.length).contentType("application/octet-stream")
                .checksumSHA256(Hashing.base64(Hashing.sha256(body, 0, body.length)))
                .metadata(Map.of(META_COUNT, Integer.toString(entries.size())));
        storage.encryption(put);
        try {
            storage.client().putObject(put.build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            // 412/409: the slot is taken, by another appender or by this batch on an attempt whose
            // answer was lost and which the SDK retried. The batch id tells which.
            if (Failures.isPreconditionFailed(e)) {
                if (!landed(log, expectedSequence, batchId)) {
                    throw new ConflictException(log.value(), expectedSequence, -1);
                }
            } else {
                throw Failures.map(e, "append", log.value());
            }
        }
        index(log).add(expectedSequence, entries.size());
        return expectedSequence + entries.size();
    }

    private boolean landed(Key log, long start, byte[] batchId) {
        try {
            byte[] body = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket())
                    .key(storage.names().logBatch(log, start))).asByteArray();
            return body.length >= HEADER && Arrays.equals(body, HEADER - 16, HEADER, batchId, 0, 16);
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                return false;
            }
            throw Failures.map(e, "append", log.value());
        }
    }

    @Override
    public List<LogEntry> read(Key log, long fromSequence, int maxEntries) {
        if (fromSequence < 0) {
            throw new IllegalArgumentException("fromSequence must be >= 0: " + fromSequence);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1: " + maxEntries);
        }
        storage.checkOpen();
        Index index = index(log);
        long length = index.length();
        if (fromSequence >= length) {
            length = refresh(log);
        }
        if (fromSequence >= length) {
            return List.of();
        }
        long start = index.floor(fromSequence);
        List<LogEntry> out = new ArrayList<>();
        while (start >= 0 && start < length && out.size() < maxEntries) {
            List<byte[]> batch = readBatch(log, start);
            for (int i = 0; i < batch.size() && out.size() < maxEntries; i++) {
                long seq = start + i;
                if (seq >= fromSequence) {
                    out.add(new LogEntry(seq, batch.get(i)));
                }
            }
            start += batch.size();
        }
        return out;
    }

    private List<byte[]> readBatch(Key log, long start) {
        String name = storage.names().logBatch(log, start);
        byte[] body;
        try {
            body = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket()).key(name)).asByteArray();
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                throw new IntegrityException(log.value(), "batch at sequence " + start + " is missing");
            }
            throw Failures.map(e, "read", log.value());
        }
        if (body.length < HEADER + 32 || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IntegrityException(log.value(), "batch at sequence " + start + " is not a log batch");
        }
        byte[] digest = Hashing.sha256(body, 0, body.length - 32);
        if (!Arrays.equals(digest, 0, 32, body, body.length - 32, body.length)) {
            throw new IntegrityException(log.value(), "batch at sequence " + start + " fails its SHA-256");
        }
        ByteBuffer b = ByteBuffer.wrap(body, 0, body.length - 32);
        b.position(MAGIC.length);
        long storedStart = b.getLong();
        int count = b.getInt();
        b.position(HEADER);
        if (storedStart != start || count < 1) {
            throw new IntegrityException(log.value(), "batch at sequence " + start + " names sequence " + storedStart);
        }
        List<byte[]> entries = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                byte[] e = new byte[b.getInt()];
                b.get(e);
                entries.add(e);
            }
        } catch (RuntimeException e) {
            throw new IntegrityException(log.value(), "batch at sequence " + start + " is torn");
        }
        if (b.hasRemaining()) {
            throw new IntegrityException(log.value(), "batch at sequence " + start + " has trailing bytes");
        }
        return entries;
    }

    @Override
    public long length(Key log) {
        storage.checkOpen();
        return refresh(log);
    }
}
