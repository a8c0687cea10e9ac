package io.github.aktenlift.imaging;

import java.util.Objects;

/**
 * A page image file that cannot be taken as it is. The message names what is wrong in terms of
 * the format (a marker, a tag, a size), never the file's contents.
 *
 * @since 0.1
 */
public final class ImageProblem extends Exception {

    /**
     * What kind of problem it is.
     *
     * @since 0.1
     */
    public enum Kind {
        /** The file has no bytes. */
        EMPTY,
        /** The file ends before its structure says it should. */
        TRUNCATED,
        /** The structure is inconsistent: bad markers, offsets, counts or values. */
        CORRUPT,
        /** The file's magic bytes are not those of the format its extension promises. */
        WRONG_FORMAT,
        /** The header claims more pixels or a longer side than allowed. */
        TOO_LARGE,
        /** A valid file of a kind that cannot be taken (12-bit or arithmetic JPEG, CMYK, tiles). */
        UNSUPPORTED
    }

    private final Kind kind;

    /**
     * A problem of the given kind.
     *
     * @param kind what kind
     * @param message what is wrong, without file contents or personal data
     */
    public ImageProblem(Kind kind, String message) {
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
