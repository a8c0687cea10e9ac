package io.github.aktenlift.capture.delivery;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * The whole index of a scan delivery.
 *
 * @param format always {@code aktenlift-delivery/1}
 * @param deliveryId the delivery's id
 * @param scanService the delivering scan service
 * @param createdAt when the delivery was put together
 * @param caseFiles what it contains, at least one case file
 */
public record DeliveryIndex(
        @NotNull @Pattern(regexp = "aktenlift-delivery/1", message = "must be aktenlift-delivery/1") String format,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String deliveryId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String scanService,
        @NotNull Instant createdAt,
        @NotEmpty @Size(max = 100_000) List<@NotNull CaseFileEntry> caseFiles) {
}
