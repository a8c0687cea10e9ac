package io.github.aktenlift.capture.delivery;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The whole index of a scan delivery.
 *
 * @param format always {@code aktenlift-delivery/1}
 * @param deliveryId the delivery's id
 * @param scanService the delivering scan service
 * @param createdAt when the delivery was put together
 * @param caseFiles what it contains, at least one case file (as {@link IndexReader} gives it: the
 *     good entries only)
 */
public record DeliveryIndex(
        @NotNull @Pattern(regexp = "aktenlift-delivery/1", message = "must be aktenlift-delivery/1") String format,
        @NotNull @Pattern(regexp = DELIVERY_ID) String deliveryId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String scanService,
        @NotNull @Pattern(regexp = INSTANT, message = "must be an ISO-8601 UTC instant") String createdAt,
        @NotEmpty @Size(max = 100_000) List<@NotNull CaseFileEntry> caseFiles) {

    /**
     * A delivery id: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, but not {@code .} or {@code ..}, which
     * cannot be a segment of a storage key.
     */
    public static final String DELIVERY_ID = "(?!\\.{1,2}$)[A-Za-z0-9._-]{1,64}";
    /** An ISO-8601 instant in UTC, as {@link java.time.Instant#toString()} writes it. */
    public static final String INSTANT = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?Z";
    /** An ISO-8601 date. */
    public static final String DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
}
