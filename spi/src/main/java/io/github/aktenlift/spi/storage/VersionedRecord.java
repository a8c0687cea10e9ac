package io.github.aktenlift.spi.storage;

import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A small record as stored, with its version. Versions start at 1 and grow by 1 with every write.
 *
 * @param key the record's key
 * @param version its version, at least 1
 * @param value its bytes (a defensive copy is made on the way in and out)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record VersionedRecord(Key key, long version, byte[] value) {

    /**
     * Validates and copies.
     *
     * @param key the record's key
     * @param version its version, at least 1
     * @param value its bytes (a defensive copy is made on the way in and out)
     */
    public VersionedRecord {
        Objects.requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
        value = value.clone();
    }

    /**
     * The record's bytes.
     *
     * @return a copy of them
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionedRecord r && r.key.equals(key) && r.version == version
                && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, version, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "VersionedRecord[key=" + key + ", version=" + version + ", " + value.length + " bytes]";
    }
}
