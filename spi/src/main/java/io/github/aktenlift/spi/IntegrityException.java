package io.github.aktenlift.spi;

/**
 * Stored bytes do not match what was written: a hash mismatch, a size mismatch, a torn or garbled
 * entry. The data must not be used.
 *
 * @since 0.1
 */
public final class IntegrityException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the key whose bytes are damaged
     * @param detail what does not match (expected and actual hash, sizes), without content
     */
    public IntegrityException(String key, String detail) {
        super("integrity failure on '" + key + "': " + detail, null);
        this.key = key;
    }

    /** @return the key whose bytes are damaged */
    public String key() {
        return key;
    }
}
