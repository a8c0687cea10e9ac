package io.github.aktenlift.adapters.xdomea.message;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The message {@code Abgabe.EmpfangBestaetigen.0403}: the receiver has the 0401 with this
 * {@code ProzessID}; it has not imported it yet.
 *
 * @param head {@code Kopf}; type {@link MessageType#RECEIPT_CONFIRMATION}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ReceiptConfirmation(MessageHead head) {

    /**
     * Checks the head's type.
     *
     * @param head {@code Kopf}; type {@link MessageType#RECEIPT_CONFIRMATION}
     */
    public ReceiptConfirmation {
        Objects.requireNonNull(head, "head");
        if (head.type() != MessageType.RECEIPT_CONFIRMATION) {
            throw new IllegalArgumentException("a receipt confirmation needs a head of type RECEIPT_CONFIRMATION");
        }
    }
}
