package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Puts a registered case file into an open box: file {@code REGISTERED → PACKED}.
 *
 * @param caseFile the case file
 * @param box an open box
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PackCaseFile(@NotNull Barcode caseFile, @NotNull Barcode box) implements Command {
}
