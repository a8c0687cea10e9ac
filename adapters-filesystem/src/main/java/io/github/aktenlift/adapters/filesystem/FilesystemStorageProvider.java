package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Opens {@link FilesystemStorage} for {@code file:} URIs such as {@code file:/var/lib/aktenlift}
 * or {@code file:///D:/aktenlift}. Settings: {@link FilesystemSettings}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FilesystemStorageProvider implements StorageProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public FilesystemStorageProvider() {
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public Storage open(URI location, Map<String, String> settings) {
        return FilesystemStorage.open(FileUris.path(location), settings);
    }
}
