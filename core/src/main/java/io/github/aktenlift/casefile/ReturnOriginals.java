package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Records that paper originals of documents went back to their owner; required before destruction where a document is marked {@code originalToReturn}.
 *
 * @param barcode the case file
 * @param documentIds the documents whose originals were returned
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReturnOriginals(@NotNull Barcode barcode,
        @NotEmpty List<@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String> documentIds) implements Command {
}
