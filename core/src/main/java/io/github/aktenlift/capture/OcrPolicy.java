package io.github.aktenlift.capture;

import io.github.aktenlift.InvalidValueException;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * When capture runs the configured OCR engine ({@link io.github.aktenlift.spi.ocr.OcrEngine}) over
 * a page to give its rendition an invisible text layer, and which pages the scan protocol lists as
 * recognised with low confidence.
 *
 * @param mode when to run the engine
 * @param lowConfidence pages whose words' mean confidence (0..1) lies below this are listed as a
 *     deviation in the scan protocol
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record OcrPolicy(Mode mode, double lowConfidence) {

    /** The default for {@link #lowConfidence()}: 0.6, below which Tesseract's words are often wrong. */
    public static final double DEFAULT_LOW_CONFIDENCE = 0.6;

    /**
     * Checks the fields.
     *
     * @param mode when to run the engine
     * @param lowConfidence the confidence below which a page is listed as a deviation, 0..1
     */
    public OcrPolicy {
        Objects.requireNonNull(mode, "mode");
        if (!(lowConfidence >= 0 && lowConfidence <= 1)) {
            throw new InvalidValueException("lowConfidence", "must be 0 to 1");
        }
    }

    /**
     * When to run the OCR engine.
     *
     * @since 0.2
     */
    public enum Mode {
        /** Never: only a delivered OCR result gives a page text. */
        NEVER,
        /** For each page the scan service delivered without an OCR result (blank pages excepted). */
        WHEN_NOT_DELIVERED,
        /** For every page that is not blank, in place of a delivered OCR result. */
        ALWAYS
    }

    /** @return never run an engine; the default, which needs none configured */
    public static OcrPolicy never() {
        return new OcrPolicy(Mode.NEVER, DEFAULT_LOW_CONFIDENCE);
    }

    /**
     * @param mode when to run the engine
     * @return the policy with the default threshold for low confidence
     */
    public static OcrPolicy of(Mode mode) {
        return new OcrPolicy(mode, DEFAULT_LOW_CONFIDENCE);
    }
}
