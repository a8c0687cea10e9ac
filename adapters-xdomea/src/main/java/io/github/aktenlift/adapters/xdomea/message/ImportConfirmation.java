package io.github.aktenlift.adapters.xdomea.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The message {@code Abgabe.ImportBestaetigen.0402}: per handed-over object, whether the receiver
 * imported it.
 *
 * @param head {@code Kopf}, with the {@code ProzessID} of the 0401 it answers; type
 *     {@link MessageType#IMPORT_CONFIRMATION}
 * @param results {@code AbgegebenesObjekt}, at least one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ImportConfirmation(MessageHead head, List<ObjectResult> results) {

    /**
     * Validates and copies.
     *
     * @param head {@code Kopf}, with the {@code ProzessID} of the 0401 it answers; type {@link
     *     MessageType#IMPORT_CONFIRMATION}
     * @param results {@code AbgegebenesObjekt}, at least one
     */
    public ImportConfirmation {
        Objects.requireNonNull(head, "head");
        if (head.type() != MessageType.IMPORT_CONFIRMATION) {
            throw new IllegalArgumentException("an import confirmation needs a head of type IMPORT_CONFIRMATION");
        }
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("an import confirmation needs at least one AbgegebenesObjekt");
        }
    }

    /**
     * The outcome for one object ({@code ErfolgOderMisserfolgAbgabeType}).
     *
     * @param id {@code IDSGO}: the object's id
     * @param success {@code Erfolgreich}
     * @param messages {@code Fehlermeldung}: the receiver's reasons in words
     * @param codes {@code FehlermeldungCode}: the receiver's reasons as codes of its own list
     * @since 0.1
     */
    public record ObjectResult(UUID id, boolean success, List<String> messages, List<ErrorCode> codes) {

        /**
         * Validates and copies.
         *
         * @param id {@code IDSGO}: the object's id
         * @param success {@code Erfolgreich}
         * @param messages {@code Fehlermeldung}: the receiver's reasons in words
         * @param codes {@code FehlermeldungCode}: the receiver's reasons as codes of its own list
         */
        public ObjectResult {
            Objects.requireNonNull(id, "id");
            messages = List.copyOf(messages);
            codes = List.copyOf(codes);
        }

        /**
         * @param id the imported object's id
         * @return a success without messages
         */
        public static ObjectResult imported(UUID id) {
            return new ObjectResult(id, true, List.of(), List.of());
        }
    }

    /**
     * A reason as a code ({@code SonstigeFehlermeldungCodeType}).
     *
     * @param code {@code code}
     * @param name {@code name}, or {@code null}
     * @param listUri {@code listURI}, the code list's identifier
     * @param listVersion {@code listVersionID}
     * @since 0.1
     */
    public record ErrorCode(String code, String name, String listUri, String listVersion) {

        /**
         * Checks for {@code null} where required.
         *
         * @param code {@code code}
         * @param name {@code name}, or {@code null}
         * @param listUri {@code listURI}, the code list's identifier
         * @param listVersion {@code listVersionID}
         */
        public ErrorCode {
            Texts.required("code", code);
            Texts.optional("name", name);
            Objects.requireNonNull(listUri, "listUri");
            Objects.requireNonNull(listVersion, "listVersion");
        }
    }
}
