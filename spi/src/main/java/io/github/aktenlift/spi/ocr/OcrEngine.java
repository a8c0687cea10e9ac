package io.github.aktenlift.spi.ocr;

import org.apiguardian.api.API;

/**
 * An OCR engine: recognises the words on one page image.
 *
 * <p>Contract:
 * <ul>
 * <li>Thread-safe: the core calls {@link #recognise} for several pages at once, up to
 *     {@link #parallelism()} calls; an engine bounds its own resources (processes, threads) and
 *     may make further calls wait.
 * <li>{@link #recognise} reads the image file and never writes or deletes it; it returns the
 *     words in reading order with boxes in the image's pixels, or throws a typed
 *     {@link OcrException}, never {@code null}. It gives up after its own per-page timeout.
 * <li>{@link #check()} finds out whether the engine can run at all (its program, its language
 *     data); the core calls it once at start-up where the capture policy demands OCR.
 * <li>Messages of exceptions name the page's file and the engine, never recognised text.
 * </ul>
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface OcrEngine {

    /**
     * The engine's name and version as the scan protocol records them, e.g.
     * {@code "tesseract 5.3.0 (deu)"}.
     *
     * @return never {@code null}
     */
    String describe();

    /**
     * How many pages the engine recognises at once at most; the core keeps no more calls waiting.
     *
     * @return at least 1
     */
    int parallelism();

    /**
     * Makes sure the engine can run: its program is there and answers, its language data is installed.
     *
     * @throws OcrException of kind {@link OcrException.Kind#UNAVAILABLE} if it cannot
     */
    void check() throws OcrException;

    /**
     * Recognises one page image.
     *
     * @param request the image and what is known about it
     * @return the words found, in reading order, never {@code null}
     * @throws OcrException if the engine is unavailable, timed out, failed or gave output that cannot be read
     */
    RecognisedPage recognise(OcrRequest request) throws OcrException;
}
