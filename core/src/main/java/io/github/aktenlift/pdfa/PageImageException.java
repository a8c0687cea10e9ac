package io.github.aktenlift.pdfa;

import java.io.IOException;
import java.util.Objects;

import io.github.aktenlift.imaging.ImageProblem;

/**
 * A page image whose compressed data turned out to be broken while the renderer streamed it into
 * the PDF: the rendition is void. Names the file and what is wrong with it, never its contents.
 *
 * @since 0.1
 */
public final class PageImageException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final ImageProblem problem;

    /**
     * A broken page image.
     *
     * @param file the image file, as the request's {@link PageSource} names it
     * @param problem what is wrong with it
     */
    public PageImageException(String file, ImageProblem problem) {
        super("page image " + Objects.requireNonNull(file, "file") + ": "
                + Objects.requireNonNull(problem, "problem").getMessage(), problem);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The image file, as {@code PageSource.file().toString()} gives it.
     *
     * @return the file, never {@code null}
     */
    public String file() {
        return file;
    }

    /**
     * What is wrong with the image.
     *
     * @return the problem, never {@code null}
     */
    public ImageProblem problem() {
        return problem;
    }
}
