package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens a {@link SealingKey} for the URI scheme it serves, for example
 * {@code pkcs12:/etc/aktenlift/seal.p12?alias=seal} or
 * {@code pkcs11:token=aktenlift;object=seal}. Secrets (passwords, PINs) come from the settings,
 * never from the URI. Register implementations as a service of this interface.
 *
 * <p>{@link #open} fails fast: an unreadable key, a wrong password or a key without certificate is
 * an exception at start-up, never at the first seal.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SealingKeyProvider extends AdapterProvider<SealingKey> {
}
