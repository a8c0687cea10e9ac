package io.github.aktenlift.retention;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Releases a hold placed for the given reason.
 *
 * @param barcode the case file
 * @param reason the reason of the hold to release
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReleaseHold(@NotNull Barcode barcode, @NotNull HoldReason reason) implements Command {
}
