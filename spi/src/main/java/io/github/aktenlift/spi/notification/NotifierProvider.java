package io.github.aktenlift.spi.notification;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens a {@link Notifier} for the URI scheme it serves. Register implementations as a service of
 * this interface.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface NotifierProvider extends AdapterProvider<Notifier> {
}
