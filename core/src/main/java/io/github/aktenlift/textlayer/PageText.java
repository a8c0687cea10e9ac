package io.github.aktenlift.textlayer;

import java.util.List;
import java.util.Objects;

/**
 * The recognised text of one page image: lines of words, each word with its box in the image's
 * pixels (origin top left, y downwards), in reading order.
 *
 * @param width the page image's width in pixels
 * @param height the page image's height in pixels
 * @param lines the lines in reading order
 * @param source where the text came from, e.g. {@code "delivered ALTO"} or {@code "tesseract 5.3.0"}
 * @since 0.2
 */
public record PageText(int width, int height, List<Line> lines, String source) {

    /** Validates and copies. */
    public PageText {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        lines = List.copyOf(lines);
        Objects.requireNonNull(source, "source");
    }

    /** @return how many words the page has */
    public int wordCount() {
        return lines.stream().mapToInt(l -> l.words().size()).sum();
    }

    /** @return the words' mean confidence in 0..1, or {@code NaN} where no word has one */
    public double meanConfidence() {
        double sum = 0;
        int n = 0;
        for (Line l : lines) {
            for (Word w : l.words()) {
                if (!Double.isNaN(w.confidence())) {
                    sum += w.confidence();
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * One line of text.
     *
     * @param words its words, left to right in reading order
     */
    public record Line(List<Word> words) {

        /** Copies. */
        public Line {
            words = List.copyOf(words);
        }
    }

    /**
     * One word and its box.
     *
     * @param text the word, never blank, without control characters
     * @param left left edge, pixels from the left
     * @param top top edge, pixels from the top
     * @param right right edge, {@code > left}
     * @param bottom bottom edge, {@code > top}
     * @param baseline where its baseline runs, pixels from the top, within {@code top..bottom}
     * @param confidence the engine's confidence in 0..1, or {@code NaN} if not given
     */
    public record Word(String text, double left, double top, double right, double bottom, double baseline,
            double confidence) {

        /** Validates. */
        public Word {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("a word has text");
            }
            if (!(right > left) || !(bottom > top) || !(baseline >= top) || !(baseline <= bottom)) {
                throw new IllegalArgumentException("a word's box must have a size, its baseline lie in it");
            }
            if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
                throw new IllegalArgumentException("confidence must be in 0..1");
            }
        }
    }
}
