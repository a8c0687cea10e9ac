package io.github.aktenlift.spi.storage;

import org.apiguardian.api.API;

/**
 * What a storage provider guarantees beyond the interface contracts. Callers and the testkit's
 * contract suites adapt to the declared set instead of assuming.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum StorageCapability {
    /** Data survives a crash of the process, not only an orderly close. */
    DURABLE,
    /** Compare-and-set and expected-sequence appends hold across processes and machines. */
    MULTI_PROCESS,
    /** The backing system itself verifies SHA-256 checksums on upload. */
    SERVER_SIDE_CHECKSUMS,
    /** Content of any size passes through with bounded heap: objects are never held in memory whole. */
    STREAMING,
    /**
     * A content key and keys below it ({@code a/b} and {@code a/b/c}) can be stored together.
     * Without it, {@link ContentStore#put} refuses a key above or below a stored one with
     * {@link io.github.aktenlift.spi.KeyConflictException}, and nothing changes. Records and logs
     * are not affected.
     *
     * @since 0.2
     */
    NESTED_KEYS
}
