package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * The key names nothing in the store.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class NotFoundException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The key that names nothing. */
    private final String key;

    /** @param key the key that names nothing */
    public NotFoundException(String key) {
        super("not found: '" + key + "'", null);
        this.key = key;
    }

    /** @return the key that names nothing */
    public String key() {
        return key;
    }
}
