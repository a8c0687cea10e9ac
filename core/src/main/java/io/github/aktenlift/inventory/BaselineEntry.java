package io.github.aktenlift.inventory;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One expected case file from the baseline inventory.
 *
 * @param line the CSV line it came from (header = line 1)
 * @param reference the file number
 * @param barcode the existing label, if the file already has one
 * @param subject the person concerned (personal data)
 * @param protection the protection level
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BaselineEntry(int line, FileReference reference, Optional<Barcode> barcode, Subject subject,
        ProtectionLevel protection) {

    /**
     * Checks for {@code null}.
     *
     * @param line the CSV line it came from (header = line 1)
     * @param reference the file number
     * @param barcode the existing label, if the file already has one
     * @param subject the person concerned (personal data)
     * @param protection the protection level
     */
    public BaselineEntry {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(protection, "protection");
    }
}
