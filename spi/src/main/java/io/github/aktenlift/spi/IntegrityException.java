package io.github.aktenlift.spi;

import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Stored bytes do not match what was written: a hash mismatch, a size mismatch, a garbled entry,
 * a log frame that fails its checksum. The data must not be used, and nothing was changed to
 * "fix" it.
 *
 * <p>Where the damage has a position in a log, the exception names it: the byte offset of the
 * damaged frame and the first sequence it holds or should hold, so that an operator can find it
 * without the entries' content appearing in any message.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class IntegrityException extends ProviderException {
    private static final long serialVersionUID = 2L;

    /** The key whose bytes are damaged. */
    private final String key;
    /** The byte offset of the damaged frame or batch, at least 0. */
    private final long offset;
    /**
     * The first sequence that frame holds, or should hold where its header cannot be trusted (the
     * number of entries before it), at least 0.
     */
    private final long firstSequence;

    /**
     * @param key the key whose bytes are damaged
     * @param detail what does not match (expected and actual hash, sizes), without content
     */
    public IntegrityException(String key, String detail) {
        super("integrity failure on '" + key + "': " + detail, null);
        this.key = key;
        this.offset = -1;
        this.firstSequence = -1;
    }

    /**
     * Damage at a position in a log.
     *
     * @param key the log's key
     * @param offset the byte offset of the damaged frame or batch, at least 0
     * @param firstSequence the first sequence that frame holds, or should hold where its header
     *     cannot be trusted (the number of entries before it), at least 0
     * @param detail what does not match, without content
     * @throws IllegalArgumentException if {@code offset} or {@code firstSequence} is negative
     */
    public IntegrityException(String key, long offset, long firstSequence, String detail) {
        super("integrity failure on '" + key + "' at byte " + offset + " (batch from sequence " + firstSequence
                + "): " + detail, null);
        if (offset < 0 || firstSequence < 0) {
            throw new IllegalArgumentException("offset and firstSequence must be >= 0");
        }
        this.key = key;
        this.offset = offset;
        this.firstSequence = firstSequence;
    }

    /** @return the key whose bytes are damaged */
    public String key() {
        return key;
    }

    /** @return the byte offset of the damaged log frame or batch; empty where the damage has no position */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * @return the first sequence of the damaged log frame or batch (where its header cannot be
     *     trusted, the sequence it should start at); empty where the damage has no position
     */
    public OptionalLong firstSequence() {
        return firstSequence < 0 ? OptionalLong.empty() : OptionalLong.of(firstSequence);
    }
}
