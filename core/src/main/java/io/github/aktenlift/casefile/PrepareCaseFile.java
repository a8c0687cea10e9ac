package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Marks a received case file as prepared for scanning: {@code RECEIVED → PREPARED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PrepareCaseFile(@NotNull Barcode barcode) implements Command {
}
