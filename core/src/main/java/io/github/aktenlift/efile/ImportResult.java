package io.github.aktenlift.efile;

import io.github.aktenlift.casefile.Barcode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What became of one case file in an import run.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface ImportResult {

    /** @return the case file */
    Barcode barcode();

    /**
     * The procedure confirmed the import with a receipt; the case file is {@code IMPORTED}.
     *
     * @param barcode the case file
     * @param eFileId the e-file its documents went into
     * @param receiptId the procedure's receipt
     */
    record Imported(Barcode barcode, String eFileId, String receiptId) implements ImportResult {
        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file
         * @param eFileId the e-file its documents went into
         * @param receiptId the procedure's receipt
         */
        public Imported {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(eFileId, "eFileId");
            Objects.requireNonNull(receiptId, "receiptId");
        }
    }

    /**
     * Handed over, not decided by the procedure yet; {@link Imports#poll} asks again.
     *
     * @param barcode the case file
     * @param idempotencyKey the key of the hand-over
     * @param nextPollAt when the next poll will ask
     */
    record Pending(Barcode barcode, String idempotencyKey, Instant nextPollAt) implements ImportResult {
        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file
         * @param idempotencyKey the key of the hand-over
         * @param nextPollAt when the next poll will ask
         */
        public Pending {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(nextPollAt, "nextPollAt");
        }
    }

    /**
     * The procedure rejected the import; the case file is {@code IMPORT_REJECTED} and the office
     * was notified. After correction, {@link io.github.aktenlift.casefile.RetryImport} queues it
     * again.
     *
     * @param barcode the case file
     * @param idempotencyKey the key of the rejected hand-over
     * @param reasonCode the procedure's machine-readable reason
     */
    record Rejected(Barcode barcode, String idempotencyKey, String reasonCode) implements ImportResult {
        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file
         * @param idempotencyKey the key of the rejected hand-over
         * @param reasonCode the procedure's machine-readable reason
         */
        public Rejected {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(reasonCode, "reasonCode");
        }
    }

    /**
     * The e-file could not be matched without a person's decision; nothing was handed over. The
     * office was notified; {@link DecideMatch} decides.
     *
     * @param barcode the case file
     * @param reasons why, at least one
     * @param candidateEFileIds the e-files the evidence points at, sorted; a decision may append
     *     to one of them or create a new e-file
     */
    record Held(Barcode barcode, List<MatchReason> reasons, List<String> candidateEFileIds) implements ImportResult {
        /**
         * Copies the lists.
         *
         * @param barcode the case file
         * @param reasons why, at least one
         * @param candidateEFileIds the e-files the evidence points at, sorted; a decision may append to one
         *     of them or create a new e-file
         */
        public Held {
            Objects.requireNonNull(barcode, "barcode");
            reasons = List.copyOf(reasons);
            candidateEFileIds = List.copyOf(candidateEFileIds);
        }
    }

    /**
     * This attempt failed; nothing was recorded that a later attempt could not continue from.
     * Typical errors: {@link io.github.aktenlift.spi.UnavailableException} (procedure, storage or
     * notifier unreachable: try again later), {@link io.github.aktenlift.spi.IntegrityException}
     * (a stored rendition differs from its recorded hash),
     * {@link io.github.aktenlift.PreconditionFailedException} (for example
     * {@code NO_SCAN_PROTOCOL}: the capture stored no renditions to import).
     *
     * @param barcode the case file
     * @param error what went wrong, naming identifiers only
     */
    record Failed(Barcode barcode, RuntimeException error) implements ImportResult {
        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file
         * @param error what went wrong, naming identifiers only
         */
        public Failed {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(error, "error");
        }
    }
}
