package io.github.aktenlift.spi.ocr;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What an engine recognised on one page.
 *
 * @param width the width of the image it read, in pixels
 * @param height its height
 * @param words the words in reading order, their boxes in those pixels
 * @param engine the engine and version, as {@link OcrEngine#describe()} gives it
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RecognisedPage(int width, int height, List<RecognisedWord> words, String engine) {

    /**
     * Checks and copies.
     *
     * @param width the width of the image it read, in pixels
     * @param height its height
     * @param words the words in reading order
     * @param engine the engine and version
     */
    public RecognisedPage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        words = List.copyOf(words);
        Objects.requireNonNull(engine, "engine");
    }
}
