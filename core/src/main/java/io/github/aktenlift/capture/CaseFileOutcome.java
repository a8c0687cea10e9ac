package io.github.aktenlift.capture;

import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.spi.storage.Key;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What became of one case file of a delivery.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface CaseFileOutcome {

    /** @return the case file's barcode, as the index gives it */
    String barcode();

    /**
     * Captured: renditions and protocol stored, tracking moved to {@code CAPTURED} (or on to
     * {@code VERIFIED} where no visual review is due).
     *
     * @param barcode the case file
     * @param pages pages taken
     * @param renditions the stored PDF/A renditions
     * @param protocolJson where the scan protocol (JSON) is stored
     * @param protocolPdf where the human-readable scan protocol (PDF/A) is stored
     * @param inspectionSample documents drawn for visual inspection
     * @param state the tracking state after capture
     */
    record Captured(String barcode, int pages, List<StoredRendition> renditions, Key protocolJson, Key protocolPdf,
            List<String> inspectionSample, CaseFileState state) implements CaseFileOutcome {
        /**
         * Copies the lists.
         *
         * @param barcode the case file
         * @param pages pages taken
         * @param renditions the stored PDF/A renditions
         * @param protocolJson where the scan protocol (JSON) is stored
         * @param protocolPdf where the human-readable scan protocol (PDF/A) is stored
         * @param inspectionSample documents drawn for visual inspection
         * @param state the tracking state after capture
         */
        public Captured {
            renditions = List.copyOf(renditions);
            inspectionSample = List.copyOf(inspectionSample);
        }
    }

    /**
     * Rejected: nothing stored, tracking unchanged.
     *
     * @param barcode the case file
     * @param problems every problem found, at least one
     */
    record Rejected(String barcode, List<CaptureProblem> problems) implements CaseFileOutcome {
        /**
         * Copies the list.
         *
         * @param barcode the case file
         * @param problems every problem found, at least one
         */
        public Rejected {
            Objects.requireNonNull(barcode, "barcode");
            problems = List.copyOf(problems);
        }
    }

    /**
     * Already captured: the delivery was ingested before and its capture of this case file is
     * recorded (a repeated delivery), or another ingest of it recorded it meanwhile. Nothing was
     * done again; this is no quality failure.
     *
     * @param barcode the case file
     * @param state its tracking state now
     * @since 0.2
     */
    record AlreadyCaptured(String barcode, CaseFileState state) implements CaseFileOutcome {
        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file
         * @param state its tracking state now
         */
        public AlreadyCaptured {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * A stored rendition.
     *
     * @param documentId the document it renders, or {@code *} for a whole case file
     * @param key where it is stored
     * @param size its length in bytes
     * @param sha256 its SHA-256
     * @param pages how many pages it has
     * @param reencodedPages how many of them could not be passed through and were re-encoded losslessly
     */
    record StoredRendition(String documentId, Key key, long size, String sha256, int pages, int reencodedPages) {
    }
}
