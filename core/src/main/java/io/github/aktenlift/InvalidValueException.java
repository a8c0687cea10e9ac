package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A value object was constructed from unacceptable input, for example a barcode with illegal
 * characters. Names the field; quotes the input only where it cannot be personal data.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InvalidValueException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** The field or value type, for example {@code barcode}. */
    private final String field;

    /**
     * @param field the field or value type, for example {@code barcode}
     * @param reason why the input is rejected, without personal data
     */
    public InvalidValueException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** @return the field or value type whose input was rejected */
    public String field() {
        return field;
    }
}
