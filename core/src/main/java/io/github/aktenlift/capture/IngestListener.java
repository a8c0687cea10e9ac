package io.github.aktenlift.capture;

import org.apiguardian.api.API;

/**
 * Hears how an ingest goes, for a progress display: once the index is read, and as each case file
 * is done. Capture reports nothing else through it and does not wait for it; a listener that throws
 * is logged and ignored, never a reason for the ingest to fail.
 *
 * <p>{@link #caseFileDone} is called from capture's worker threads, possibly several at once:
 * implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface IngestListener {

    /** A listener that hears nothing. */
    IngestListener NONE = new IngestListener() {
    };

    /**
     * The index was read; work on its case files begins.
     *
     * @param deliveryId the delivery's id
     * @param caseFiles how many case files it lists, good and bad
     */
    default void indexRead(String deliveryId, int caseFiles) {
    }

    /**
     * One case file is done, captured or rejected.
     *
     * @param outcome what became of it, never {@code null}
     */
    default void caseFileDone(CaseFileOutcome outcome) {
    }
}
