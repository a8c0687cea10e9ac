package io.github.aktenlift.spi.ocr;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One page image to recognise.
 *
 * @param image the image file: JPEG, PNG or a single-page TIFF; read only
 * @param width its width in pixels
 * @param height its height in pixels
 * @param dpi its resolution
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record OcrRequest(Path image, int width, int height, int dpi) {

    /**
     * Checks the fields.
     *
     * @param image the image file
     * @param width its width in pixels
     * @param height its height in pixels
     * @param dpi its resolution
     */
    public OcrRequest {
        Objects.requireNonNull(image, "image");
        if (width < 1 || height < 1 || dpi < 1) {
            throw new IllegalArgumentException("size and resolution must be positive");
        }
    }
}
