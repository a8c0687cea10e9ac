package io.github.aktenlift.adapters.xdomea.message;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A file of a document version in a given format ({@code Primaerdokument}), and its SHA-256 where
 * the message gives one.
 *
 * <p>xdomea 3.0.0 has no element for a checksum. Aktenlift carries it in the document's
 * {@code AnwendungsspezifischeErweiterung} with {@code Kennung} {@value #HASH_EXTENSION}: one
 * {@code Feld} per file, {@code Name} = the file name, {@code Wert} = 64 lowercase hex digits.
 *
 * @param fileName {@code Dateiname}: the ZIP entry the file travels as; a UUID, then optionally
 *     {@code _} and more, as xdomea's {@code stringDateinameType} requires; plain (no path)
 * @param originalName {@code DateinameOriginal}, or {@code null}
 * @param created {@code DatumUhrzeit}, the file's creation time, or {@code null}
 * @param sha256 the SHA-256 the message declares, or {@code null} if it declares none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PrimaryFile(String fileName, String originalName, OffsetDateTime created, String sha256) {

    /** The {@code Kennung} of the extension that carries SHA-256 checksums. */
    public static final String HASH_EXTENSION = "urn:aktenlift:xdomea:sha256:1";

    /**
     * Validates the file name and the checksum's form.
     *
     * @param fileName {@code Dateiname}: the ZIP entry the file travels as; a UUID, then optionally {@code _}
     *     and more, as xdomea's {@code stringDateinameType} requires; plain (no path)
     * @param originalName {@code DateinameOriginal}, or {@code null}
     * @param created {@code DatumUhrzeit}, the file's creation time, or {@code null}
     * @param sha256 the SHA-256 the message declares, or {@code null} if it declares none
     */
    public PrimaryFile {
        Objects.requireNonNull(fileName, "fileName");
        if (!fileName.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}.*")
                || fileName.contains("/") || fileName.contains("\\")) {
            throw new IllegalArgumentException("Dateiname must start with a UUID and name no directory");
        }
        Texts.optional("originalName", originalName);
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
