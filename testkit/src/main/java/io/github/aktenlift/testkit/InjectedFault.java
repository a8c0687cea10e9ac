package io.github.aktenlift.testkit;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A fault that was planted in a delivery, and where.
 *
 * @param fault what went wrong
 * @param barcode the case file
 * @param page the page's position among the case file's pages in index order, starting at 1
 * @param file the page file concerned, relative to the delivery folder with {@code /} separators:
 *     the damaged, missing or unlisted file, or for {@link ScanFault#PATH_TRAVERSAL} the name the
 *     file would have had
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record InjectedFault(ScanFault fault, String barcode, int page, String file) {

    /**
     * Validates the fields.
     *
     * @param fault what went wrong
     * @param barcode the case file
     * @param page the page's position among the case file's pages in index order, starting at 1
     * @param file the page file concerned, relative to the delivery folder with {@code /} separators: the
     *     damaged, missing or unlisted file, or for {@link ScanFault#PATH_TRAVERSAL} the name the file would
     *     have had
     */
    public InjectedFault {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(file, "file");
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1: " + page);
        }
    }
}
