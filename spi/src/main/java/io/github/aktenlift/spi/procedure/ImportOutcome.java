package io.github.aktenlift.spi.procedure;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What became of an import: accepted with a receipt, still pending, or rejected with a reason.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface ImportOutcome {

    /** @return the idempotency key of the import this outcome belongs to */
    String idempotencyKey();

    /**
     * The documents are in the e-file (<i>Importquittung</i>).
     *
     * @param idempotencyKey the import's key
     * @param receiptId the procedure's receipt id
     * @param eFileId the e-file the documents went into
     * @param at when the procedure confirmed it
     */
    record Accepted(String idempotencyKey, String receiptId, String eFileId, Instant at) implements ImportOutcome {
        /**
         * Checks for {@code null}.
         *
         * @param idempotencyKey the import's key
         * @param receiptId the procedure's receipt id
         * @param eFileId the e-file the documents went into
         * @param at when the procedure confirmed it
         */
        public Accepted {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(receiptId, "receiptId");
            Objects.requireNonNull(eFileId, "eFileId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Handed over, not decided yet: ask again with {@link SpecialistProcedure#status(String)}.
     *
     * @param idempotencyKey the import's key
     * @param retryAfter a hint when to ask again
     */
    record Pending(String idempotencyKey, Duration retryAfter) implements ImportOutcome {
        /**
         * Checks for {@code null}.
         *
         * @param idempotencyKey the import's key
         * @param retryAfter a hint when to ask again
         */
        public Pending {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The procedure refused the import. A corrected package is sent under a new key.
     *
     * @param idempotencyKey the import's key
     * @param reasonCode machine-readable reason, such as {@code EFILE_LOCKED}
     * @param detail human-readable explanation without personal data
     */
    record Rejected(String idempotencyKey, String reasonCode, String detail) implements ImportOutcome {
        /**
         * Checks for {@code null}.
         *
         * @param idempotencyKey the import's key
         * @param reasonCode machine-readable reason, such as {@code EFILE_LOCKED}
         * @param detail human-readable explanation without personal data
         */
        public Rejected {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
