package io.github.aktenlift.capture.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.List;
import java.util.Objects;

/**
 * The scan protocol (<i>Scanprotokoll</i>, <i>Transfervermerk</i>) of one case file's capture in one
 * delivery: who scanned what, when, with which settings; every page with its hash, size,
 * resolution and how it went into the rendition; the checks passed, the deviations, and the
 * renditions stored. Stored as JSON ({@value #FORMAT}) by {@link ScanProtocolCodec}; the journal
 * records the SHA-256 of those bytes, so the JSON form of this tree never changes for a given
 * protocol. Times are kept as the ISO-8601 text they were written as.
 *
 * @param format always {@value #FORMAT}
 * @param barcode the case file's barcode
 * @param fileReference the case file's reference
 * @param protection its protection level's name
 * @param deliveryId the delivery
 * @param scanService who delivered
 * @param operator the scanning operator's pseudonymous id
 * @param scannedAt when the case file was scanned, as the delivery says
 * @param capturedAt when Aktenlift captured it
 * @param capturedBy the actor who ingested the delivery
 * @param rescan whether this capture replaces pages of an earlier one
 * @param scanner scanner and settings
 * @param sheets physical sheets counted
 * @param pages pages in the documents
 * @param checksPassed the checks every page passed, by code
 * @param deviations what differs from a plain capture: dropped blank backs, a rescan, re-encoded pages
 * @param documents the documents with their pages, in order
 * @param renditions the renditions stored (or kept from the earlier capture)
 */
@JsonPropertyOrder({"format", "barcode", "fileReference", "protection", "deliveryId", "scanService", "operator",
        "scannedAt", "capturedAt", "capturedBy", "rescan", "scanner", "sheets", "pages", "checksPassed", "deviations",
        "documents", "renditions"})
