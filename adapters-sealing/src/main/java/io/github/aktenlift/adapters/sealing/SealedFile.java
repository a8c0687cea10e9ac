package io.github.aktenlift.adapters.sealing;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A file a sealing operation wrote: where, how large, and its SHA-256, so that the caller can
 * journal the new object's hash next to the old one's.
 *
 * @param file the new file
 * @param size its size in bytes
 * @param sha256 its SHA-256, lowercase hex
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SealedFile(Path file, long size, String sha256) {

    /**
     * Validates.
     *
     * @param file the new file
     * @param size its size in bytes
     * @param sha256 its SHA-256, lowercase hex
     */
    public SealedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0 || sha256.length() != 64) {
            throw new IllegalArgumentException("size must not be negative and sha256 has 64 hex digits");
        }
    }
}
