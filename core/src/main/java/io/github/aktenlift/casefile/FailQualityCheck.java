package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Records a failed quality check: {@code CAPTURED → QA_FAILED}; a rescan follows.
 *
 * @param barcode the case file
 * @param reasonCodes machine-readable reasons such as {@code PAGE_MISSING:17} or {@code UNREADABLE:doc-2}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FailQualityCheck(@NotNull Barcode barcode,
        @NotEmpty List<@NotNull @Pattern(regexp = "[A-Za-z0-9_:.-]{1,64}") String> reasonCodes) implements Command {
}
