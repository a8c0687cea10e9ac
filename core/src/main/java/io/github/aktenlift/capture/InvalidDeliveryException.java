package io.github.aktenlift.capture;

import io.github.aktenlift.AktenliftException;
import org.apiguardian.api.API;

/**
 * A delivery cannot be read at all: no index, an index that is not valid JSON or not of the
 * format, a delivery-level field in violation. Nothing of it was taken. (Problems of single case
 * files are reported per case file instead, in {@link IngestReport}.)
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InvalidDeliveryException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** The field path or file concerned, for example {@code index.json} or {@code deliveryId}. */
    private final String field;

    /**
     * @param field the field path or file concerned, for example {@code index.json} or {@code deliveryId}
     * @param reason what is wrong
     */
    public InvalidDeliveryException(String field, String reason) {
        super("delivery " + field + ": " + reason);
        this.field = field;
    }

    /** @return the field path or file concerned */
    public String field() {
        return field;
    }
}
