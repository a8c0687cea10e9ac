package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Records as one file each: magic, version, length, CRC32C, value. Compare-and-set runs under the
 * record's lock (threads and processes), and writes the new version to a temporary file that is
 * forced and renamed into place, so readers, which take no lock, see the old or the new version
 * whole.
 */
final class FileRecordStore implements RecordStore {

    private static final int MAGIC = 0x414B5231; // "AKR1"
    private static final int HEADER = 20;

    private final FilesystemStorage storage;
    private final Layout layout;
    private final DurableFiles files;
    private final FileLocks locks;

    FileRecordStore(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
        this.files = storage.files;
        this.locks = storage.locks;
    }

    Path pathOf(Key key) {
        return layout.file(layout.records, key, Layout.RECORD);
    }

    @Override
    public Optional<VersionedRecord> get(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureOpen();
        try {
            return read(key, pathOf(key));
        } catch (IOException e) {
            throw new UnavailableException("cannot read record '" + key + "'", e);
        }
    }

    @Override
    public long compareAndSet(Key key, long expectedVersion, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must be >= 0: " + expectedVersion);
        }
        if (value.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("record value of " + value.length + " bytes exceeds " + MAX_RECORD_BYTES);
        }
        storage.ensureWritable();
        byte[] copy = value.clone();
        Path file = pathOf(key);
        try {
            long next = locks.withLock(FileLocks.Kind.RECORDS, layout.lock("records", key), () -> {
                CrashPoint.RECORD_CAS_LOCKED.reach();
                long current = read(key, file).map(VersionedRecord::version).orElse(0L);
                if (current != expectedVersion) {
                    throw new ConflictException(key.value(), expectedVersion, current);
                }
                layout.recordHashedNames(layout.records, key, files);
                files.ensureDirectory(file.getParent(), layout.root);
                files.writeAtomically(file, layout.tmp, encode(expectedVersion + 1, copy), CrashPoint.Atomic.RECORD);
                return expectedVersion + 1;
            });
            CrashPoint.RECORD_CAS_UNLOCKED.reach();
            return next;
        } catch (IOException e) {
            throw new UnavailableException("cannot write record '" + key + "'", e);
        }
    }

    @Override
    public void delete(Key key, long expectedVersion) {
        Objects.requireNonNull(key, "key");
        storage.ensureWritable();
        Path file = pathOf(key);
        try {
            locks.withLock(FileLocks.Kind.RECORDS, layout.lock("records", key), () -> {
                long current = read(key, file).map(VersionedRecord::version).orElse(0L);
                if (current == 0 || current != expectedVersion) {
                    throw new ConflictException(key.value(), expectedVersion, current);
                }
                Files.delete(file);
                CrashPoint.RECORD_DELETE_REMOVED.reach();
                files.forceDirectory(file.getParent());
                CrashPoint.RECORD_DELETE_DIRECTORY_FSYNCED.reach();
                return null;
            });
        } catch (IOException e) {
            throw new UnavailableException("cannot delete record '" + key + "'", e);
        }
    }

    private Optional<VersionedRecord> read(Key key, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(layout.inside(key, file));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER || b.getInt(0) != MAGIC) {
            throw new IntegrityException(key.value(), "record file damaged");
        }
        long version = b.getLong(4);
        int length = b.getInt(12);
        if (length < 0 || length != bytes.length - HEADER || version < 1) {
            throw new IntegrityException(key.value(), "record file damaged");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 4, 12);
        crc.update(bytes, HEADER, length);
        if (b.getInt(16) != (int) crc.getValue()) {
            throw new IntegrityException(key.value(), "record checksum mismatch");
        }
        return Optional.of(new VersionedRecord(key, version, Arrays.copyOfRange(bytes, HEADER, bytes.length)));
    }

    private static byte[] encode(long version, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + value.length);
        b.putInt(MAGIC).putLong(version).putInt(value.length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 4, 12);
        crc.update(value);
        b.putInt((int) crc.getValue()).put(value);
        return b.array();
    }

}
