package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.retention.HoldReason;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where a case file is now, who holds it, and since when.
 *
 * @param barcode the case file
 * @param reference the office's file number
 * @param protection its protection level
 * @param state its lifecycle state
 * @param since when it entered that state
 * @param location where the last change of custody or state took place (holds, recalls and
 *     returned originals do not move a file)
 * @param holder who took custody last (pseudonymous id); for a file in transit, the carrier's
 *     receiving person
 * @param box the box it is in or came in, if any
 * @param pickup the pickup that carried it, if any
 * @param holds the holds on it
 * @param openRecall the mode of an open recall, if any
 * @param originAuthority the sending authority for a transfer, if any
 * @param lastSequence the sequence of its newest event
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record WhereIs(Barcode barcode, FileReference reference, ProtectionLevel protection, CaseFileState state,
        Instant since, String location, String holder, Optional<Barcode> box, Optional<String> pickup,
        Set<HoldReason> holds, Optional<RecallMode> openRecall, Optional<String> originAuthority,
        long lastSequence) {

    /**
     * Copies the set.
     *
     * @param barcode the case file
     * @param reference the office's file number
     * @param protection its protection level
     * @param state its lifecycle state
     * @param since when it entered that state
     * @param location where the last change of custody or state took place (holds, recalls and returned
     *     originals do not move a file)
     * @param holder who took custody last (pseudonymous id); for a file in transit, the carrier's receiving
     *     person
     * @param box the box it is in or came in, if any
     * @param pickup the pickup that carried it, if any
     * @param holds the holds on it
     * @param openRecall the mode of an open recall, if any
     * @param originAuthority the sending authority for a transfer, if any
     * @param lastSequence the sequence of its newest event
     */
    public WhereIs {
        holds = Set.copyOf(holds);
    }
}
