package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.CaseFileState;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What an event records. Case-file events that move the lifecycle name the state they lead to.
 * The persisted code is the constant's name; an unknown code in a stored journal is an error.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum EventKind {
    /** A case file of the bulk project was registered. */
    REGISTERED(EntityType.CASE_FILE, CaseFileState.REGISTERED),
    /** A case file from another authority was registered. */
    TRANSFER_REGISTERED(EntityType.CASE_FILE, CaseFileState.REGISTERED),
    /** Put into a box. */
    PACKED(EntityType.CASE_FILE, CaseFileState.PACKED),
    /** Taken out of its box before sealing. */
    UNPACKED(EntityType.CASE_FILE, CaseFileState.REGISTERED),
    /** Its box was handed to the carrier. */
    PICKED_UP(EntityType.CASE_FILE, CaseFileState.IN_TRANSIT),
    /** Counted at goods receipt. */
    RECEIVED(EntityType.CASE_FILE, CaseFileState.RECEIVED),
    /**
     * Arrived at the scanning place without box and pickup, as the policy allows (the short path);
     * the event's actor and site say who took it in, and where.
     *
     * @since 0.2
     */
    RECEIVED_DIRECT(EntityType.CASE_FILE, CaseFileState.RECEIVED),
    /** On the packing list but not in the box at receipt. */
    MISSING_AT_RECEIPT(EntityType.CASE_FILE, CaseFileState.MISSING),
    /** Found after it was missing at receipt. */
    FOUND(EntityType.CASE_FILE, CaseFileState.RECEIVED),
    /** Prepared for scanning. */
    PREPARED(EntityType.CASE_FILE, CaseFileState.PREPARED),
    /** Scanned (also a rescan). */
    CAPTURED(EntityType.CASE_FILE, CaseFileState.CAPTURED),
    /** One reviewer passed the visual inspection; under four-eyes review a second must follow. */
    QA_REVIEWED(EntityType.CASE_FILE, null),
    /** Quality checks passed. */
    QA_PASSED(EntityType.CASE_FILE, CaseFileState.VERIFIED),
    /** A quality check failed. */
    QA_FAILED(EntityType.CASE_FILE, CaseFileState.QA_FAILED),
    /** The specialist procedure confirmed the import. */
    IMPORT_CONFIRMED(EntityType.CASE_FILE, CaseFileState.IMPORTED),
    /** The specialist procedure rejected the import. */
    IMPORT_REJECTED(EntityType.CASE_FILE, CaseFileState.IMPORT_REJECTED),
    /** A rejected import was queued again. */
    IMPORT_RETRIED(EntityType.CASE_FILE, CaseFileState.VERIFIED),
    /** The e-file for the import was found, decided by a clerk, or found missing (a new one is created). */
    EFILE_MATCHED(EntityType.CASE_FILE, null),
    /** The e-file could not be matched without a person's decision. */
    MATCH_HELD(EntityType.CASE_FILE, null),
    /** An import package was handed to the specialist procedure, under an idempotency key. */
    IMPORT_SUBMITTED(EntityType.CASE_FILE, null),
    /** The paper went into retention storage. */
    RETAINED(EntityType.CASE_FILE, CaseFileState.RETAINED),
    /** The paper was destroyed, with a certificate. */
    DESTROYED(EntityType.CASE_FILE, CaseFileState.DESTROYED),
    /** The paper was handed back. */
    PAPER_RETURNED(EntityType.CASE_FILE, CaseFileState.RETURNED),
    /** A returned file re-entered the process. */
    RESUBMITTED(EntityType.CASE_FILE, CaseFileState.REGISTERED),
    /** A hold was placed. */
    HOLD_PLACED(EntityType.CASE_FILE, null),
    /** A hold was released. */
    HOLD_RELEASED(EntityType.CASE_FILE, null),
    /** An urgent recall was requested. */
    RECALL_REQUESTED(EntityType.CASE_FILE, null),
    /** An urgent recall was served. */
    RECALL_SERVED(EntityType.CASE_FILE, null),
    /** Paper originals of documents were returned to their owner. */
    ORIGINALS_RETURNED(EntityType.CASE_FILE, null),
    /**
     * A case file another authority sent digitally was taken in: registered with its origin, its
     * documents stored and checked against their SHA-256; no paper, so it is ready for import at
     * once.
     */
    DIGITAL_TRANSFER_RECEIVED(EntityType.CASE_FILE, CaseFileState.VERIFIED),
    /** The outcome of a digital transfer's import (imported or rejected) was answered to its sender. */
    DIGITAL_TRANSFER_ANSWERED(EntityType.CASE_FILE, null),

    /** A box was registered, open. */
    BOX_OPENED(EntityType.BOX, null),
    /** A box was sealed. */
    BOX_SEALED(EntityType.BOX, null),
    /** A box's seal was broken before pickup. */
    BOX_REOPENED(EntityType.BOX, null),
    /** A box was handed to the carrier. */
    BOX_PICKED_UP(EntityType.BOX, null),
    /** A box was counted at goods receipt. */
    BOX_RECEIVED(EntityType.BOX, null),

    /** A pickup was planned. */
    PICKUP_PLANNED(EntityType.PICKUP, null),
    /** A pickup's boxes were handed over. */
    PICKUP_COLLECTED(EntityType.PICKUP, null),
    /** Every box of a pickup was received. */
    PICKUP_DELIVERED(EntityType.PICKUP, null),

    /** A baseline inventory was imported. */
    BASELINE_IMPORTED(EntityType.INVENTORY, null),
    /** A range of barcodes was issued for labels. */
    BARCODES_ISSUED(EntityType.INVENTORY, null),

    /** A destruction list was drawn up: the files due, and those excluded with their reasons. */
    DESTRUCTION_LISTED(EntityType.DESTRUCTION_LIST, null),
    /** A destruction list was confirmed with a certificate; its files' {@link #DESTROYED} events go with it. */
    DESTRUCTION_CONFIRMED(EntityType.DESTRUCTION_LIST, null),

    /**
     * The storage cut an interrupted, never-acknowledged append off one of the journal's logs; the
     * cut bytes are kept in quarantine. Payload: the log, offset, length, SHA-256 and quarantine key.
     *
     * @since 0.2
     */
    LOG_REPAIRED(EntityType.STORAGE, null),

    /**
     * A sealed rendition's evidence was renewed: a new version with a PAdES document timestamp
     * (B-LTA) stored beside the old one, which stays. Payload: the rendition (original key), the
     * renewed version's key and SHA-256, and the new version's key and SHA-256.
     *
     * @since 0.2
     */
    EVIDENCE_RENEWED(EntityType.CASE_FILE, null);

    private final EntityType entity;
    /** One immutable Optional per kind: the projection asks for every event. */
    private final Optional<CaseFileState> leadsTo;

    EventKind(EntityType entity, CaseFileState leadsTo) {
        this.entity = entity;
        this.leadsTo = Optional.ofNullable(leadsTo);
    }

    /** @return the kind of thing whose stream this event belongs to */
    public EntityType entity() {
        return entity;
    }

    /** @return the case-file state this event leads to, empty if it changes no state */
    public Optional<CaseFileState> leadsTo() {
        return leadsTo;
    }
}
