package io.github.aktenlift.textlayer;

import java.util.Objects;

/**
 * An OCR file that cannot be taken. The message names what is wrong in terms of the format (an
 * element, an attribute, a size), never the recognised text, which may hold personal data.
 *
 * @since 0.2
 */
public final class OcrProblem extends Exception {

    /**
     * What kind of problem it is.
     *
     * @since 0.2
     */
    public enum Kind {
        /** Not well-formed XML, not the format said, or a value the format does not allow. */
        MALFORMED,
        /** A document type declaration the hardened parser refuses (DTDs, entity declarations). */
        DOCTYPE,
        /** Larger than allowed: bytes, words or nesting. */
        TOO_LARGE,
        /** The page size it gives differs from the image's. */
        PAGE_SIZE,
        /** A box lies (partly) outside the page. */
        OUTSIDE_PAGE
    }

    private final Kind kind;

    /**
     * A problem of the given kind.
     *
     * @param kind what kind
     * @param message what is wrong, without recognised text or personal data
     */
    public OcrProblem(Kind kind, String message) {
        super(Objects.requireNonNull(kind, "kind") + ": " + message);
        this.kind = kind;
    }

    /**
     * What kind of problem it is.
     *
     * @return the kind, never {@code null}
     */
    public Kind kind() {
        return kind;
    }
}
