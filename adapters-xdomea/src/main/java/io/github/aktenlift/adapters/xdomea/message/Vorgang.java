package io.github.aktenlift.adapters.xdomea.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * A process within a case file ({@code Vorgang}). Aktenlift hands each paper case file over as one
 * {@code Vorgang} of the e-file's {@code Akte}.
 *
 * @param id {@code Identifikation/ID}
 * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
 * @param metadata {@code AllgemeineMetadaten}
 * @param type {@code Typ}, or {@code null}
 * @param contacts {@code Kontakt} (persons; read, never written)
 * @param documents {@code Dokument}
 * @param parts {@code Teilvorgang}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Vorgang(UUID id, Integer position, GeneralMetadata metadata, String type, List<Contact> contacts,
        List<Dokument> documents, List<Vorgang> parts) implements Schriftgutobjekt {

    /**
     * Validates and copies.
     *
     * @param id {@code Identifikation/ID}
     * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
     * @param metadata {@code AllgemeineMetadaten}
     * @param type {@code Typ}, or {@code null}
     * @param contacts {@code Kontakt} (persons; read, never written)
     * @param documents {@code Dokument}
     * @param parts {@code Teilvorgang}
     */
    public Vorgang {
        Objects.requireNonNull(id, "id");
        Texts.position(position);
        Objects.requireNonNull(metadata, "metadata");
        Texts.optional("type", type);
        contacts = List.copyOf(contacts);
        documents = List.copyOf(documents);
        parts = List.copyOf(parts);
    }
}
