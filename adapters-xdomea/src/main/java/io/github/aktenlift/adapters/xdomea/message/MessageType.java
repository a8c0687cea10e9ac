package io.github.aktenlift.adapters.xdomea.message;

import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The xdomea 3.0.0 messages of the process "Abgabe durchführen" that Aktenlift writes and reads,
 * with the standard's names and the file names they travel under.
 *
 * <p>File names follow the convention of xdomea partners: {@code <ProzessID>_<message name>.zip},
 * the message XML inside as {@code <ProzessID>_<message name>.xml}, for example
 * {@code 6f1c…_Abgabe.Abgabe.0401.zip}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MessageType {
    /** {@code Abgabe.Abgabe.0401}: the complete export of records to another authority or system. */
    ABGABE("Abgabe.Abgabe.0401", "0401"),
    /** {@code Abgabe.ImportBestaetigen.0402}: per object, whether the receiver imported it. */
    IMPORT_CONFIRMATION("Abgabe.ImportBestaetigen.0402", "0402"),
    /** {@code Abgabe.EmpfangBestaetigen.0403}: the receiver has the message, not yet imported. */
    RECEIPT_CONFIRMATION("Abgabe.EmpfangBestaetigen.0403", "0403");

    /** The target namespace of xdomea 3.0.0. */
    public static final String NAMESPACE = "urn:xoev-de:xdomea:schema:3.0.0";
    /** The xdomea version Aktenlift writes and reads. */
    public static final String VERSION = "3.0.0";
    /** Prefix of every xdomea namespace; a namespace with it but another version is an unknown version. */
    public static final String NAMESPACE_PREFIX = "urn:xoev-de:xdomea:schema:";

    private final String elementName;
    private final String code;

    MessageType(String elementName, String code) {
        this.elementName = elementName;
        this.code = code;
    }

    /** @return the root element's local name, for example {@code Abgabe.Abgabe.0401} */
    public String elementName() {
        return elementName;
    }

    /** @return the code of the {@code Nachrichtentyp} code list, for example {@code 0401} */
    public String code() {
        return code;
    }

    /**
     * @param processId the message's {@code ProzessID}
     * @param extension {@code zip} for the message container, {@code xml} for the message inside
     * @return the file name, for example {@code 6f1c…_Abgabe.Abgabe.0401.zip}
     */
    public String fileName(UUID processId, String extension) {
        Objects.requireNonNull(processId, "processId");
        return processId + "_" + elementName + "." + Objects.requireNonNull(extension, "extension");
    }

    /**
     * @param elementName a root element's local name
     * @return the message type with that name
     * @throws IllegalArgumentException if none has it
     */
    public static MessageType ofElementName(String elementName) {
        for (MessageType t : values()) {
            if (t.elementName.equals(elementName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not an Abgabe message: " + elementName);
    }
}
