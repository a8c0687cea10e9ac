package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A barcode does not fit the configured scheme for its kind: wrong shape or wrong check digit.
 * Raised before anything is recorded.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InvalidBarcodeException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** {@code case file} or {@code box}. */
    private final String kind;
    /** The barcode text. */
    private final String barcode;

    /**
     * @param kind {@code case file} or {@code box}
     * @param barcode the barcode text
     */
    public InvalidBarcodeException(String kind, String barcode) {
        super("barcode " + barcode + " does not fit the " + kind + " barcode scheme (shape or check digit)");
        this.kind = kind;
        this.barcode = barcode;
    }

    /** @return {@code case file} or {@code box} */
    public String kind() {
        return kind;
    }

    /** @return the barcode text */
    public String barcode() {
        return barcode;
    }
}
