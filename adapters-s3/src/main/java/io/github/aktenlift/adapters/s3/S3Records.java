package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records under {@code r/<key>/}, one immutable object per write ("slot"), numbered 0, 1, 2, … in
 * 19 digits; the record is its highest slot. A write creates the next slot with
 * {@code If-None-Match: *}, so of concurrent writers that read the same slot exactly one can
 * create its successor, and the others get 412 (or 409), which becomes {@link ConflictException}.
 *
 * <p>Why not one object per record with {@code If-Match} on its ETag: a store must then evaluate
 * If-Match atomically with the write, and not every S3-compatible store does (S3Proxy 4.0.0 checks
 * it before writing, so two writers with the same ETag can both win), while create-if-absent is
 * what stores implement first and atomically (S3Proxy hard-links the new file). The adapter thus
 * needs one conditional primitive only, the one its logs use anyway.
 *
 * <p>Slot body: magic {@code AKR1}, a state byte (1 live, 2 deleted), the record's version
 * (8 bytes; 0 for a deletion, so that a re-created record starts again at 1), a random write id
 * (16 bytes) by which a write retried after a lost answer recognises that it landed, then the value.
 * Old slots are kept (deleting them could let a writer that read an older slot re-create a deleted
 * number unseen); each process remembers the highest slot it saw per record and lists only after it.
 */
final class S3Records implements RecordStore {

    private static final byte[] MAGIC = {'A', 'K', 'R', '1'};
    private static final byte LIVE = 1;
    private static final byte DELETED = 2;
    private static final int HEADER = MAGIC.length + 1 + 8 + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Storage storage;
    private final Map<Key, Long> highestSeen = new ConcurrentHashMap<>();

    S3Records(S3Storage storage) {
        this.storage = storage;
    }

    private record Stored(long slot, boolean live, long version, byte[] writeId, byte[] value) {
    }

    @Override
    public Optional<VersionedRecord> get(Key key) {
        storage.checkOpen();
        return read(key).filter(Stored::live).map(s -> new VersionedRecord(key, s.version(), s.value()));
    }

    @Override
    public long compareAndSet(Key key, long expectedVersion, byte[] value) {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0: " + expectedVersion);
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record value of " + value.length + " bytes exceeds " + MAX_RECORD_BYTES);
        }
        storage.checkOpen();
        Optional<Stored> current = read(key);
        long actual = current.filter(Stored::live).map(Stored::version).orElse(0L);
        if (actual != expectedVersion) {
            throw new ConflictException(key.value(), expectedVersion, actual);
        }
        write(key, current.map(s -> s.slot() + 1).orElse(0L), LIVE, expectedVersion + 1, value, expectedVersion);
        return expectedVersion + 1;
    }

    @Override
    public void delete(Key key, long expectedVersion) {
        storage.checkOpen();
        Optional<Stored> current = read(key);
        long actual = current.filter(Stored::live).map(Stored::version).orElse(0L);
        if (actual == 0 || actual != expectedVersion) {
            throw new ConflictException(key.value(), expectedVersion, actual);
        }
        write(key, current.get().slot() + 1, DELETED, 0, new byte[0], expectedVersion);
    }

    private void write(Key key, long slot, byte state, long version, byte[] value, long expected) {
        byte[] writeId = new byte[16];
        RANDOM.nextBytes(writeId);
        byte[] body = ByteBuffer.allocate(HEADER + value.length).put(MAGIC).put(state).putLong(version).put(writeId)
                .put(value).array();
        S3Settings s = storage.settings();
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(s.bucket()).key(storage.names().recordSlot(key, slot))
                .ifNoneMatch("*").contentLength((long) body.length).contentType("application/octet-stream")
                .checksumSHA256(Hashing.base64(Hashing.sha256(body, 0, body.length)));
        storage.encryption(put);
        try {
            storage.client().putObject(put.build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            // 412/409: the slot is taken, by another writer or by this very write on an earlier
            // attempt whose answer was lost and which the SDK retried; only the write id tells.
            if (!Failures.isPreconditionFailed(e)) {
                throw Failures.map(e, "compare-and-set", key.value());
            }
            Optional<Stored> there = readSlot(key, slot);
            if (there.isEmpty() || !Arrays.equals(there.get().writeId(), writeId)) {
                throw new ConflictException(key.value(), expected,
                        there.filter(Stored::live).map(Stored::version).orElse(-1L));
            }
        }
        highestSeen.merge(key, slot, Math::max);
    }

    private Optional<Stored> read(Key key) {
        long highest = highestSlot(key);
        if (highest < 0) {
            return Optional.empty();
        }
        return Optional.of(readSlot(key, highest).orElseThrow(
                () -> new IntegrityException(key.value(), "record slot " + highest + " vanished")));
    }

    /** Lists the record's slots after the highest this process has seen; @return the highest, or -1. */
    private long highestSlot(Key key) {
        String prefix = storage.names().recordPrefix(key);
        long known = highestSeen.getOrDefault(key, -1L);
        long highest = known;
        String token = null;
        do {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(storage.settings().bucket())
                    .prefix(prefix).maxKeys(1000);
            if (token != null) {
                req.continuationToken(token);
            } else if (known >= 0) {
                req.startAfter(storage.names().recordSlot(key, known));
            }
            ListObjectsV2Response r;
            try {
                r = storage.client().listObjectsV2(req.build());
            } catch (SdkException e) {
                throw Failures.map(e, "read record", key.value());
            }
            for (S3Object o : r.contents()) {
                highest = Math.max(highest, ObjectNames.batchStart(prefix, o.key()));
            }
            token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
        } while (token != null);
        if (highest >= 0) {
            highestSeen.merge(key, highest, Math::max);
        }
        return highest;
    }

    private Optional<Stored> readSlot(Key key, long slot) {
        String name = storage.names().recordSlot(key, slot);
        byte[] body;
        try {
            body = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket()).key(name)).asByteArray();
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                return Optional.empty();
            }
            throw Failures.map(e, "read record", key.value());
        }
        if (body.length < HEADER || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IntegrityException(key.value(), "record slot " + slot + " is not a record (" + body.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
        byte state = b.get();
        long version = b.getLong();
        byte[] writeId = new byte[16];
        b.get(writeId);
        if ((state != LIVE && state != DELETED) || (state == LIVE && version < 1)) {
            throw new IntegrityException(key.value(), "record slot " + slot + " has a malformed header");
        }
        return Optional.of(new Stored(slot, state == LIVE, version, writeId, Arrays.copyOfRange(body, HEADER, body.length)));
    }
}
