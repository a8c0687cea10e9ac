package io.github.aktenlift.imaging;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The container format of a page image file.
 *
 * @since 0.1
 */
public enum ImageFormat {

    /** JPEG (JFIF or EXIF), extensions {@code .jpg} and {@code .jpeg}. */
    JPEG,

    /** TIFF, single or multi-page, extensions {@code .tif} and {@code .tiff}. */
    TIFF,

    /** PNG, extension {@code .png}. */
    PNG;

    /**
     * The format a file's name promises, by its extension, ignoring case.
     *
     * @param file the file
     * @return the format, or empty for an extension that is none of the above
     */
    public static Optional<ImageFormat> byExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String s = name.toString().toLowerCase(Locale.ROOT);
        if (s.endsWith(".jpg") || s.endsWith(".jpeg")) {
            return Optional.of(JPEG);
        }
        if (s.endsWith(".tif") || s.endsWith(".tiff")) {
            return Optional.of(TIFF);
        }
        if (s.endsWith(".png")) {
            return Optional.of(PNG);
        }
        return Optional.empty();
    }
}
