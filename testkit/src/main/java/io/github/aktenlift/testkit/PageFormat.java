package io.github.aktenlift.testkit;

import org.apiguardian.api.API;

/**
 * How a generated page is encoded.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum PageFormat {

    /** Baseline grayscale JPEG, 8 bits, one component, JFIF density in dots per inch. */
    JPEG("jpg", "GRAYSCALE"),

    /** Bitonal TIFF, CCITT T.6 (Group 4) compression, resolution tags in dots per inch. */
    G4("tif", "BITONAL");

    private final String extension;
    private final String colorMode;

    PageFormat(String extension, String colorMode) {
        this.extension = extension;
        this.colorMode = colorMode;
    }

    /**
     * The file name extension, without the dot.
     *
     * @return {@code "jpg"} or {@code "tif"}
     */
    public String extension() {
        return extension;
    }

    /**
     * The colour mode as a delivery index names it.
     *
     * @return {@code "GRAYSCALE"} or {@code "BITONAL"}
     */
    public String colorMode() {
        return colorMode;
    }
}
