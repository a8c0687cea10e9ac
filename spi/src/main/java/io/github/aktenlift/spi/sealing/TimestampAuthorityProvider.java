package io.github.aktenlift.spi.sealing;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens a {@link TimestampAuthority} for the URI scheme it serves, for example
 * {@code tsa:https://tsa.example.org/tsr}. Register implementations as a service of this
 * interface.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TimestampAuthorityProvider extends AdapterProvider<TimestampAuthority> {
}
