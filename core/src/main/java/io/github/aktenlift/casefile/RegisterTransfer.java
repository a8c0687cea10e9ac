package io.github.aktenlift.casefile;

import io.github.aktenlift.Command;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import org.apiguardian.api.API;

/**
 * Registers a paper case file received from another authority (a transfer on moving to the city): it enters the tracking in state {@link CaseFileState#REGISTERED} with its origin.
 *
 * @param barcode the label put on the file cover at arrival
 * @param reference the office's file number, unique among registered files
 * @param subject the person concerned (personal data, stored apart from the journal)
 * @param protection the file's protection requirement
 * @param originAuthority the sending authority, for example {@code Stadt Musterstadt, Ausländerbehörde}
 * @param receivedOn the day the paper file arrived
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RegisterTransfer(@NotNull Barcode barcode, @NotNull FileReference reference, @NotNull @Valid Subject subject,
        @NotNull ProtectionLevel protection, @NotBlank @Size(max = 200) String originAuthority,
        @NotNull @PastOrPresent LocalDate receivedOn) implements Command {
}
