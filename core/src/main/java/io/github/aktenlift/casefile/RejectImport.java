package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * Records that the specialist procedure rejected the import: {@code VERIFIED → IMPORT_REJECTED}.
 *
 * @param barcode the case file
 * @param reasonCode the machine-readable reason, such as {@code EFILE_LOCKED}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RejectImport(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9_:.-]{1,64}") String reasonCode) implements Command {
}
