package io.github.aktenlift.imaging;

/**
 * What a TIFF page's sample values mean (tag 262, PhotometricInterpretation).
 *
 * @since 0.1
 */
public enum Photometric {
    /** 0: the lowest value is white, as in most fax and bitonal scans. */
    MIN_IS_WHITE,
    /** 1: the lowest value is black. */
    MIN_IS_BLACK,
    /** 2: red, green, blue samples. */
    RGB,
    /** 3: indices into a colour map. */
    PALETTE,
    /** Anything else (CMYK, YCbCr, CIELab, transparency masks). */
    OTHER;

    static Photometric of(int code) {
        return switch (code) {
            case 0 -> MIN_IS_WHITE;
            case 1 -> MIN_IS_BLACK;
            case 2 -> RGB;
            case 3 -> PALETTE;
            default -> OTHER;
        };
    }
}
