package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Records that a case file was scanned, with the documents found: {@code PREPARED → CAPTURED}, or {@code QA_FAILED → CAPTURED} for a rescan (which replaces the document list).
 *
 * @param barcode the case file
 * @param deliveryId the scan delivery that carried its pages
 * @param documents the documents found, with unique ids
 * @param scanProtocolSha256 SHA-256 of the stored scan protocol (JSON), which lists every page's and
 *     rendition's hash, or {@code null} if none was stored; recorded in the journal so that protocol,
 *     renditions and pages are anchored in the tamper-evident chain
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RecordCapture(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String deliveryId,
        @NotEmpty List<@NotNull @Valid CapturedDocument> documents,
        @Pattern(regexp = "[0-9a-f]{64}") String scanProtocolSha256) implements Command {

    /**
     * A capture recorded without a stored scan protocol (for example by an external capture system).
     *
     * @param barcode the case file
     * @param deliveryId the scan delivery that carried its pages
     * @param documents the documents found, with unique ids
     */
    public RecordCapture(Barcode barcode, String deliveryId, List<CapturedDocument> documents) {
        this(barcode, deliveryId, documents, null);
    }
}
