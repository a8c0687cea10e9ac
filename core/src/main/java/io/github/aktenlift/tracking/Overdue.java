package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Something that has exceeded its service level.
 *
 * @param entity a case file or a box
 * @param barcode its barcode
 * @param reason which clock ran out
 * @param state the state it is stuck in (or the recall mode)
 * @param since when that clock started
 * @param dueAt when it should have been done
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Overdue(EntityType entity, Barcode barcode, Reason reason, String state, Instant since, Instant dueAt) {

    /**
     * Which clock ran out.
     *
     * @since 0.1
     */
    public enum Reason {
        /** Too long in one lifecycle state, per {@link SlaPolicy}. */
        STATE,
        /** An urgent recall not served in time. */
        RECALL
    }
}