public record ScanProtocol(String format, String barcode, String fileReference, String protection, String deliveryId,
        String scanService, String operator, String scannedAt, String capturedAt, String capturedBy, boolean rescan,
        Scanner scanner, int sheets, int pages, List<String> checksPassed, List<Deviation> deviations,
        List<Document> documents, List<Rendition> renditions) {

    /** The protocol format this record reads and writes. */
    public static final String FORMAT = "aktenlift-scan-protocol/1";

    /** Checks the tree is complete and copies its lists. */
    public ScanProtocol {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a scan protocol of format " + FORMAT);
        }
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(scanner, "scanner");
        checksPassed = List.copyOf(checksPassed);
        deviations = List.copyOf(deviations);
        documents = List.copyOf(documents);
        renditions = List.copyOf(renditions);
    }

    /** @return the document with this id, or {@code null} */
    public Document document(String documentId) {
        for (Document d : documents) {
            if (d.documentId().equals(documentId)) {
                return d;
            }
        }
        return null;
    }

    /**
     * The scanner and its settings.
     *
     * @param model the scanner's model
     * @param resolutionDpi nominal resolution
     * @param colorMode the colour mode set
     * @param duplex whether both sides were scanned
     */
    @JsonPropertyOrder({"model", "resolutionDpi", "colorMode", "duplex"})
    public record Scanner(String model, int resolutionDpi, String colorMode, boolean duplex) {
    }

    /**
     * One document.
     *
     * @param documentId unique within the case file
     * @param type its type's code
     * @param date the date it bears, or {@code null} (then left out of the JSON)
     * @param originalToReturn whether its paper original goes back to its owner
     * @param pages its pages, in order
     */
    @JsonPropertyOrder({"documentId", "type", "date", "originalToReturn", "pages"})
    public record Document(String documentId, String type, @JsonInclude(JsonInclude.Include.NON_NULL) String date,
            boolean originalToReturn, List<Page> pages) {

        /** Copies the pages. */
        public Document {
            Objects.requireNonNull(documentId, "documentId");
            pages = List.copyOf(pages);
        }
    }

    /**
     * One page image and how it went into the rendition.
     *
     * @param file the image's path in the delivery ({@code #n} for a page of a multi-page TIFF)
     * @param sha256 SHA-256 of the delivered file
     * @param sheet which sheet
     * @param side FRONT or BACK
     * @param blank judged blank by the scanner but kept
     * @param width pixels
     * @param height pixels
     * @param resolutionDpi the resolution read from the image, rounded
     * @param colorMode GRAYSCALE, BITONAL or COLOR
     * @param treatment how it went into the PDF ({@link io.github.aktenlift.rendition.PageTreatment})
     * @param how the same in words, e.g. {@code JPEG→DCT}
     * @param carriedOverFrom for a rescan, the delivery whose rendition the page was taken from;
     *     {@code null} (then left out) for a page delivered now
     * @param text the page's invisible text layer, or {@code null} (then left out) for a page without one
     */
    @JsonPropertyOrder({"file", "sha256", "sheet", "side", "blank", "width", "height", "resolutionDpi", "colorMode",
            "treatment", "how", "carriedOverFrom", "text"})
    public record Page(String file, String sha256, int sheet, String side, boolean blank, int width, int height,
            long resolutionDpi, String colorMode, String treatment, String how,
            @JsonInclude(JsonInclude.Include.NON_NULL) String carriedOverFrom,
            @JsonInclude(JsonInclude.Include.NON_NULL) TextLayer text) {

        /** A page without a text layer, as protocols before 0.2 record every page. */
        public Page(String file, String sha256, int sheet, String side, boolean blank, int width, int height,
                long resolutionDpi, String colorMode, String treatment, String how, String carriedOverFrom) {
            this(file, sha256, sheet, side, blank, width, height, resolutionDpi, colorMode, treatment, how,
                    carriedOverFrom, null);
        }
    }

    /**
     * A page's invisible text layer.
     *
     * @param source where the words came from: {@code delivered ALTO}, {@code delivered HOCR}, or the
     *     OCR engine and its version
     * @param words how many words were placed
     * @param meanConfidence the words' mean confidence in 0..1, rounded to three places; {@code null}
     *     (then left out) where the source gives none
     */
    @JsonPropertyOrder({"source", "words", "meanConfidence"})
    public record TextLayer(String source, int words,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double meanConfidence) {
    }

    /**
     * One stored rendition.
     *
     * @param documentId the document it renders, or {@code *} for the whole case file
     * @param key its storage key
     * @param size bytes
     * @param sha256 SHA-256 of the stored bytes
     * @param pages pages in it
     * @param format {@code PDF/A-2b}, or {@code PDF/A-2u} for a rendition with a text layer
     */
    @JsonPropertyOrder({"documentId", "key", "size", "sha256", "pages", "format"})
    public record Rendition(String documentId, String key, long size, String sha256, int pages, String format) {
    }

    /** What differs from a plain capture; the JSON names the kind in {@code "kind"}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(DroppedBlankBacks.class), @JsonSubTypes.Type(Rescan.class),
            @JsonSubTypes.Type(Reencoded.class), @JsonSubTypes.Type(LowOcrConfidence.class)})
    public sealed interface Deviation {
    }

    /**
     * Blank backs of a duplex scan that were dropped.
     *
     * @param count how many
     */
    @JsonTypeName("DROPPED_BLANK_BACKS")
    public record DroppedBlankBacks(long count) implements Deviation {
    }

    /**
     * This capture is a rescan.
     *
     * @param of the delivery of the capture it replaces pages of
     * @param pages the pages delivered now, as {@code documentId:sheetSIDE}
     * @param carriedOver how many pages were taken over from the earlier rendition
     */
    @JsonTypeName("RESCAN")
    @JsonPropertyOrder({"of", "pages", "carriedOver"})
    public record Rescan(String of, List<String> pages, long carriedOver) implements Deviation {

        /** Copies the pages. */
        public Rescan {
            pages = List.copyOf(pages);
        }
    }

    /**
     * A page that could not pass through and was re-encoded.
     *
     * @param page the page's file
     * @param detail how, e.g. {@code PNG→Flate}
     */
    @JsonTypeName("REENCODED")
    @JsonPropertyOrder({"page", "detail"})
    public record Reencoded(String page, String detail) implements Deviation {
    }

    /**
     * A page whose text layer's words were recognised with low mean confidence: its text may be
     * wrong, and a search may miss it.
     *
     * @param page the page's file
     * @param meanConfidence the words' mean confidence, rounded to three places
     * @param threshold the capture policy's threshold it lies below
     */
    @JsonTypeName("LOW_OCR_CONFIDENCE")
    @JsonPropertyOrder({"page", "meanConfidence", "threshold"})
    public record LowOcrConfidence(String page, double meanConfidence, double threshold) implements Deviation {
    }
}
