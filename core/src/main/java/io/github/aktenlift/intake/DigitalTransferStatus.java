package io.github.aktenlift.intake;

import io.github.aktenlift.casefile.Barcode;
import org.apiguardian.api.API;

/**
 * Where a digital transfer stands, and what to answer its sender.
 *
 * @param transferId the sender's id of the exchange
 * @param barcode the case file it was registered as
 * @param originAuthority the sending authority
 * @param outcome where it stands
 * @param eFileId the e-file it was imported into, for {@link Outcome#IMPORTED}; else {@code null}
 * @param receiptId the procedure's receipt, for {@link Outcome#IMPORTED}; else {@code null}
 * @param reasonCode why the import was rejected, for {@link Outcome#REJECTED}; else {@code null}
 * @param answered whether this outcome was answered to the sender ({@link DigitalIntake#answered})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DigitalTransferStatus(String transferId, Barcode barcode, String originAuthority, Outcome outcome,
        String eFileId, String receiptId, String reasonCode, boolean answered) {

    /** Where a digital transfer stands. */
    public enum Outcome {
        /** Taken in; waiting for its import or the procedure's answer. */
        WAITING,
        /** Held for a clerk's matching decision ({@link io.github.aktenlift.efile.DecideMatch}). */
        HELD,
        /** Imported into the e-file: final. */
        IMPORTED,
        /** The procedure rejected the import; the office may still retry it ({@code RetryImport}). */
        REJECTED;

        /** @return whether the sender is to be answered now: imported or rejected */
        public boolean answerable() {
            return this == IMPORTED || this == REJECTED;
        }
    }

    /** @return whether an answer to the sender is due: an answerable outcome not yet answered */
    public boolean toAnswer() {
        return outcome.answerable() && !answered;
    }
}
