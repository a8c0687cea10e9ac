package io.github.aktenlift.adapters.xdomea.message;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The head of a message ({@code Kopf}, xdomea {@code NkBasisType}). xdomea 3.0.0 has no message id of
 * its own: the {@code ProzessID} identifies the process, and every answer repeats it.
 *
 * @param processId {@code ProzessID}
 * @param type {@code Nachrichtentyp}
 * @param created {@code Erstellungszeitpunkt}; a time received without an offset is read in the
 *     reader's zone
 * @param sender {@code Absender}
 * @param recipient {@code Empfaenger}
 * @param sendingSystem {@code SendendesSystem/Produktname}, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MessageHead(UUID processId, MessageType type, OffsetDateTime created, Party sender, Party recipient,
        String sendingSystem) {

    /**
     * Checks for {@code null} where required.
     *
     * @param processId {@code ProzessID}
     * @param type {@code Nachrichtentyp}
     * @param created {@code Erstellungszeitpunkt}; a time received without an offset is read in the reader's
     *     zone
     * @param sender {@code Absender}
     * @param recipient {@code Empfaenger}
     * @param sendingSystem {@code SendendesSystem/Produktname}, or {@code null}
     */
    public MessageHead {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Texts.optional("sendingSystem", sendingSystem);
    }
}
