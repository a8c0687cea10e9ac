package io.github.aktenlift.capture.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * One document of a case file.
 *
 * @param documentId its id within the case file
 * @param type its type code, from the configured catalogue
 * @param date its date, if known
 * @param originalToReturn whether its paper original goes back to its owner
 * @param pages its pages, in order
 */
public record DocumentEntry(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String documentId,
        @NotNull @Pattern(regexp = "[A-Z0-9_]{1,64}") String type,
        @Pattern(regexp = DeliveryIndex.DATE, message = "must be an ISO-8601 date") String date,
        boolean originalToReturn,
        @NotEmpty List<@NotNull @Valid PageEntry> pages) {
}
