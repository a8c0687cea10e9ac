package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * Records the handover of a planned pickup's boxes to the carrier: pickup {@code PLANNED → COLLECTED}, each box and file {@code → IN_TRANSIT}. The protocol's seal numbers must match the boxes' seals.
 *
 * @param pickupId the planned pickup
 * @param protocol who handed over, who received, and the seals checked
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CollectPickup(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String pickupId, @NotNull @Valid HandoverProtocol protocol) implements Command {
}
