package io.github.aktenlift.spi.storage;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * One entry of an append-only log.
 *
 * @param sequence its position, starting at 0
 * @param data its bytes (a defensive copy is made on the way in and out)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LogEntry(long sequence, byte[] data) {

    /**
     * Validates and copies.
     *
     * @param sequence its position, starting at 0
     * @param data its bytes (a defensive copy is made on the way in and out)
     */
    public LogEntry {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        data = data.clone();
    }

    /**
     * The entry's bytes.
     *
     * @return a copy of them
     */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.sequence == sequence && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LogEntry[" + sequence + ", " + data.length + " bytes]";
    }
}
