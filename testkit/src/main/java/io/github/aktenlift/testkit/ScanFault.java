package io.github.aktenlift.testkit;

import org.apiguardian.api.API;

/**
 * A defect a {@link DeliverySpec} can plant at one page of a delivery, so that intake and quality
 * checks can be tested against bad input. Unless a fault is about the hash, the index carries the
 * true SHA-256 of what is on disk, so each fault shows up as itself and nothing else.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ScanFault {

    /** The page file ends after half its bytes. */
    TRUNCATED_IMAGE,

    /** The headers are intact, the second half of the compressed data is random bytes. */
    CORRUPT_IMAGE,

    /** The page file exists and is empty. */
    ZERO_BYTES,

    /** The file holds another format than its name says: G4 TIFF bytes behind {@code .jpg}, PNG
     * bytes behind {@code .tif}. */
    WRONG_FORMAT,

    /**
     * A decompression bomb: a file of a few hundred bytes whose header claims 60,000 × 60,000
     * pixels (a JPEG SOF0 segment, or a TIFF image file directory). Read the header, never decode.
     */
    HUGE_DIMENSIONS,

    /** The file is fine; the index lists a SHA-256 that differs from it in one hex digit. */
    HASH_MISMATCH,

    /** The index lists the page; its file was never written. */
    MISSING_PAGE,

    /** Besides the page, its document folder holds one more page file that the index omits. */
    EXTRA_PAGE,

    /** The page's document has a type outside the catalogue. */
    UNKNOWN_DOCUMENT_TYPE,

    /** The index names the page's file {@code ../../etc/passwd}; nothing is written for it. */
    PATH_TRAVERSAL
}
