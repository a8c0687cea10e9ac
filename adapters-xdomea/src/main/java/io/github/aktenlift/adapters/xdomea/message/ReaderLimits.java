package io.github.aktenlift.adapters.xdomea.message;

import org.apiguardian.api.API;

/**
 * How much a received message may hold before the reader refuses it: the defences against ZIP
 * bombs. Every limit is checked against what is actually read, not only against what the archive
 * declares.
 *
 * @param maxArchiveBytes the largest archive file accepted
 * @param maxEntries the most entries an archive may have
 * @param maxExpandedBytes the most bytes all entries together may expand to
 * @param maxMessageBytes the most bytes the message XML may expand to
 * @param maxDepth the deepest nesting of objects ({@code Teilakte}, {@code Teilvorgang},
 *     {@code Anlage}) accepted
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReaderLimits(long maxArchiveBytes, int maxEntries, long maxExpandedBytes, long maxMessageBytes,
        int maxDepth) {

    /**
     * Checks that every limit is positive.
     *
     * @param maxArchiveBytes the largest archive file accepted
     * @param maxEntries the most entries an archive may have
     * @param maxExpandedBytes the most bytes all entries together may expand to
     * @param maxMessageBytes the most bytes the message XML may expand to
     * @param maxDepth the deepest nesting of objects ({@code Teilakte}, {@code Teilvorgang}, {@code Anlage})
     *     accepted
     */
    public ReaderLimits {
        if (maxArchiveBytes <= 0 || maxEntries <= 0 || maxExpandedBytes <= 0 || maxMessageBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("every reader limit must be positive");
        }
    }

    /**
     * @return 8 GiB archive, 10,000 entries, 16 GiB expanded, 64 MiB message XML, depth 16: a large
     *     foreigners' file with thousands of pages passes, a bomb does not
     */
    public static ReaderLimits defaults() {
        return new ReaderLimits(8L << 30, 10_000, 16L << 30, 64L << 20, 16);
    }
}
