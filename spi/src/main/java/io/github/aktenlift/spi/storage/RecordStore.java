package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.UnavailableException;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Small versioned records (at most {@value #MAX_RECORD_BYTES} bytes) with compare-and-set.
 *
 * <p><b>Thread safety and atomicity:</b> {@link #compareAndSet} is linearizable per key across all
 * threads and, where {@link StorageCapability#MULTI_PROCESS} is declared, across processes: among
 * concurrent writers expecting the same version, exactly one succeeds and the others get
 * {@link ConflictException}. <b>Durability:</b> a successful write is durable when it returns.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface RecordStore {

    /** The largest record value in bytes. */
    int MAX_RECORD_BYTES = 1 << 20;

    /**
     * @param key the record's key
     * @return the current record, or empty if none exists
     * @throws UnavailableException if the store fails
     */
    Optional<VersionedRecord> get(Key key);

    /**
     * Writes the value if the record's current version is {@code expectedVersion}; {@code 0} means
     * "must not exist yet".
     *
     * @param key the record's key
     * @param expectedVersion the version the caller read, or {@code 0} to create
     * @param value the new value, at most {@link #MAX_RECORD_BYTES} bytes
     * @return the new version, {@code expectedVersion + 1}
     * @throws ConflictException if the current version differs; nothing was written
     * @throws IllegalArgumentException if the value is too large or {@code expectedVersion < 0}
     * @throws UnavailableException if the store fails
     */
    long compareAndSet(Key key, long expectedVersion, byte[] value);

    /**
     * Deletes the record if its current version is {@code expectedVersion}.
     *
     * @param key the record's key
     * @param expectedVersion the version the caller read, at least 1
     * @throws ConflictException if the record is absent or its version differs; nothing was deleted
     * @throws UnavailableException if the store fails
     */
    void delete(Key key, long expectedVersion);
}
