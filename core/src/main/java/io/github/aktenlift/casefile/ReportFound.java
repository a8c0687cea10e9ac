package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Reports a case file found at the scan service after it was missing at receipt: {@code MISSING → RECEIVED}.
 *
 * @param barcode the case file
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReportFound(@NotNull Barcode barcode) implements Command {
}
