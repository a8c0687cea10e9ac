package io.github.aktenlift.rendition;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A PDF/A-2b rendition as written: its length and SHA-256, taken from the bytes on their way out,
 * and what went into each page.
 *
 * @param size length of the PDF in bytes
 * @param sha256 SHA-256 of the whole PDF, 64 lowercase hex digits; {@code null} when the renderer
 *     was asked not to hash its output because the store it streams into hashes it
 * @param pages one entry per page, in page order
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RenditionResult(long size, String sha256, List<PageRendition> pages) {

    /** The conformance every rendition claims and is tested against. */
    public static final String CONFORMANCE = "PDF/A-2b";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields and copies the list.
     *
     * @param size length of the PDF in bytes
     * @param sha256 SHA-256 of the whole PDF, 64 lowercase hex digits; {@code null} when the renderer was
     *     asked not to hash its output because the store it streams into hashes it
     * @param pages one entry per page, in page order
     */
    public RenditionResult {
        pages = List.copyOf(Objects.requireNonNull(pages, "pages"));
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        if (sha256 != null && !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }

    /**
     * How many pages were re-encoded rather than passed through.
     *
     * @return the count
     */
    public long reencodedPages() {
        return pages.stream().filter(p -> p.treatment() == PageTreatment.REENCODED).count();
    }
}
