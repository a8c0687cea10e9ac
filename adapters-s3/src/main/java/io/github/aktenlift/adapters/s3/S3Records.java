package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Records under {@code r/}, one object each. Every change is a conditional PUT: create with
 * {@code If-None-Match: *}, update and delete with {@code If-Match} on the ETag just read, so the
 * store decides who wins and a lost race is a 412 (or 409) that becomes {@link ConflictException}.
 *
 * <p>Body: magic {@code AKR1}, a state byte (1 live, 2 deleted), the version (8 bytes), a random
 * write id (16 bytes), then the value. The write id makes every body, and so every ETag, unique:
 * no version can be mistaken for an earlier one with equal content (no ABA), and a write retried
 * after a lost answer can tell by reading back whether its first attempt landed. A delete writes
 * a tombstone instead of removing the object, because conditional DELETE is not available on every
 * S3-compatible store (S3Proxy answers 501); tombstones are a few dozen bytes.
 */
final class S3Records implements RecordStore {

    private static final byte[] MAGIC = {'A', 'K', 'R', '1'};
    private static final byte LIVE = 1;
    private static final byte DELETED = 2;
    private static final int HEADER = MAGIC.length + 1 + 8 + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Storage storage;

    S3Records(S3Storage storage) {
        this.storage = storage;
    }

    private record Stored(String etag, boolean live, long version, byte[] writeId, byte[] value) {
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
        write(key, current.map(Stored::etag), LIVE, expectedVersion + 1, value, expectedVersion);
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
        write(key, current.map(Stored::etag), DELETED, 0, new byte[0], expectedVersion);
    }

    private void write(Key key, Optional<String> etag, byte state, long version, byte[] value, long expected) {
        byte[] writeId = new byte[16];
        RANDOM.nextBytes(writeId);
        byte[] body = ByteBuffer.allocate(HEADER + value.length).put(MAGIC).put(state).putLong(version).put(writeId)
                .put(value).array();
        S3Settings s = storage.settings();
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(s.bucket()).key(storage.names().record(key))
                .contentLength((long) body.length).contentType("application/octet-stream")
                .checksumSHA256(Hashing.base64(Hashing.sha256(body, 0, body.length)));
        if (etag.isPresent()) {
            put.ifMatch(etag.get());
        } else {
            put.ifNoneMatch("*");
        }
        storage.encryption(put);
        try {
            storage.client().putObject(put.build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            // 412/409: another writer won, or this very write landed on an earlier attempt whose
            // answer was lost and the SDK retried it. Only a read-back can tell the two apart.
            // 404: an If-Match on an object that vanished (removed behind the adapter's back).
            if (Failures.isPreconditionFailed(e) || (etag.isPresent() && Failures.isNotFound(e))) {
                Optional<Stored> now = read(key);
                if (now.isPresent() && Arrays.equals(now.get().writeId(), writeId)) {
                    return;
                }
                throw new ConflictException(key.value(), expected,
                        now.filter(Stored::live).map(Stored::version).orElse(0L));
            }
            throw Failures.map(e, "compare-and-set", key.value());
        }
    }

    private Optional<Stored> read(Key key) {
        String name = storage.names().record(key);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = storage.client().getObjectAsBytes(b -> b.bucket(storage.settings().bucket()).key(name));
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                return Optional.empty();
            }
            throw Failures.map(e, "read record", key.value());
        }
        byte[] body = bytes.asByteArray();
        if (body.length < HEADER || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IntegrityException(key.value(), "not a record object (" + body.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
        byte state = b.get();
        long version = b.getLong();
        byte[] writeId = new byte[16];
        b.get(writeId);
        byte[] value = Arrays.copyOfRange(body, HEADER, body.length);
        if ((state != LIVE && state != DELETED) || (state == LIVE && version < 1)) {
            throw new IntegrityException(key.value(), "record header is malformed");
        }
        return Optional.of(new Stored(bytes.response().eTag(), state == LIVE, version, writeId, value));
    }
}
