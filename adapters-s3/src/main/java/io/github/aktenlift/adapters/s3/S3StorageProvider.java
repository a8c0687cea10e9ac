package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Opens {@link S3Storage} for {@code s3://bucket/prefix} URIs, with the settings listed in
 * {@link S3Settings}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class S3StorageProvider implements StorageProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public S3StorageProvider() {
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public Storage open(URI location, Map<String, String> settings) {
        return S3Storage.open(location, settings);
    }
}
