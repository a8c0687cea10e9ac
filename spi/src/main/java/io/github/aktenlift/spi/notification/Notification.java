package io.github.aktenlift.spi.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A typed message about a case file, box or run. Carries identifiers only (barcodes, ids, counts),
 * never personal data.
 *
 * @param id unique id; a receiver seeing the same id twice has seen the same notification
 * @param type what it tells
 * @param recipient who it is for
 * @param createdAt when it was raised
 * @param details identifiers and figures, sorted by key, for example {@code barcode=F000000172}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Notification(String id, NotificationType type, Recipient recipient, Instant createdAt,
        Map<String, String> details) {

    /**
     * Validates and copies.
     *
     * @param id unique id; a receiver seeing the same id twice has seen the same notification
     * @param type what it tells
     * @param recipient who it is for
     * @param createdAt when it was raised
     * @param details identifiers and figures, sorted by key, for example {@code barcode=F000000172}
     */
    public Notification {
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new IllegalArgumentException("notification id must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdAt, "createdAt");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }
}
