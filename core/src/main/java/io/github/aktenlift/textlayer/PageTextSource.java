package io.github.aktenlift.textlayer;

import java.io.IOException;

/**
 * Where the renderer gets a page's text from when it comes to that page: read again from its file
 * (and checked against the hash it was checked with), or kept from an OCR engine's answer. Loaded
 * per page, so that a document's text is never held whole in memory.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface PageTextSource {

    /**
     * Loads the page's text.
     *
     * @return the text, never {@code null}
     * @throws IOException if it cannot be read, or is no longer what was checked
     */
    PageText load() throws IOException;
}
