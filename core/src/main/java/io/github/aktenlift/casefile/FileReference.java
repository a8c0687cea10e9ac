package io.github.aktenlift.casefile;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

/**
 * The office's own file number (<i>Aktenzeichen</i>), for example {@code 32.1-AB-2024/0815}:
 * 1 to 64 printable characters without control characters.
 *
 * @param value the file number
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FileReference(String value) {

    /**
     * Validates the text.
     *
     * @param value the file number
     */
    public FileReference {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("fileReference", "must not be blank");
        }
        if (value.length() > 64) {
            throw new InvalidValueException("fileReference", "must have at most 64 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidValueException("fileReference", "control character at index " + i);
            }
        }
        value = value.strip();
    }

    /**
     * @param value the file number
     * @return the reference
     */
    public static FileReference of(String value) {
        return new FileReference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
