package io.github.aktenlift.pdfa;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one PDF/A-2b rendition is made of: its descriptive metadata and its pages in order. The
 * metadata goes into the XMP packet and the document information dictionary; it must not hold
 * personal data (no names of persons), because renditions travel further than the e-file.
 *
 * @param title the document's title, e.g. {@code "Antrag auf Aufenthaltserlaubnis"}; → dc:title
 * @param documentType the document type from the catalogue, e.g. {@code "APPLICATION"}; → dc:type
 * @param documentDate the date the document bears, or {@code null}; → dc:date
 * @param fileReference the office's file reference (Aktenzeichen); → dc:identifier
 * @param barcode the case file's barcode label; → dc:source
 * @param created when the rendition is made, from the caller's clock; → xmp:CreateDate
 * @param pages the pages in order, at least one
 * @since 0.1
 */
public record RenditionRequest(String title, String documentType, LocalDate documentDate,
                               String fileReference, String barcode, Instant created,
                               List<PageSource> pages) {

    /** Validates the fields and copies the page list. */
    public RenditionRequest {
        text("title", title);
        text("documentType", documentType);
        text("fileReference", fileReference);
        text("barcode", barcode);
        Objects.requireNonNull(created, "created");
        pages = List.copyOf(Objects.requireNonNull(pages, "pages"));
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a rendition needs at least one page");
        }
    }

    static void text(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
    }
}
