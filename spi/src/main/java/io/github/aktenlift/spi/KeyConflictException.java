package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * A content key cannot be stored beside a key already stored, because one lies below the other
 * ({@code a/b} and {@code a/b/c}) and the store does not declare
 * {@link io.github.aktenlift.spi.storage.StorageCapability#NESTED_KEYS}: on such a store a key is
 * the name of a file or object that tools copy onto filesystems, where one name cannot be a file
 * and a directory at once. Raised before anything is written; nothing changed.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class KeyConflictException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The key that was refused. */
    private final String key;
    /** The stored key (or object name below the store's content root) it conflicts with. */
    private final String existing;

    /**
     * @param key the key that was refused
     * @param existing the stored key (or object name below the store's content root) it conflicts with
     */
    public KeyConflictException(String key, String existing) {
        super("key '" + key + "' cannot be stored: '" + existing + "' is stored and "
                + (existing.startsWith(key + "/") ? "lies below it" : "lies above it")
                + "; this store keeps no key below another", null);
        this.key = key;
        this.existing = existing;
    }

    /** @return the key that was refused */
    public String key() {
        return key;
    }

    /** @return the stored key it conflicts with */
    public String existing() {
        return existing;
    }
}
