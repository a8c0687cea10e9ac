package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;

import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Opens a {@link HotfolderProcedure} for {@code file:} URIs naming the hotfolder's root, such as
 * {@code file:/srv/fachverfahren/hotfolder}. Settings: {@link FilesystemSettings#INBOX},
 * {@link FilesystemSettings#OUTBOX}, {@link FilesystemSettings#RETRY_AFTER},
 * {@link FilesystemSettings#FSYNC}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class HotfolderProcedureProvider implements SpecialistProcedureProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public HotfolderProcedureProvider() {
    }

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public SpecialistProcedure open(URI location, Map<String, String> settings) {
        return HotfolderProcedure.open(FileUris.path(location), settings);
    }
}
