package io.github.aktenlift.casefile;

import org.apiguardian.api.API;

/**
 * Where a case file is in its lifecycle. Main path: {@code REGISTERED → PACKED → IN_TRANSIT →
 * RECEIVED → PREPARED → CAPTURED → VERIFIED → IMPORTED → RETAINED → DESTROYED | RETURNED}. Side
 * states: {@link #MISSING}, {@link #QA_FAILED}, {@link #IMPORT_REJECTED}. Holds and recalls are
 * flags beside the state, not states.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum CaseFileState {
    /** Known to the tracking, at the office, not yet packed. */
    REGISTERED,
    /** In an open or sealed box at the office. */
    PACKED,
    /** Its box was handed over to the carrier. */
    IN_TRANSIT,
    /** Counted at the scan service's goods receipt. */
    RECEIVED,
    /** On the packing list of a received box, but not in it. */
    MISSING,
    /** Prepared for scanning (staples removed, sheets sorted). */
    PREPARED,
    /** Scanned; pages and index delivered. */
    CAPTURED,
    /** A quality check failed; waits for a rescan. */
    QA_FAILED,
    /** Quality checks passed; ready for import. */
    VERIFIED,
    /** The specialist procedure rejected the import; waits for correction and retry. */
    IMPORT_REJECTED,
    /** The specialist procedure confirmed the import into the e-file. */
    IMPORTED,
    /** The paper is kept for the retention period. */
    RETAINED,
    /** The paper was destroyed, with a certificate. Final. */
    DESTROYED,
    /** The paper was handed back (to the office or another authority). */
    RETURNED;

    /** @return whether no command moves the file on from here except resubmission */
    public boolean isTerminal() {
        return this == DESTROYED || this == RETURNED;
    }
}
