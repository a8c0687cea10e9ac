package io.github.aktenlift.casefile;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apiguardian.api.API;

/**
 * A document found in a case file at capture.
 *
 * @param documentId its id within the case file, for example {@code doc-3}
 * @param type its type code from the document catalogue, for example {@code PASSPORT_COPY}
 * @param pages number of pages
 * @param originalToReturn whether the paper original must go back to its owner before the file may
 *     be destroyed
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CapturedDocument(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String documentId,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Z0-9_]+") String type,
        @Min(1) int pages,
        boolean originalToReturn) {
}
