package io.github.aktenlift.retention;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apiguardian.api.API;

/**
 * Hands the paper back instead of destroying it (for example to the sending authority): {@code IMPORTED | RETAINED → RETURNED}.
 *
 * @param barcode the case file
 * @param recipient the receiving office or authority (never a private person's name)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReturnPaper(@NotNull Barcode barcode, @NotBlank @Size(max = 200) String recipient) implements Command {
}
