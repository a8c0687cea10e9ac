package io.github.aktenlift.spi;

import org.apiguardian.api.API;

/**
 * The provider or its backing system lacks a capability the caller relies on (for example
 * conditional writes). Raised at start-up rather than silently weakening a guarantee.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class UnsupportedCapabilityException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The missing capability's name. */
    private final String capability;

    /**
     * @param capability the missing capability's name
     * @param detail why it is needed or how the lack showed
     */
    public UnsupportedCapabilityException(String capability, String detail) {
        super("unsupported capability " + capability + ": " + detail, null);
        this.capability = capability;
    }

    /** @return the missing capability's name */
    public String capability() {
        return capability;
    }
}
