package io.github.aktenlift.inventory;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The baseline held against the tracking: how many of the expected case files have been
 * registered, received, captured and imported, and what does not match.
 *
 * @param expected case files in the baseline
 * @param registered of those, registered in the tracking
 * @param received of those, received at the scan service at some point
 * @param captured of those, captured at some point
 * @param imported of those, confirmed imported
 * @param notRegistered expected but not registered
 * @param unexpected registered in the bulk project (not transfers) but not in the baseline
 * @param barcodeMismatch expected with a barcode, but registered under another one
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Reconciliation(long expected, long registered, long received, long captured, long imported,
        List<FileReference> notRegistered, List<Barcode> unexpected, List<FileReference> barcodeMismatch) {

    /**
     * Copies the lists.
     *
     * @param expected case files in the baseline
     * @param registered of those, registered in the tracking
     * @param received of those, received at the scan service at some point
     * @param captured of those, captured at some point
     * @param imported of those, confirmed imported
     * @param notRegistered expected but not registered
     * @param unexpected registered in the bulk project (not transfers) but not in the baseline
     * @param barcodeMismatch expected with a barcode, but registered under another one
     */
    public Reconciliation {
        notRegistered = List.copyOf(notRegistered);
        unexpected = List.copyOf(unexpected);
        barcodeMismatch = List.copyOf(barcodeMismatch);
    }
}
