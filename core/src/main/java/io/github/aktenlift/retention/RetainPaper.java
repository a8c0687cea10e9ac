package io.github.aktenlift.retention;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Puts the paper of an imported case file into retention storage: {@code IMPORTED → RETAINED}. The retention period runs from the confirmed import.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RetainPaper(@NotNull Barcode barcode) implements Command {
}
