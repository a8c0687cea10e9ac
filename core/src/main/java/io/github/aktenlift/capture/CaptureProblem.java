package io.github.aktenlift.capture;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One thing wrong with a case file of a delivery.
 *
 * @param kind what is wrong
 * @param barcode the case file, as the index gives it
 * @param page the page file as the index names it (escaped if it contains control characters), or
 *     {@code ""} if the problem is not about one page
 * @param detail specifics: a field path, expected and found values; never personal data
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CaptureProblem(Kind kind, String barcode, String page, String detail) {

    /**
     * Checks for {@code null}.
     *
     * @param kind what is wrong
     * @param barcode the case file, as the index gives it
     * @param page the page file as the index names it (escaped if it contains control characters), or {@code
     *     ""} if the problem is not about one page
     * @param detail specifics: a field path, expected and found values; never personal data
     */
    public CaptureProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * What is wrong.
     *
     * @since 0.1
     */
    public enum Kind {
        /** The case file's entry violates the index format (detail names the field path). */
        INVALID_ENTRY,
        /** No case file with this barcode is registered. */
        UNKNOWN_BARCODE,
        /** The barcode occurs more than once in the delivery. */
        DUPLICATE_BARCODE,
        /** The case file is not waiting for a scan (detail names its state). */
        WRONG_STATE,
        /** A document type outside the catalogue. */
        UNKNOWN_DOCUMENT_TYPE,
        /** Two documents share an id. */
        DUPLICATE_DOCUMENT,
        /**
         * A page path leaves the delivery folder, is absolute, passes a link or is one (the format
         * allows no links of any kind), or cannot be represented as a file name on this system.
         */
        UNSAFE_PATH,
        /**
         * A page path names something that is not a regular file: a directory, a FIFO, a device.
         *
         * @since 0.2
         */
        NOT_A_FILE,
        /**
         * A page lies outside its case file's own folder ({@code <barcode>/…}).
         *
         * @since 0.2
         */
        FOREIGN_FOLDER,
        /**
         * One image file is given for several pages (detail names the other); each page has its own file.
         *
         * @since 0.2
         */
        SHARED_IMAGE,
        /** A page listed in the index is not there. */
        MISSING_PAGE,
        /** A file in the case file's folder that the index does not list. */
        EXTRA_FILE,
        /** A page file is empty. */
        EMPTY_FILE,
        /** A page file ends early. */
        TRUNCATED_IMAGE,
        /** A page file's structure is broken. */
        CORRUPT_IMAGE,
        /** A page file is not the format its name says. */
        WRONG_FORMAT,
        /** A page claims more pixels than allowed (a decompression bomb, or a wrong header). */
        TOO_LARGE,
        /** A page format or encoding that cannot be taken. */
        UNSUPPORTED_IMAGE,
        /** A page's resolution is below the minimum, or disagrees with the index. */
        RESOLUTION,
        /**
         * A page's header records no resolution, or zero (a JPEG with JFIF density units 0).
         *
         * @since 0.2
         */
        NO_RESOLUTION,
        /** A page's colour mode disagrees with the index. */
        COLOR_MODE,
        /** A page's bytes do not match the index's SHA-256. */
        HASH_MISMATCH,
        /** Sheets, sides and pages do not add up. */
        PAGE_COUNT,
        /** Rendering or storing failed (detail says why). */
        RENDITION_FAILED,
        /**
         * Another ingest was capturing the same case file at the same time and took its storage
         * keys first; nothing of this one was kept, and it changed nothing.
         *
         * @since 0.2
         */
        CAPTURE_CONFLICT,
        /**
         * Capture failed for a reason of its own (detail says which); nothing was kept.
         *
         * @since 0.2
         */
        CAPTURE_FAILED,
        /**
         * The protection level demands a seal and the sealing key did not sign, or a product could
         * not be sealed (detail names the key and the reason); nothing was kept, and a later ingest
         * of the delivery captures the case file.
         *
         * @since 0.2
         */
        SEALING_FAILED,
        /**
         * The protection level demands a timestamp and the timestamp authority gave none: it timed
         * out, was unavailable, answered garbage or rejected (detail names the authority and the
         * reason); nothing was kept, and a later ingest of the delivery captures the case file.
         *
         * @since 0.2
         */
        TIMESTAMP_FAILED,
        /**
         * A page's delivered OCR file cannot be taken: not well-formed XML, not the format the index
         * says, a document type declaration or entity (refused by the hardened parser), or larger
         * than allowed (detail says which; never the recognised text).
         *
         * @since 0.2
         */
        OCR_INVALID,
        /**
         * A page's delivered OCR file gives another page size than its image has.
         *
         * @since 0.2
         */
        OCR_PAGE_SIZE,
        /**
         * A word's box in a page's delivered OCR file lies outside the page.
         *
         * @since 0.2
         */
        OCR_OUTSIDE_PAGE,
        /**
         * The OCR engine the capture policy demands could not recognise a page: it was unavailable,
         * timed out, failed or answered what cannot be read (detail names the engine and the
         * reason); nothing was kept, and a later ingest of the delivery captures the case file.
         *
         * @since 0.2
         */
        OCR_FAILED
    }
}
