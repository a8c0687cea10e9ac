package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.delivery.DocumentEntry;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.imaging.ImageInfo;

import java.nio.file.Path;

/**
 * A page that passed its checks, ready to render; or, in a rescan, a page carried over from the
 * previous rendition (its image taken back out of the PDF, {@code entry} as the previous protocol
 * recorded it).
 *
 * @param document the document it belongs to, as it is now
 * @param entry the page as the index (or the previous protocol) lists it
 * @param file the image file
 * @param info what its headers say
 * @param pageInFile which page of a multi-page file, from 1
 * @param size the file's size in bytes
 * @param carried whether it was carried over from the previous capture
 * @param ocrFile its delivered OCR file, checked, or {@code null}
 */
record CheckedPage(DocumentEntry document, PageEntry entry, Path file, ImageInfo info, int pageInFile, long size,
        boolean carried, Path ocrFile) {

    CheckedPage(DocumentEntry document, PageEntry entry, Path file, ImageInfo info, int pageInFile, long size,
            boolean carried) {
        this(document, entry, file, info, pageInFile, size, carried, null);
    }

    /** @return the page's place in its case file: document, sheet and side */
    String place() {
        return document.documentId() + "/" + entry.sheet() + entry.side();
    }
}
