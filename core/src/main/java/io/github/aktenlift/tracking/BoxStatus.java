package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.SealNumber;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A box now: its state, seal, packing list and pickup.
 *
 * @param barcode the box
 * @param state its state
 * @param since when it entered the state
 * @param seal the seal it was closed with, if sealed
 * @param packingList the case files packed into it
 * @param pickup the pickup planned for or carrying it, if any
 * @param sealMismatch whether the seal found at receipt differed from the recorded one
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BoxStatus(Barcode barcode, BoxState state, Instant since, Optional<SealNumber> seal,
        List<Barcode> packingList, Optional<String> pickup, boolean sealMismatch) {

    /**
     * Copies the list.
     *
     * @param barcode the box
     * @param state its state
     * @param since when it entered the state
     * @param seal the seal it was closed with, if sealed
     * @param packingList the case files packed into it
     * @param pickup the pickup planned for or carrying it, if any
     * @param sealMismatch whether the seal found at receipt differed from the recorded one
     */
    public BoxStatus {
        packingList = List.copyOf(packingList);
    }
}
