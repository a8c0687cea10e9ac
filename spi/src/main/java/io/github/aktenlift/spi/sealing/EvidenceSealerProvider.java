package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens an {@link EvidenceSealer} for the URI scheme it serves, for example {@code pades:} with the
 * key, the timestamp authority and the trust anchors named in the settings. Register
 * implementations as a service of this interface. {@link #open} fails fast: a key that cannot be
 * opened or a trust anchor that cannot be read is an exception at start-up.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface EvidenceSealerProvider extends AdapterProvider<EvidenceSealer> {
}
