package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A gap in the chain of custody.
 *
 * @param kind what does not add up
 * @param barcode the box or case file concerned
 * @param related the box (for a missing file) or pickup (for a box) it belongs to, or {@code ""}
 * @param since when it was noticed or began
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Discrepancy(Kind kind, Barcode barcode, String related, Instant since) {

    /**
     * What does not add up.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A box was picked up but not received: past the in-transit SLA, or its pickup's other boxes arrived. */
        BOX_NOT_RECEIVED,
        /** A case file on a box's packing list was not in the box at receipt. */
        FILE_MISSING_AT_RECEIPT,
        /** The seal found at receipt differs from the one recorded at sealing. */
        SEAL_MISMATCH
    }
}
