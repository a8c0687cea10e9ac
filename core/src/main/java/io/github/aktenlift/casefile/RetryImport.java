package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Queues a rejected import again after correction: {@code IMPORT_REJECTED → VERIFIED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RetryImport(@NotNull Barcode barcode) implements Command {
}
