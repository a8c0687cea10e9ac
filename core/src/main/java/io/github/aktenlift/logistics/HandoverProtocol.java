package io.github.aktenlift.logistics;

import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The handover protocol of a pickup (<i>Übergabeprotokoll</i>): who hands over, who receives, and
 * the seal checked on every box. The time is the event's time.
 *
 * @param handedOverBy the pseudonymous id of the person handing over (office)
 * @param receivedBy the pseudonymous id of the person receiving (carrier)
 * @param seals the seal number read on each box at handover
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record HandoverProtocol(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String handedOverBy,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String receivedBy,
        @NotEmpty Map<@NotNull Barcode, @NotNull SealNumber> seals) {
}
