package io.github.aktenlift.testkit;

import org.apiguardian.api.API;

/**
 * Pixel size and resolution of a generated page.
 *
 * @param widthPx width in pixels, 1 to 65,535
 * @param heightPx height in pixels, 1 to 65,535
 * @param dpi resolution in dots per inch, 1 to 65,535 (written into the JFIF and TIFF headers)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PageGeometry(int widthPx, int heightPx, int dpi) {

    /** A4 at 300 dpi: 2480 × 3508 pixels, the default of every generator. */
    public static final PageGeometry A4_300 = a4(300);

    /**
     * Validates the fields; the limits are those of the JPEG and JFIF headers.
     *
     * @param widthPx width in pixels, 1 to 65,535
     * @param heightPx height in pixels, 1 to 65,535
     * @param dpi resolution in dots per inch, 1 to 65,535 (written into the JFIF and TIFF headers)
     */
    public PageGeometry {
        check("widthPx", widthPx);
        check("heightPx", heightPx);
        check("dpi", dpi);
    }

    /**
     * A4 (210 × 297 mm) at the given resolution, rounded to whole pixels.
     *
     * @param dpi dots per inch
     * @return the geometry
     */
    public static PageGeometry a4(int dpi) {
        return new PageGeometry(
                (int) Math.round(210 / 25.4 * dpi), (int) Math.round(297 / 25.4 * dpi), dpi);
    }

    /**
     * A4 at 36 dpi (298 × 421 pixels): the same layout as a real page, cheap enough for tests that
     * write hundreds of pages.
     *
     * @return the geometry
     */
    public static PageGeometry small() {
        return a4(36);
    }

    private static void check(String name, int value) {
        if (value < 1 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be 1..65535: " + value);
        }
    }
}
