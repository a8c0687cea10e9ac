package io.github.aktenlift.capture.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * One case file in a delivery. Its entry is validated on its own, so that one bad case file does
 * not hold up the others.
 *
 * @param barcode the case file's barcode
 * @param sheets physical sheets counted
 * @param operator pseudonymous id of the scanning operator
 * @param scannedAt when it was scanned
 * @param scanner scanner model and settings
 * @param documents its documents, in file order
 */
public record CaseFileEntry(
        @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}") String barcode,
        @Min(1) @Max(100_000) int sheets,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String operator,
        @NotNull @Pattern(regexp = DeliveryIndex.INSTANT, message = "must be an ISO-8601 UTC instant") String scannedAt,
        @NotNull @Valid Scanner scanner,
        @NotEmpty List<@NotNull @Valid DocumentEntry> documents) {

    /**
     * Scanner and settings.
     *
     * @param model the scanner's model
     * @param settings the settings used
     */
    public record Scanner(@NotNull @Pattern(regexp = "[^\\p{Cntrl}]{1,100}") String model,
            @NotNull @Valid Settings settings) {
    }

    /**
     * Scanner settings.
     *
     * @param resolutionDpi nominal resolution
     * @param colorMode GRAYSCALE, BITONAL, COLOR or MIXED
     * @param duplex whether both sides of each sheet were scanned
     */
    public record Settings(@Min(50) @Max(2400) int resolutionDpi,
            @NotNull @Pattern(regexp = "GRAYSCALE|BITONAL|COLOR|MIXED") String colorMode,
            boolean duplex) {
    }
}
