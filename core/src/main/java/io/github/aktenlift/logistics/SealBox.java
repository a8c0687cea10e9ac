package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Seals a non-empty open box with a numbered seal: box {@code OPEN → SEALED}.
 *
 * @param box the box
 * @param seal the number on the seal
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SealBox(@NotNull Barcode box, @NotNull SealNumber seal) implements Command {
}
