package io.github.aktenlift.adapters.xdomea.message;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * A case file ({@code Akte}).
 *
 * @param id {@code Identifikation/ID}
 * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
 * @param metadata {@code AllgemeineMetadaten}
 * @param type {@code Typ}, for example {@code Ausländerakte}; or {@code null}
 * @param contacts {@code Kontakt}: persons (name, date of birth); Aktenlift's own hand-overs carry none
 * @param documents {@code Akteninhalt/Dokument}
 * @param processes {@code Akteninhalt/Vorgang}
 * @param parts {@code Akteninhalt/Teilakte}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Akte(UUID id, Integer position, GeneralMetadata metadata, String type, List<Contact> contacts,
        List<Dokument> documents, List<Vorgang> processes, List<Akte> parts) implements Schriftgutobjekt {

    /**
     * Validates and copies.
     *
     * @param id {@code Identifikation/ID}
     * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
     * @param metadata {@code AllgemeineMetadaten}
     * @param type {@code Typ}, for example {@code Ausländerakte}; or {@code null}
     * @param contacts {@code Kontakt} (persons; read, never written)
     * @param documents {@code Akteninhalt/Dokument}
     * @param processes {@code Akteninhalt/Vorgang}
     * @param parts {@code Akteninhalt/Teilakte}
     */
    public Akte {
        Objects.requireNonNull(id, "id");
        Texts.position(position);
        Objects.requireNonNull(metadata, "metadata");
        Texts.optional("type", type);
        contacts = List.copyOf(contacts);
        documents = List.copyOf(documents);
        processes = List.copyOf(processes);
        parts = List.copyOf(parts);
    }
}
