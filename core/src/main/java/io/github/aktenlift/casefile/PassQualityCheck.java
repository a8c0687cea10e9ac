package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.apiguardian.api.API;

/**
 * Records that a reviewer passed a captured case file's quality check. The file becomes
 * {@code VERIFIED} once enough distinct reviewers have passed it: one, or two where its protection
 * profile demands four-eyes review; the same reviewer twice is refused.
 *
 * @param barcode the case file
 * @param reviewerId the reviewer's pseudonymous id
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PassQualityCheck(@NotNull Barcode barcode, @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String reviewerId) implements Command {
}
