package io.github.aktenlift.imaging;

import java.util.List;
import java.util.Objects;

/**
 * What a page image file holds, as read from its headers. For a TIFF the top-level values are
 * those of its first page and {@link #pages()} lists every page; for JPEG and PNG the file is one
 * page and {@code pages} is empty.
 *
 * @param format the container format
 * @param compression how the (first) image is compressed
 * @param width pixels per row
 * @param height rows
 * @param bitsPerComponent bits per sample
 * @param components samples per pixel (colour components, plus alpha for PNG); for a palette PNG,
 *     the components of its palette's colours: 3 if any entry is not a gray, else 1
 * @param dpiX horizontal resolution in dots per inch, 0 when the file gives none
 * @param dpiY vertical resolution in dots per inch, 0 when the file gives none
 * @param pages the TIFF pages in file order; empty for JPEG and PNG
 * @since 0.1
 */
public record ImageInfo(ImageFormat format, Compression compression, int width, int height,
                        int bitsPerComponent, int components, double dpiX, double dpiY,
                        List<TiffPage> pages) {

    /** Validates the fields and copies the page list. */
    public ImageInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        pages = List.copyOf(pages);
        if (format == ImageFormat.TIFF && pages.isEmpty()) {
            throw new IllegalArgumentException("a TIFF has at least one page");
        }
        if (format != ImageFormat.TIFF && !pages.isEmpty()) {
            throw new IllegalArgumentException("only a TIFF lists pages");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be >= 1");
        }
    }

    /**
     * How many pages the file holds.
     *
     * @return the number of TIFF pages, or 1
     */
    public int pageCount() {
        return pages.isEmpty() ? 1 : pages.size();
    }
}
