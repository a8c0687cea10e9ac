package io.github.aktenlift.testkit;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The counts of one case file in a written delivery, for reconciliation tests:
 * {@code sheets × sides − droppedBlankBacks == pages}, where sides is 2 for duplex and 1 otherwise.
 *
 * @param barcode the case file
 * @param sheets physical sheets counted
 * @param documents documents in the index
 * @param pages pages listed in the index
 * @param droppedBlankBacks blank back sides left out of the index
 * @param keptBlankPages blank pages listed in the index with {@code "blank": true}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CaseFileSummary(String barcode, int sheets, int documents, int pages,
                              int droppedBlankBacks, int keptBlankPages) {

    /**
     * Validates the fields.
     *
     * @param barcode the case file
     * @param sheets physical sheets counted
     * @param documents documents in the index
     * @param pages pages listed in the index
     * @param droppedBlankBacks blank back sides left out of the index
     * @param keptBlankPages blank pages listed in the index with {@code "blank": true}
     */
    public CaseFileSummary {
        Objects.requireNonNull(barcode, "barcode");
        if (sheets < 0 || documents < 0 || pages < 0 || droppedBlankBacks < 0 || keptBlankPages < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
