package io.github.aktenlift.capture.delivery;

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
 */
public record PageEntry(
        @NotNull @Size(min = 1, max = 512) String file,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String sha256,
        @Min(1) @Max(100_000) int sheet,
        @NotNull @Pattern(regexp = "FRONT|BACK") String side,
        boolean blank,
        @Min(50) @Max(2400) int resolutionDpi,
        @NotNull @Pattern(regexp = "GRAYSCALE|BITONAL|COLOR") String colorMode) {
}
