package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.ProviderException;

import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A {@link SealingKey} could not sign. Nothing was signed: a batch fails as a whole.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SealingException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * Why the key did not sign.
     *
     * @since 0.1
     */
    public enum Reason {
        /** The token, HSM or signing service could not be reached or failed; a retry may succeed. */
        UNAVAILABLE,
        /**
         * The key refused: wrong PIN or password, authorisation denied or expired, key disabled or
         * missing. A retry with the same configuration fails again.
         */
        REFUSED
    }

    /** The key's {@link SealingKey#id()}. */
    private final String keyId;
    /** Why it did not sign. */
    private final Reason reason;

    /**
     * @param keyId the key's {@link SealingKey#id()}
     * @param reason why it did not sign
     * @param detail what happened, naming identifiers only
     * @param cause the underlying failure, or {@code null}
     */
    public SealingException(String keyId, Reason reason, String detail, Throwable cause) {
        super("sealing key '" + keyId + "' " + Objects.requireNonNull(reason, "reason").name().toLowerCase(Locale.ROOT)
                + ": " + detail, cause);
        this.keyId = keyId;
        this.reason = reason;
    }

    /** @return the key's id */
    public String keyId() {
        return keyId;
    }

    /** @return why the key did not sign */
    public Reason reason() {
        return reason;
    }

    /** @return whether the same call may succeed later ({@link Reason#UNAVAILABLE}) */
    public boolean isTransient() {
        return reason == Reason.UNAVAILABLE;
    }
}
