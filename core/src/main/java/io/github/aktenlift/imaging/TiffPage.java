package io.github.aktenlift.imaging;

import java.util.List;
import java.util.Objects;

/**
 * One image file directory of a TIFF: one page, as its tags describe it. The strip offsets and
 * byte counts have been checked to lie within the file.
 *
 * @param width pixels per row (tag 256)
 * @param height rows (tag 257)
 * @param compression how the strips are compressed (tag 259)
 * @param photometric what sample values mean (tag 262)
 * @param fillOrder 1 when the most significant bit of each byte comes first, 2 when the least
 *     (tag 266)
 * @param bitsPerSample bits per sample (tag 258)
 * @param samplesPerPixel samples per pixel (tag 277)
 * @param dpiX horizontal resolution in dots per inch, 0 when the file gives none (tags 282, 296)
 * @param dpiY vertical resolution in dots per inch, 0 when the file gives none (tags 283, 296)
 * @param stripOffsets where each strip starts in the file (tag 273)
 * @param stripByteCounts how long each strip is (tag 279)
 * @param rowsPerStrip rows in each strip but perhaps the last (tag 278), at most {@code height}
 * @since 0.1
 */
public record TiffPage(int width, int height, Compression compression, Photometric photometric,
                       int fillOrder, int bitsPerSample, int samplesPerPixel, double dpiX,
                       double dpiY, List<Long> stripOffsets, List<Long> stripByteCounts,
                       int rowsPerStrip) {

    /** Validates the fields and copies the lists. */
    public TiffPage {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(photometric, "photometric");
        stripOffsets = List.copyOf(stripOffsets);
        stripByteCounts = List.copyOf(stripByteCounts);
        if (stripOffsets.size() != stripByteCounts.size() || stripOffsets.isEmpty()) {
            throw new IllegalArgumentException("one byte count per strip offset, at least one");
        }
        if (width < 1 || height < 1 || rowsPerStrip < 1) {
            throw new IllegalArgumentException("width, height and rowsPerStrip must be >= 1");
        }
    }

    /**
     * Whether the page is one bilevel strip: a single bit per pixel in a single strip, so its
     * compressed bytes form one image as they are.
     *
     * @return true for one strip of one-bit pixels
     */
    public boolean singleBilevelStrip() {
        return stripOffsets.size() == 1 && bitsPerSample == 1 && samplesPerPixel == 1;
    }
}
