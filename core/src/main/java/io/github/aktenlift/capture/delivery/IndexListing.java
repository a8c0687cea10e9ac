package io.github.aktenlift.capture.delivery;

import java.util.List;

/**
 * A delivery's index as read: the delivery's own fields, and every case file it lists, in order.
 *
 * @param index the delivery's fields, with the good case file entries only
 * @param caseFiles every case file listed, good or bad, in the index's order
 */
public record IndexListing(DeliveryIndex index, List<ListedCaseFile> caseFiles) {

    /** Copies. */
    public IndexListing {
        caseFiles = List.copyOf(caseFiles);
    }
}
