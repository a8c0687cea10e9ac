package io.github.aktenlift.adapters.xdomea;

import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SpecialistProcedureProvider;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Opens an {@link XdomeaProcedure} for {@code xdomea:} URIs naming the exchange's root directory:
 * {@code xdomea:/srv/xdomea} or {@code xdomea:relative/dir}. Settings: {@link XdomeaSettings}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class XdomeaProcedureProvider implements SpecialistProcedureProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public XdomeaProcedureProvider() {
    }

    @Override
    public String scheme() {
        return "xdomea";
    }

    @Override
    public SpecialistProcedure open(URI location, Map<String, String> settings) {
        Objects.requireNonNull(location, "location");
        if (!"xdomea".equalsIgnoreCase(location.getScheme())) {
            throw new IllegalArgumentException("not an xdomea: URI: " + location.getScheme());
        }
        String path = location.isOpaque() ? location.getSchemeSpecificPart() : location.getPath();
        if (path == null || path.isBlank() || location.getQuery() != null || location.getFragment() != null) {
            throw new IllegalArgumentException("an xdomea: URI names a directory, such as xdomea:/srv/xdomea");
        }
        return XdomeaProcedure.open(Path.of(path), settings);
    }
}
