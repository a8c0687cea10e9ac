package io.github.aktenlift.spi.storage;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens {@link Storage} for the URI scheme it serves. Register implementations as a service of
 * this interface.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface StorageProvider extends AdapterProvider<Storage> {
}
