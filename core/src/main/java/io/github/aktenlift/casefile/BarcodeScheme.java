package io.github.aktenlift.casefile;

import io.github.aktenlift.InvalidValueException;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How barcodes of one kind (case files or boxes) look: a fixed prefix, a zero-padded serial number
 * and a check character, or the pattern of existing labels that the office already uses.
 *
 * @param prefix letters that start every barcode of this kind (may be empty for existing labels)
 * @param serialDigits how many digits the serial number has when barcodes are generated
 * @param pattern the whole label's shape, check character included
 * @param checkDigit the check-digit algorithm over everything before the last character
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BarcodeScheme(String prefix, int serialDigits, Pattern pattern, CheckDigit checkDigit) {

    /**
     * Validates the fields.
     *
     * @param prefix letters that start every barcode of this kind (may be empty for existing labels)
     * @param serialDigits how many digits the serial number has when barcodes are generated
     * @param pattern the whole label's shape, check character included
     * @param checkDigit the check-digit algorithm over everything before the last character
     */
    public BarcodeScheme {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(checkDigit, "checkDigit");
        if (serialDigits < 1 || serialDigits > 18) {
            throw new InvalidValueException("serialDigits", "must be 1 to 18");
        }
    }

    /**
     * Generated barcodes: {@code prefix}, {@code serialDigits} digits, one ISO 7064 MOD 37,36
     * check character.
     *
     * @param prefix one or more capital letters
     * @param serialDigits digits of the serial number
     * @return the scheme
     */
    public static BarcodeScheme generated(String prefix, int serialDigits) {
        if (!prefix.matches("[A-Z]{1,6}")) {
            throw new InvalidValueException("prefix", "must be 1 to 6 capital letters");
        }
        return new BarcodeScheme(prefix, serialDigits,
                Pattern.compile(Pattern.quote(prefix) + "[0-9]{" + serialDigits + "}[0-9A-Z]"),
                CheckDigit.ISO_7064_MOD_37_36);
    }

    /**
     * Existing labels: barcodes already stuck on files, recognised by their pattern and check digit.
     * Such a scheme cannot generate new barcodes unless the pattern is prefix + digits + check.
     *
     * @param pattern the whole label's shape, check character included
     * @param checkDigit their check-digit algorithm
     * @return the scheme
     */
    public static BarcodeScheme existing(Pattern pattern, CheckDigit checkDigit) {
        return new BarcodeScheme("", 8, pattern, checkDigit);
    }

    /** @return the default scheme for case files: {@code F}, 8 digits, check character */
    public static BarcodeScheme defaultCaseFiles() {
        return generated("F", 8);
    }

    /** @return the default scheme for boxes: {@code B}, 6 digits, check character */
    public static BarcodeScheme defaultBoxes() {
        return generated("B", 6);
    }

    /**
     * @param serial the serial number, at least 0
     * @return the barcode for it, check character appended
     */
    public Barcode generate(long serial) {
        String digits = Long.toString(serial);
        if (serial < 0 || digits.length() > serialDigits) {
            throw new InvalidValueException("serial", "must be 0 to " + serialDigits + " digits");
        }
        String payload = prefix + "0".repeat(serialDigits - digits.length()) + digits;
        Barcode b = new Barcode(payload + checkDigit.compute(payload));
        if (!accepts(b)) {
            throw new InvalidValueException("barcodeScheme", "pattern does not accept the barcodes it generates");
        }
        return b;
    }

    /**
     * @param barcode a barcode
     * @return whether it has this scheme's shape and a correct check character
     */
    public boolean accepts(Barcode barcode) {
        String v = barcode.value();
        return pattern.matcher(v).matches() && checkDigit.isValid(v);
    }
}
