package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * Records that a case file was scanned, with the documents found: {@code PREPARED → CAPTURED}, or {@code QA_FAILED → CAPTURED} for a rescan (which replaces the document list).
 *
 * @param barcode the case file
 * @param deliveryId the scan delivery that carried its pages
 * @param documents the documents found, with unique ids
 * @since 0.1
 */
public record RecordCapture(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String deliveryId,
        @NotEmpty List<@NotNull @Valid CapturedDocument> documents) implements Command {
}
