package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * Records the goods receipt of a box at the scan service: box {@code IN_TRANSIT → RECEIVED}; every file on its packing list {@code → RECEIVED} if present, {@code → MISSING} if not. A seal that differs from the one recorded is kept as a discrepancy.
 *
 * @param box the box
 * @param observedSeal the seal number found on arrival
 * @param caseFilesPresent the case files counted in the box; each must be on its packing list
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReceiveBox(@NotNull Barcode box, @NotNull SealNumber observedSeal, @NotNull Set<@NotNull Barcode> caseFilesPresent) implements Command {
}
