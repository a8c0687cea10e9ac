package io.github.aktenlift.capture;

import io.github.aktenlift.InvalidValueException;

import java.util.Objects;
import java.util.Set;

/**
 * What a delivery must satisfy, and what capture makes of it.
 *
 * @param documentTypes the document catalogue: type codes a delivery may use
 * @param minimumDpi the lowest resolution a page may have
 * @param maxPixels the most pixels one page may have (guards against decompression bombs)
 * @param maxDimension the longest side one page may have, in pixels
 * @param renditionMode one PDF per document, or per case file
 * @since 0.1
 */
public record CapturePolicy(Set<String> documentTypes, int minimumDpi, long maxPixels, int maxDimension,
        RenditionMode renditionMode) {

    /** Validates and copies. */
    public CapturePolicy {
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
    }

    /**
     * @return catalogue APPLICATION, PASSPORT_COPY, RESIDENCE_PERMIT, DECISION, LETTER, CERTIFICATE,
     *     NOTICE, OTHER; at least 200 dpi; at most 120 megapixels and 20,000 px a side; one PDF per
     *     document
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
        return new CapturePolicy(documentTypes, dpi, maxPixels, maxDimension, renditionMode);
    }

    /**
     * @param mode one PDF per document or per case file
     * @return a copy with it
     */
    public CapturePolicy withRenditionMode(RenditionMode mode) {
        return new CapturePolicy(documentTypes, minimumDpi, maxPixels, maxDimension, mode);
    }

    /**
     * @param types the document catalogue
     * @return a copy with it
     */
    public CapturePolicy withDocumentTypes(Set<String> types) {
        return new CapturePolicy(types, minimumDpi, maxPixels, maxDimension, renditionMode);
    }
}
