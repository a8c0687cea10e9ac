package io.github.aktenlift.retention;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * Records the certified destruction of a retained paper file: {@code RETAINED → DESTROYED}. Only when due: retention elapsed, no blocking hold, originals returned, no open recall.
 *
 * @param barcode the case file
 * @param certificateNumber the destruction certificate's number
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DestroyPaper(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._:/-]{1,64}") String certificateNumber) implements Command {
}
