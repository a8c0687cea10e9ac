package io.github.aktenlift.lifecycle;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One stored document of a digital transfer, as the journal records it.
 *
 * @param name the file name, as in an import package ({@code A–Z a–z 0–9 . _ -}, not starting with a dot)
 * @param type the document type code
 * @param mediaType the media type, for example {@code application/pdf}
 * @param size length in bytes
 * @param sha256 SHA-256 of the stored bytes
 * @param key where it is stored ({@link StorageKeys#intakeDocument})
 */
public record DigitalDocumentRecord(@NotNull @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}") String name,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String type,
        @NotNull @Pattern(regexp = "[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}") String mediaType,
        @PositiveOrZero long size, @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256, @NotNull String key) {

    /** @return the journal's form: {@code name;type;mediaType;size;sha256} */
    String encoded() {
        return name + ";" + type + ";" + mediaType + ";" + size + ";" + sha256;
    }

    /** @return the record of a journal entry written by {@link #encoded()} */
    static DigitalDocumentRecord decode(String transferId, int position, String value) {
        String[] p = value.split(";", -1);
        return new DigitalDocumentRecord(p[0], p[1], p[2], Long.parseLong(p[3]), p[4],
                StorageKeys.intakeDocument(transferId, position, p[0]).value());
    }
}
