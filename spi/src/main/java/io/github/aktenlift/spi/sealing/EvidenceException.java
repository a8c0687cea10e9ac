package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.ProviderException;
import org.apiguardian.api.API;

/**
 * An {@link EvidenceSealer} could not seal or renew a file for a reason other than the key or the
 * timestamp authority (which throw {@link SealingException} and {@link TimestampException}): the
 * file is no readable PDF, it cannot be written. Nothing was left at any target.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EvidenceException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * @param detail what went wrong, naming files by name only, never content
     * @param cause the underlying failure, or {@code null}
     */
    public EvidenceException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
