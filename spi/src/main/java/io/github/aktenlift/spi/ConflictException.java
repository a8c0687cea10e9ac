package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * A conditional write lost: the record's version or the log's next sequence was not the one the
 * caller expected, or an object to be created exists already ({@link #exists(String)}). Nothing
 * was written. The caller re-reads and decides again.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConflictException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The record or log key. */
    private final String key;
    /** The version or sequence the caller expected. */
    private final long expected;
    /** The version or sequence found, or {@code -1} where the store cannot tell. */
    private final long actual;

    /**
     * @param key the record or log key
     * @param expected the version or sequence the caller expected
     * @param actual the version or sequence found, or {@code -1} where the store cannot tell
     */
    public ConflictException(String key, long expected, long actual) {
        this(key, expected, actual, "conflict on '" + key + "': expected " + expected
                + (actual >= 0 ? ", found " + actual : ", found another"));
    }

    private ConflictException(String key, long expected, long actual, String message) {
        super(message, null);
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * A create-if-absent lost: an object is stored under the key already.
     *
     * @param key the object's key
     * @return the exception; {@link #expected()} and {@link #actual()} are {@code -1}
     * @since 0.2
     */
    public static ConflictException exists(String key) {
        return new ConflictException(key, -1, -1, "'" + key + "' exists already");
    }

    /** @return the record or log key */
    public String key() {
        return key;
    }

    /** @return the version or sequence the caller expected */
    public long expected() {
        return expected;
    }

    /** @return the version or sequence found, or {@code -1} where the store cannot tell */
    public long actual() {
        return actual;
    }
}
