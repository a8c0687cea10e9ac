package io.github.aktenlift.spi.procedure;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One file in an import package: a rendition or the scan protocol.
 *
 * @param name file name within the package, for example {@code doc-1.pdf}: 1 to 128 of
 *     {@code A–Z a–z 0–9 . _ -}, not starting with a dot
 * @param documentType type code from the document catalogue, for example {@code PASSPORT_COPY},
 *     or {@code SCAN_PROTOCOL}
 * @param mediaType for example {@code application/pdf}
 * @param size length in bytes
 * @param sha256 SHA-256 of the bytes, 64 lowercase hex digits; adapters verify it while copying
 * @param content opens the bytes
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PackageItem(String name, String documentType, String mediaType, long size, String sha256,
        ContentSource content) {

    /**
     * Validates the fields.
     *
     * @param name file name within the package, for example {@code doc-1.pdf}: 1 to 128 of {@code A–Z a–z 0–9
     *     . _ -}, not starting with a dot
     * @param documentType type code from the document catalogue, for example {@code PASSPORT_COPY}, or {@code
     *     SCAN_PROTOCOL}
     * @param mediaType for example {@code application/pdf}
     * @param size length in bytes
     * @param sha256 SHA-256 of the bytes, 64 lowercase hex digits; adapters verify it while copying
     * @param content opens the bytes
     */
    public PackageItem {
        if (name == null || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("package item name must be 1 to 128 of A-Z a-z 0-9 . _ -, not starting with '.'");
        }
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
    }
}
