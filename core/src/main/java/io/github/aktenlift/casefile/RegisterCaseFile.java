package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import org.apiguardian.api.API;

/**
 * Registers a case file of the bulk project: it enters the tracking in state {@link CaseFileState#REGISTERED}.
 *
 * @param barcode the label on the file cover; must fit the case-file barcode scheme
 * @param reference the office's file number, unique among registered files
 * @param subject the person concerned (personal data, stored apart from the journal)
 * @param protection the file's protection requirement
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RegisterCaseFile(@NotNull Barcode barcode, @NotNull FileReference reference, @NotNull @Valid Subject subject,
        @NotNull ProtectionLevel protection) implements Command {
}
