package io.github.aktenlift.rendition;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One page of a rendition: where it came from and how it went in.
 *
 * @param page the page's number in the rendition, from 1
 * @param sourceSha256 SHA-256 of the whole source file, taken while its bytes streamed through, 64
 *     lowercase hex digits; pages of one multi-page TIFF share it
 * @param pageInSource the page's number within its source file, from 1
 * @param treatment passthrough or re-encoded
 * @param how a short description, e.g. {@code "JPEG→DCT passthrough"} or
 *     {@code "TIFF LZW→Flate lossless"}
 * @param width pixels per row
 * @param height rows
 * @param dpiX horizontal resolution the page size was computed from
 * @param dpiY vertical resolution the page size was computed from
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PageRendition(int page, String sourceSha256, int pageInSource,
                            PageTreatment treatment, String how, int width, int height,
                            double dpiX, double dpiY) {


    /**
     * Validates the fields.
     *
     * @param page the page's number in the rendition, from 1
     * @param sourceSha256 SHA-256 of the whole source file, taken while its bytes streamed through, 64
     *     lowercase hex digits; pages of one multi-page TIFF share it
     * @param pageInSource the page's number within its source file, from 1
     * @param treatment passthrough or re-encoded
     * @param how a short description, e.g. {@code "JPEG→DCT passthrough"} or {@code "TIFF LZW→Flate
     *     lossless"}
     * @param width pixels per row
     * @param height rows
     * @param dpiX horizontal resolution the page size was computed from
     * @param dpiY vertical resolution the page size was computed from
     */
    public PageRendition {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(how, "how");
        if (!isSha256Hex(sourceSha256)) {
            throw new IllegalArgumentException("sourceSha256 must be 64 lowercase hex digits");
        }
        if (page < 1 || pageInSource < 1 || width < 1 || height < 1 || !(dpiX > 0) || !(dpiY > 0)) {
            throw new IllegalArgumentException("page numbers, size and resolution must be positive");
        }
    }

    /** What {@code [0-9a-f]{64}} matches, checked without a regular expression: once per page rendered. */
    private static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
