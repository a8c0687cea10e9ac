package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Records a passed quality check: {@code CAPTURED → VERIFIED}.
 *
 * @param barcode the case file
 * @param reviewerId the reviewer's pseudonymous id
 * @since 0.1
 */
public record PassQualityCheck(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String reviewerId) implements Command {
}
