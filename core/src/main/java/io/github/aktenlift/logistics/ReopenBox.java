package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Breaks the seal of a box not yet picked up: box {@code SEALED → OPEN}.
 *
 * @param box the box
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReopenBox(@NotNull Barcode box) implements Command {
}
