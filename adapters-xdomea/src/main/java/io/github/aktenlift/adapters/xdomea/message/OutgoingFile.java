package io.github.aktenlift.adapters.xdomea.message;

import io.github.aktenlift.spi.procedure.ContentSource;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A primary file to be written into a message archive, with the size and SHA-256 it must have:
 * the writer checks both while copying.
 *
 * @param entryName the entry name: the {@link PrimaryFile#fileName()} that references it
 * @param size its length in bytes
 * @param sha256 its SHA-256, 64 lowercase hex digits
 * @param content opens its bytes
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OutgoingFile(String entryName, long size, String sha256, ContentSource content) {

    /**
     * Validates.
     *
     * @param entryName the entry name: the {@link PrimaryFile#fileName()} that references it
     * @param size its length in bytes
     * @param sha256 its SHA-256, 64 lowercase hex digits
     * @param content opens its bytes
     */
    public OutgoingFile {
        Objects.requireNonNull(entryName, "entryName");
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
