package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Plans a pickup of sealed boxes: pickup {@code → PLANNED}.
 *
 * @param pickupId the pickup's id
 * @param scheduledFor the planned day
 * @param boxes the sealed boxes to collect, each in no other open pickup
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PlanPickup(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String pickupId, @NotNull LocalDate scheduledFor,
        @NotEmpty List<@NotNull Barcode> boxes) implements Command {
}
