package io.github.aktenlift.pdfa;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.textlayer.PageTextSource;

/**
 * One page to render: a page image file, what its headers say (from {@link
 * io.github.aktenlift.imaging.ImageInspector}), and which of its pages is meant.
 *
 * @param file the image file
 * @param info what the inspector read from it; the renderer trusts it and checks only lengths
 * @param pageInFile the page's number within the file, from 1; always 1 but for multi-page TIFFs
 * @param text where the page's recognised text comes from, for an invisible text layer; {@code null}
 *     for a page without one
 * @since 0.1
 */
public record PageSource(Path file, ImageInfo info, int pageInFile, PageTextSource text) {

    /**
     * A page without a text layer.
     *
     * @param file the image file
     * @param info what the inspector read from it
     * @param pageInFile the page's number within the file, from 1
     */
    public PageSource(Path file, ImageInfo info, int pageInFile) {
        this(file, info, pageInFile, null);
    }

    /** Validates the fields. */
    public PageSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(info, "info");
        if (pageInFile < 1 || pageInFile > info.pageCount()) {
            throw new IllegalArgumentException("pageInFile must be in 1.." + info.pageCount()
                    + ": " + pageInFile);
        }
    }

    /**
     * The first (or only) page of a file.
     *
     * @param file the image file
     * @param info what the inspector read from it
     * @return the page source
     */
    public static PageSource of(Path file, ImageInfo info) {
        return new PageSource(file, info, 1);
    }

    /**
     * Every page of a file in file order: one for JPEG and PNG, one per image file directory for a
     * TIFF.
     *
     * @param file the image file
     * @param info what the inspector read from it
     * @return the page sources, at least one
     */
    public static List<PageSource> allOf(Path file, ImageInfo info) {
        List<PageSource> pages = new ArrayList<>(info.pageCount());
        for (int i = 1; i <= info.pageCount(); i++) {
            pages.add(new PageSource(file, info, i));
        }
        return List.copyOf(pages);
    }
}
