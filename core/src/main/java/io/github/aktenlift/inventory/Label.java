package io.github.aktenlift.inventory;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import org.apiguardian.api.API;

/**
 * One barcode label for a case file cover or a box, as {@link LabelSheet} prints it: a caption
 * line, the barcode as a Code 128 symbol, and the barcode in plain text.
 *
 * @param barcode what the symbol encodes
 * @param caption the line above the symbol, such as the file reference; at most 64 characters,
 *     no control characters, may be empty. It is printed on paper that travels: never personal data.
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Label(Barcode barcode, String caption) {

    /** The longest caption: a file reference's length, set smaller on the label where needed. */
    public static final int MAX_CAPTION = 64;

    /**
     * Validates the fields.
     *
     * @throws InvalidValueException if the barcode is {@code null} or the caption too long or not printable
     * @param barcode what the symbol encodes
     * @param caption the line above the symbol, such as the file reference; at most 64 characters, no control
     *     characters, may be empty. It is printed on paper that travels: never personal data.
     */
    public Label {
        if (barcode == null) {
            throw new InvalidValueException("barcode", "must not be null");
        }
        if (caption == null) {
            throw new InvalidValueException("caption", "must not be null (use \"\" for none)");
        }
        if (caption.length() > MAX_CAPTION) {
            throw new InvalidValueException("caption", "must have at most " + MAX_CAPTION + " characters, has "
                    + caption.length());
        }
        for (int i = 0; i < caption.length(); i++) {
            if (Character.isISOControl(caption.charAt(i))) {
                throw new InvalidValueException("caption", "control character at index " + i);
            }
        }
    }

    /**
     * @param barcode what the symbol encodes
     * @return a label without caption
     */
    public static Label of(Barcode barcode) {
        return new Label(barcode, "");
    }

    /**
     * @param barcode the case file's barcode
     * @param reference its file number
     * @return a label captioned {@code Akte <reference>}
     */
    public static Label caseFile(Barcode barcode, FileReference reference) {
        String caption = "Akte " + reference.value();
        return new Label(barcode, caption.length() <= MAX_CAPTION ? caption : reference.value());
    }

    /**
     * @param barcode the box's barcode
     * @return a label captioned {@code Transportbehälter}
     */
    public static Label box(Barcode barcode) {
        return new Label(barcode, "Transportbehälter");
    }
}
