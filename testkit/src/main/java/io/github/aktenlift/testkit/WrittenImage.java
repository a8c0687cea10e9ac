package io.github.aktenlift.testkit;

import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What was written for one image file: its length and its SHA-256, both taken from the bytes on
 * their way out.
 *
 * @param size length in bytes
 * @param sha256 SHA-256 of the bytes, 64 lowercase hex digits
 * @param pages number of pages (images) in the file; more than one only for a multi-page TIFF
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record WrittenImage(long size, String sha256, int pages) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @param size length in bytes
     * @param sha256 SHA-256 of the bytes, 64 lowercase hex digits
     * @param pages number of pages (images) in the file; more than one only for a multi-page TIFF
     */
    public WrittenImage {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (pages < 0) {
            throw new IllegalArgumentException("pages must be >= 0: " + pages);
        }
    }
}
