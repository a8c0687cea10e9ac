package io.github.aktenlift.inventory;

import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.Barcode;

import java.io.InputStream;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The office's inventory: baseline import, reconciliation, barcode issuing.
 *
 * <p>Baseline CSV: UTF-8, comma-separated, a header line with the columns {@code file_reference},
 * {@code barcode} (may be empty), {@code surname}, {@code given_names}, {@code date_of_birth}
 * ({@code yyyy-MM-dd} or {@code dd.MM.yyyy}), {@code nationality} (ISO alpha-3, may be empty),
 * {@code azr_number} (may be empty), {@code protection_level} ({@code NORMAL}, {@code HIGH},
 * {@code VERY_HIGH}; empty means {@code NORMAL}). A newer import replaces the older baseline.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Inventory {

    /**
     * Validates the whole CSV, stores it, and records its import in the journal. All or nothing.
     *
     * @param actor who imports
     * @param csv the CSV; read to the end, not closed
     * @return what was imported
     * @throws InvalidBaselineException naming line and column of every problem (since 0.2; the
     *     first one in 0.1)
     */
    BaselineImport importBaseline(Actor actor, InputStream csv);

    /**
     * Validates a whole CSV as {@link #importBaseline} would, and changes nothing: no byte stored,
     * no event recorded. An integrator checks a file first and then does more than import it (the
     * CLI registers its case files), so that a bad file leaves nothing behind.
     *
     * @param csv the CSV; read to the end, not closed
     * @return its entries, in file order
     * @throws InvalidBaselineException naming line and column of every problem
     *     ({@link InvalidBaselineException#problems()})
     * @since 0.2
     */
    default List<BaselineEntry> checkBaseline(InputStream csv) {
        throw new UnsupportedOperationException("this inventory implementation predates checkBaseline (0.2)");
    }

    /** @return the current baseline's entries, in file order; empty if none was imported */
    List<BaselineEntry> baseline();

    /** @return the baseline held against the tracking; all zeros if no baseline was imported */
    Reconciliation reconcile();

    /**
     * Issues new case-file barcodes from the configured scheme, never the same one twice (also
     * across writers sharing the storage), and records the range in the journal.
     *
     * @param actor who prints the labels
     * @param count how many, 1 to 100,000
     * @return the barcodes, in serial order
     */
    List<Barcode> issueCaseFileBarcodes(Actor actor, int count);

    /**
     * Issues new box barcodes, as {@link #issueCaseFileBarcodes}.
     *
     * @param actor who prints the labels
     * @param count how many, 1 to 100,000
     * @return the barcodes, in serial order
     */
    List<Barcode> issueBoxBarcodes(Actor actor, int count);
}
