package io.github.aktenlift.spi.procedure;

import io.github.aktenlift.spi.AdapterProvider;
import org.apiguardian.api.API;

/**
 * Opens a {@link SpecialistProcedure} for the URI scheme it serves. Register implementations as a
 * service of this interface.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface SpecialistProcedureProvider extends AdapterProvider<SpecialistProcedure> {
}
