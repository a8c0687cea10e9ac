package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.NotifierProvider;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Opens an {@link OutboxNotifier} for {@code file:} URIs naming the outbox directory, such as
 * {@code file:/var/spool/aktenlift/outbox}. Settings: {@link FilesystemSettings#EML} and the
 * other {@code aktenlift.file.eml.*} settings, {@link FilesystemSettings#FSYNC}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class OutboxNotifierProvider implements NotifierProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public OutboxNotifierProvider() {
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public Notifier open(URI location, Map<String, String> settings) {
        return OutboxNotifier.open(FileUris.path(location), settings);
    }
}
