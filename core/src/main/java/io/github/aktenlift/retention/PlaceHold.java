package io.github.aktenlift.retention;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Places a hold (<i>Sperre</i>) on a case file; holds of blocking reasons prevent destruction.
 *
 * @param barcode the case file
 * @param reason why
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PlaceHold(@NotNull Barcode barcode, @NotNull HoldReason reason) implements Command {
}
