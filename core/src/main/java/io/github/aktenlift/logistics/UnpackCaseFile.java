package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Takes a case file out of its still open box: file {@code PACKED → REGISTERED}.
 *
 * @param caseFile the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record UnpackCaseFile(@NotNull Barcode caseFile) implements Command {
}
