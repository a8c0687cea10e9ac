package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import org.apiguardian.api.API;

/**
 * Records that a registered case file arrived at the scanning place without box and pickup, the
 * short path where there is no logistics: {@code REGISTERED → RECEIVED}, journaled as
 * {@link io.github.aktenlift.tracking.EventKind#RECEIVED_DIRECT} with the actor, the actor's site
 * and the time, so that the chain of custody stays complete. Allowed only as far as
 * {@link io.github.aktenlift.Policies#directReceipt()} says; where it does not, the command is an
 * {@link io.github.aktenlift.IllegalTransitionException} and nothing changes.
 *
 * @param caseFile the case file
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record ReceiveDirect(@NotNull Barcode caseFile) implements Command {
}
