package io.github.aktenlift.capture.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One page image.
 *
 * @param file path of the image relative to the delivery folder, {@code /}-separated
 * @param sha256 SHA-256 of the file, 64 lowercase hex digits
 * @param sheet the sheet it shows, from 1, counted across the case file
 * @param side FRONT or BACK
 * @param blank whether the scanner judged it blank (kept anyway)
 * @param resolutionDpi its resolution
 * @param colorMode GRAYSCALE, BITONAL or COLOR
 * @param ocr the page's delivered OCR result, or {@code null}
 */
public record PageEntry(
        @NotNull @Size(min = 1, max = 512) String file,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256,
        @Min(1) @Max(100_000) int sheet,
        @NotNull @Pattern(regexp = "FRONT|BACK") String side,
        boolean blank,
        @Min(50) @Max(2400) int resolutionDpi,
        @NotNull @Pattern(regexp = "GRAYSCALE|BITONAL|COLOR") String colorMode,
        @Valid OcrEntry ocr) {

    /**
     * A page without a delivered OCR result.
     *
     * @param file path of the image relative to the delivery folder
     * @param sha256 SHA-256 of the file
     * @param sheet the sheet it shows
     * @param side FRONT or BACK
     * @param blank whether the scanner judged it blank
     * @param resolutionDpi its resolution
     * @param colorMode GRAYSCALE, BITONAL or COLOR
     */
    public PageEntry(String file, String sha256, int sheet, String side, boolean blank, int resolutionDpi,
            String colorMode) {
        this(file, sha256, sheet, side, blank, resolutionDpi, colorMode, null);
    }

    /**
     * A page's OCR result as the scan service delivered it beside the image.
     *
     * @param file path of the ALTO or hOCR file relative to the delivery folder, {@code /}-separated,
     *     inside the case file's folder
     * @param sha256 SHA-256 of the file, 64 lowercase hex digits
     * @param format ALTO or HOCR
     */
    public record OcrEntry(
            @NotNull @Size(min = 1, max = 512) String file,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256,
            @NotNull @Pattern(regexp = "ALTO|HOCR") String format) {
    }
}
