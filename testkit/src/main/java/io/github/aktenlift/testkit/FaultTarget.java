package io.github.aktenlift.testkit;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a fault is to be planted: a case file and one of its pages.
 *
 * @param fault what goes wrong
 * @param barcode the case file, as listed in the {@link DeliverySpec}
 * @param page the page's position among the case file's pages in index order, starting at 1
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FaultTarget(ScanFault fault, String barcode, int page) {

    /**
     * Validates the fields.
     *
     * @param fault what goes wrong
     * @param barcode the case file, as listed in the {@link DeliverySpec}
     * @param page the page's position among the case file's pages in index order, starting at 1
     */
    public FaultTarget {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(barcode, "barcode");
        if (page < 1) {
            throw new IllegalArgumentException("page must be >= 1: " + page);
        }
    }
}
