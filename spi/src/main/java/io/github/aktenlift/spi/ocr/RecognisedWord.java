package io.github.aktenlift.spi.ocr;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One recognised word and its box, in the image's pixels (origin top left, y downwards).
 *
 * @param text the word, not blank
 * @param line the number of its line on the page, from 1, in reading order; words of one line share it
 * @param left left edge
 * @param top top edge
 * @param right right edge, greater than {@code left}
 * @param bottom bottom edge, greater than {@code top}
 * @param confidence the engine's confidence in 0..1
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RecognisedWord(String text, int line, int left, int top, int right, int bottom, double confidence) {

    /**
     * Checks the fields.
     *
     * @param text the word
     * @param line the number of its line
     * @param left left edge
     * @param top top edge
     * @param right right edge
     * @param bottom bottom edge
     * @param confidence the confidence in 0..1
     */
    public RecognisedWord {
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || line < 1 || right <= left || bottom <= top || left < 0 || top < 0
                || !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("a word has text, a line, a box with a size and a confidence in 0..1");
        }
    }
}
