package io.github.aktenlift.casefile;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

/**
 * The text of a barcode label on a case file cover or a box: 3 to 40 characters of
 * {@code A–Z}, {@code 0–9} and {@code -}, starting with a letter or digit. Data-neutral: it names
 * no person. Whether its check digit is right is decided by the configured {@link BarcodeScheme}.
 *
 * @param value the label text
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Barcode(String value) implements Comparable<Barcode> {

    /**
     * Validates the syntax.
     *
     * @throws InvalidValueException if the text is not a possible barcode
     * @param value the label text
     */
    public Barcode {
        if (value == null) {
            throw new InvalidValueException("barcode", "must not be null");
        }
        int n = value.length();
        if (n < 3 || n > 40) {
            throw new InvalidValueException("barcode", "must have 3 to 40 characters, has " + n);
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) {
                throw new InvalidValueException("barcode", "illegal character at index " + i
                        + " (allowed: A-Z, 0-9, '-' after the first)");
            }
        }
    }

    /**
     * @param value the label text
     * @return the barcode
     */
    public static Barcode of(String value) {
        return new Barcode(value);
    }

    /**
     * Written out rather than generated: barcodes are the keys of every look-up, and the generated
     * form runs through method handles, which a cold JVM interprets slowly. Same result as the
     * generated one: equal if the texts are.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Barcode b && value.equals(b.value);
    }

    /** @return the hash of the text, as the generated form gives for a single component */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(Barcode o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
