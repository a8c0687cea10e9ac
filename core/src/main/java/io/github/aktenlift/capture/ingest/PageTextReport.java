package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.textlayer.PageText;

/**
 * What a page's text layer was made of, for the scan protocol: where the text came from, how many
 * words were placed, and their mean confidence.
 *
 * @param source {@code "delivered ALTO"}, {@code "delivered HOCR"} or the engine and its version
 * @param words words placed
 * @param meanConfidence the words' mean confidence in 0..1, or {@code NaN} if the source gives none
 */
record PageTextReport(String source, int words, double meanConfidence) {

    static PageTextReport of(PageText t) {
        return new PageTextReport(t.source(), t.wordCount(), t.meanConfidence());
    }
}
