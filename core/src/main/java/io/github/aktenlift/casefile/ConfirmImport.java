package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * Records the specialist procedure's receipt: {@code VERIFIED → IMPORTED} (also from {@code IMPORT_REJECTED} after a manual import). Serves an open scan-on-demand recall.
 *
 * @param barcode the case file
 * @param eFileId the id of the e-file the documents went into
 * @param receiptId the id of the import receipt
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ConfirmImport(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._:/-]{1,128}") String eFileId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:/-]{1,128}") String receiptId) implements Command {
}
