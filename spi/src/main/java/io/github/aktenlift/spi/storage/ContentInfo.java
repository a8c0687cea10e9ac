package io.github.aktenlift.spi.storage;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What a content store knows of one stored object.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its bytes, 64 lowercase hex digits
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ContentInfo(Key key, long size, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @param key the object's key
     * @param size its length in bytes
     * @param sha256 the SHA-256 of its bytes, 64 lowercase hex digits
     */
    public ContentInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
