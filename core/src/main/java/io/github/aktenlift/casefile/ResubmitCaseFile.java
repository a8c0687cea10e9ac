package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Brings a returned paper file back into the process: {@code RETURNED → REGISTERED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ResubmitCaseFile(@NotNull Barcode barcode) implements Command {
}
