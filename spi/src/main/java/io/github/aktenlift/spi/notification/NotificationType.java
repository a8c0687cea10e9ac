package io.github.aktenlift.spi.notification;

import org.apiguardian.api.API;

/**
 * What a notification tells.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum NotificationType {
    /** A case file's documents are available in the e-file. */
    FILE_AVAILABLE,
    /** A quality check failed; a rescan is needed. */
    QA_FAILED,
    /** An urgent recall was served. */
    RECALL_SERVED,
    /** Something exceeded its service level. */
    OVERDUE,
    /** Paper files are due for destruction. */
    DESTRUCTION_DUE,
    /** The specialist procedure rejected an import. */
    IMPORT_REJECTED,
    /** A transfer matched no e-file unambiguously; a person must decide. */
    MATCH_NEEDS_DECISION,
    /** A pickup should be scheduled. */
    PICKUP_PROPOSED,
    /** A gap in the chain of custody was found. */
    DISCREPANCY,
    /** A paper file received from another authority was registered. */
    TRANSFER_REGISTERED,
    /** A destruction list was confirmed with a certificate: its files are recorded as destroyed. */
    DESTRUCTION_CONFIRMED
}
