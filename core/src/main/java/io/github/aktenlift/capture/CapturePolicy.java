package io.github.aktenlift.capture;

import io.github.aktenlift.InvalidValueException;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a delivery must satisfy, and what capture makes of it.
 *
 * @param documentTypes the document catalogue: type codes a delivery may use
 * @param minimumDpi the lowest resolution a page may have
 * @param maxPixels the most pixels one page may have (guards against decompression bombs)
 * @param maxDimension the longest side one page may have, in pixels
 * @param renditionMode one PDF per document, or per case file
 * @param maxIndexBytes the largest {@code index.json} read, in bytes; a larger one fails the delivery
 *     before a byte of it is read
 * @param maxCaseFilesPerDelivery the most case files one delivery may list; more fail the delivery
 * @param maxPagesPerCaseFile the most pages one case file may list; more reject that case file
 * @param ocr when an OCR engine recognises pages for the text layer (since 0.2; default never)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CapturePolicy(Set<String> documentTypes, int minimumDpi, long maxPixels, int maxDimension,
        RenditionMode renditionMode, long maxIndexBytes, int maxCaseFilesPerDelivery, int maxPagesPerCaseFile,
        OcrPolicy ocr) {

    /** The default for {@link #maxIndexBytes()}: 64 MiB, some 250,000 pages. */
    public static final long DEFAULT_MAX_INDEX_BYTES = 64L << 20;
    /** The default for {@link #maxCaseFilesPerDelivery()}. */
    public static final int DEFAULT_MAX_CASE_FILES_PER_DELIVERY = 10_000;
    /** The default for {@link #maxPagesPerCaseFile()}: a thick file of 10,000 sheets scanned on both sides. */
    public static final int DEFAULT_MAX_PAGES_PER_CASE_FILE = 20_000;

    /**
     * Validates and copies.
     *
     * @param documentTypes the document catalogue: type codes a delivery may use
     * @param minimumDpi the lowest resolution a page may have
     * @param maxPixels the most pixels one page may have (guards against decompression bombs)
     * @param maxDimension the longest side one page may have, in pixels
     * @param renditionMode one PDF per document, or per case file
     * @param maxIndexBytes the largest {@code index.json} read, in bytes; a larger one fails the delivery
     *     before a byte of it is read
     * @param maxCaseFilesPerDelivery the most case files one delivery may list; more fail the delivery
     * @param maxPagesPerCaseFile the most pages one case file may list; more reject that case file
     * @param ocr when an OCR engine recognises pages for the text layer
     */
    public CapturePolicy {
        Objects.requireNonNull(ocr, "ocr");
        documentTypes = Set.copyOf(documentTypes);
        if (documentTypes.isEmpty()) {
            throw new InvalidValueException("documentTypes", "the catalogue needs at least one type");
        }
        for (String t : documentTypes) {
            if (!t.matches("[A-Z0-9_]{1,64}")) {
                throw new InvalidValueException("documentTypes", "type codes are 1 to 64 of A-Z 0-9 _");
            }
        }
        if (minimumDpi < 50 || minimumDpi > 2400) {
            throw new InvalidValueException("minimumDpi", "must be 50 to 2400");
        }
        if (maxPixels < 1 || maxDimension < 1) {
            throw new InvalidValueException("maxPixels", "limits must be positive");
        }
        Objects.requireNonNull(renditionMode, "renditionMode");
        if (maxIndexBytes < 1) {
            throw new InvalidValueException("maxIndexBytes", "must be positive");
        }
        if (maxCaseFilesPerDelivery < 1) {
            throw new InvalidValueException("maxCaseFilesPerDelivery", "must be positive");
        }
        if (maxPagesPerCaseFile < 1) {
            throw new InvalidValueException("maxPagesPerCaseFile", "must be positive");
        }
    }

    /**
     * A policy that runs no OCR engine ({@link OcrPolicy#never()}), as before 0.2.
     *
     * @param documentTypes the document catalogue: type codes a delivery may use
     * @param minimumDpi the lowest resolution a page may have
     * @param maxPixels the most pixels one page may have
     * @param maxDimension the longest side one page may have, in pixels
     * @param renditionMode one PDF per document, or per case file
     * @param maxIndexBytes the largest {@code index.json} read, in bytes
     * @param maxCaseFilesPerDelivery the most case files one delivery may list
     * @param maxPagesPerCaseFile the most pages one case file may list
     */
    public CapturePolicy(Set<String> documentTypes, int minimumDpi, long maxPixels, int maxDimension,
            RenditionMode renditionMode, long maxIndexBytes, int maxCaseFilesPerDelivery, int maxPagesPerCaseFile) {
        this(documentTypes, minimumDpi, maxPixels, maxDimension, renditionMode, maxIndexBytes,
                maxCaseFilesPerDelivery, maxPagesPerCaseFile, OcrPolicy.never());
    }

    /**
     * A policy with the default limits on the index ({@link #DEFAULT_MAX_INDEX_BYTES},
     * {@link #DEFAULT_MAX_CASE_FILES_PER_DELIVERY}, {@link #DEFAULT_MAX_PAGES_PER_CASE_FILE}).
     *
     * @param documentTypes the document catalogue
     * @param minimumDpi the lowest resolution a page may have
     * @param maxPixels the most pixels one page may have
     * @param maxDimension the longest side one page may have, in pixels
     * @param renditionMode one PDF per document, or per case file
     */
    public CapturePolicy(Set<String> documentTypes, int minimumDpi, long maxPixels, int maxDimension,
            RenditionMode renditionMode) {
        this(documentTypes, minimumDpi, maxPixels, maxDimension, renditionMode, DEFAULT_MAX_INDEX_BYTES,
                DEFAULT_MAX_CASE_FILES_PER_DELIVERY, DEFAULT_MAX_PAGES_PER_CASE_FILE);
    }

    /**
     * @return catalogue APPLICATION, PASSPORT_COPY, RESIDENCE_PERMIT, DECISION, LETTER, CERTIFICATE,
     *     NOTICE, OTHER; at least 200 dpi; at most 120 megapixels and 20,000 px a side; one PDF per
     *     document; an index of at most 64 MiB listing at most 10,000 case files of at most 20,000
     *     pages each
     */
    public static CapturePolicy defaults() {
        return new CapturePolicy(Set.of("APPLICATION", "PASSPORT_COPY", "RESIDENCE_PERMIT", "DECISION", "LETTER",
                "CERTIFICATE", "NOTICE", "OTHER"), 200, 120_000_000L, 20_000, RenditionMode.PER_DOCUMENT);
    }

    /**
     * @param dpi the lowest resolution a page may have
     * @return a copy with it
     */
    public CapturePolicy withMinimumDpi(int dpi) {
        return new CapturePolicy(documentTypes, dpi, maxPixels, maxDimension, renditionMode, maxIndexBytes,
                maxCaseFilesPerDelivery, maxPagesPerCaseFile, ocr);
    }

    /**
     * @param mode one PDF per document or per case file
     * @return a copy with it
     */
    public CapturePolicy withRenditionMode(RenditionMode mode) {
        return new CapturePolicy(documentTypes, minimumDpi, maxPixels, maxDimension, mode, maxIndexBytes,
                maxCaseFilesPerDelivery, maxPagesPerCaseFile, ocr);
    }

    /**
     * @param types the document catalogue
     * @return a copy with it
     */
    public CapturePolicy withDocumentTypes(Set<String> types) {
        return new CapturePolicy(types, minimumDpi, maxPixels, maxDimension, renditionMode, maxIndexBytes,
                maxCaseFilesPerDelivery, maxPagesPerCaseFile, ocr);
    }

    /**
     * @param indexBytes the largest {@code index.json} read, in bytes
     * @param caseFilesPerDelivery the most case files one delivery may list
     * @param pagesPerCaseFile the most pages one case file may list
     * @return a copy with these limits
     */
    public CapturePolicy withIndexLimits(long indexBytes, int caseFilesPerDelivery, int pagesPerCaseFile) {
        return new CapturePolicy(documentTypes, minimumDpi, maxPixels, maxDimension, renditionMode, indexBytes,
                caseFilesPerDelivery, pagesPerCaseFile, ocr);
    }

    /**
     * @param policy when an OCR engine recognises pages for the text layer; anything but
     *     {@link OcrPolicy.Mode#NEVER} needs an engine ({@code Aktenlift.Builder.ocr}), or the
     *     builder refuses to start
     * @return a copy with it
     * @since 0.2
     */
    public CapturePolicy withOcr(OcrPolicy policy) {
        return new CapturePolicy(documentTypes, minimumDpi, maxPixels, maxDimension, renditionMode, maxIndexBytes,
                maxCaseFilesPerDelivery, maxPagesPerCaseFile, policy);
    }
}
