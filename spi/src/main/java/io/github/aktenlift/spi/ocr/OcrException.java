package io.github.aktenlift.spi.ocr;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An OCR engine could not recognise a page, or cannot run at all. The message names the engine and
 * the page's file, never recognised text.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class OcrException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * What went wrong.
     *
     * @since 0.2
     */
    public enum Kind {
        /** The engine cannot run: its program or language data is missing, or it does not answer. */
        UNAVAILABLE,
        /** The engine took longer than its timeout for the page and was stopped. */
        TIMEOUT,
        /** The engine ran and reported failure (its exit status). */
        FAILED,
        /** The engine's output cannot be read. */
        BAD_OUTPUT
    }

    /** What went wrong. */
    private final Kind kind;

    /**
     * A failure of the given kind.
     *
     * @param kind what went wrong
     * @param message naming the engine and the page's file, never recognised text
     */
    public OcrException(Kind kind, String message) {
        super(Objects.requireNonNull(kind, "kind") + ": " + message);
        this.kind = kind;
    }

    /**
     * A failure of the given kind, with its cause.
     *
     * @param kind what went wrong
     * @param message naming the engine and the page's file, never recognised text
     * @param cause the cause
     */
    public OcrException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind") + ": " + message, cause);
        this.kind = kind;
    }

    /**
     * What went wrong.
     *
     * @return the kind, never {@code null}
     */
    public Kind kind() {
        return kind;
    }
}
