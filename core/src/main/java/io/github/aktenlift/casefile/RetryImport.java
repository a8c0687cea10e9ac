package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;

/**
 * Queues a rejected import again after correction: {@code IMPORT_REJECTED → VERIFIED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
public record RetryImport(@NotNull Barcode barcode) implements Command {
}
