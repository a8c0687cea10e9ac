package io.github.aktenlift.adapters.xdomea.message;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * A document ({@code Dokument}, or an attachment {@code Anlage}).
 *
 * @param id {@code Identifikation/ID}
 * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
 * @param metadata {@code AllgemeineMetadaten}
 * @param dateOfLetter {@code DatumDesSchreibens}, or {@code null}
 * @param type {@code Typ}: Aktenlift writes the document type code, for example
 *     {@code PASSPORT_COPY}; or {@code null}
 * @param versions {@code Version}
 * @param attachments {@code Anlage}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Dokument(UUID id, Integer position, GeneralMetadata metadata, LocalDate dateOfLetter, String type,
        List<Version> versions, List<Dokument> attachments) implements Schriftgutobjekt {

    /**
     * Validates and copies.
     *
     * @param id {@code Identifikation/ID}
     * @param position {@code Identifikation/NummerImUebergeordnetenContainer}, or {@code null}
     * @param metadata {@code AllgemeineMetadaten}
     * @param dateOfLetter {@code DatumDesSchreibens}, or {@code null}
     * @param type {@code Typ}: Aktenlift writes the document type code, for example {@code PASSPORT_COPY}; or
     *     {@code null}
     * @param versions {@code Version}
     * @param attachments {@code Anlage}
     */
    public Dokument {
        Objects.requireNonNull(id, "id");
        Texts.position(position);
        Objects.requireNonNull(metadata, "metadata");
        Texts.optional("type", type);
        versions = List.copyOf(versions);
        attachments = List.copyOf(attachments);
    }

    /** @return every primary file of every version and format, attachments' files included, in message order */
    public List<PrimaryFile> files() {
        List<PrimaryFile> all = new ArrayList<>();
        for (Version v : versions) {
            for (Format f : v.formats()) {
                all.add(f.file());
            }
        }
        for (Dokument a : attachments) {
            all.addAll(a.files());
        }
        return all;
    }
}
