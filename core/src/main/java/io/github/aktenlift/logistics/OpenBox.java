package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Registers a new, empty box in state {@link BoxState#OPEN}.
 *
 * @param box the label on the box; must fit the box barcode scheme
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record OpenBox(@NotNull Barcode box) implements Command {
}
