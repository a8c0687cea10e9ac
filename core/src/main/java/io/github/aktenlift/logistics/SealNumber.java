package io.github.aktenlift.logistics;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

/**
 * The number printed on a tamper-evident seal: 1 to 32 of {@code A–Z 0–9 -}.
 *
 * @param value the number
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SealNumber(String value) {

    /**
     * Validates the text.
     *
     * @param value the number
     */
    public SealNumber {
        if (value == null || !value.matches("[A-Z0-9-]{1,32}")) {
            throw new InvalidValueException("seal", "must be 1 to 32 of A-Z 0-9 -");
        }
    }

    /**
     * @param value the number
     * @return the seal number
     */
    public static SealNumber of(String value) {
        return new SealNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
