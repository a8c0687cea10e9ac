package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Records an urgent recall (<i>Eilanforderung</i>): a priority flag with an SLA clock, allowed until the file is destroyed or returned; scan-on-demand only before import.
 *
 * @param barcode the case file
 * @param mode scan on demand, or paper back
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RequestRecall(@NotNull Barcode barcode, @NotNull RecallMode mode) implements Command {
}
