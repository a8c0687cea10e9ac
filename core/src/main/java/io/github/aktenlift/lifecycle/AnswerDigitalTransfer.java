package io.github.aktenlift.lifecycle;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Internal command of digital intake: records that the current outcome of a digital transfer's
 * import was answered to its sender. Allowed only for that outcome, once.
 *
 * @param outcome {@code IMPORTED} (state {@code IMPORTED}) or {@code REJECTED} (state {@code IMPORT_REJECTED})
 */
public record AnswerDigitalTransfer(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "IMPORTED|REJECTED") String outcome)
        implements Command {
}
