package io.github.aktenlift.spi.storage;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One repair of a log: an incomplete last frame — an append interrupted before it was
 * acknowledged — that a writer removed from the log's end after keeping its bytes.
 *
 * <p>The removed bytes are stored whole under {@link #quarantine()} in the same storage's
 * {@link ContentStore}, so that {@code content().get(quarantine())} returns exactly them and
 * {@code content().head(quarantine())} reports {@link #length()} and {@link #sha256()}.
 *
 * @param log the repaired log's key
 * @param offset the byte offset in the log's file (or object) where the removed bytes began,
 *     at least 0; the log ended there afterwards
 * @param length how many bytes were removed, at least 1
 * @param sha256 the SHA-256 of the removed bytes, 64 lowercase hex digits
 * @param quarantine the content key under which the removed bytes are kept
 * @param nextSequence the log's length at the repair, which is the sequence the next appended
 *     entry got; at least 0
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LogRepair(Key log, long offset, long length, String sha256, Key quarantine, long nextSequence) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @param log the repaired log's key
     * @param offset the byte offset in the log's file (or object) where the removed bytes began, at least 0;
     *     the log ended there afterwards
     * @param length how many bytes were removed, at least 1
     * @param sha256 the SHA-256 of the removed bytes, 64 lowercase hex digits
     * @param quarantine the content key under which the removed bytes are kept
     * @param nextSequence the log's length at the repair, which is the sequence the next appended entry got;
     *     at least 0
     */
    public LogRepair {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(quarantine, "quarantine");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1: " + length);
        }
        if (sha256 == null || !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (nextSequence < 0) {
            throw new IllegalArgumentException("nextSequence must be >= 0: " + nextSequence);
        }
    }
}
