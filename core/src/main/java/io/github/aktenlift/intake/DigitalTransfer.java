package io.github.aktenlift.intake;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A case file another authority sent digitally, to be taken in ({@link DigitalIntake#receive}).
 *
 * @param barcode the case file's id in the tracking, issued by the office like a label (nothing
 *     is printed: it names the file in the journal, notifications and the CLI)
 * @param reference the office's file number, unique among registered files
 * @param subject the person concerned, for matching (personal data, stored apart from the journal)
 * @param protection the file's protection requirement
 * @param originAuthority the sending authority
 * @param transferId the sender's id of this exchange (an xdomea {@code ProzessID}, say): 1 to 128
 *     of {@code A–Z a–z 0–9 . _ -}, not starting with a dot; unique among digital transfers, and
 *     the key that makes taking the same transfer in again harmless
 * @param receivedAt when the transfer arrived
 * @param documents its documents in the sender's order, 1 to 999
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DigitalTransfer(@NotNull Barcode barcode, @NotNull FileReference reference, @NotNull @Valid Subject subject,
        @NotNull ProtectionLevel protection, @NotBlank @Size(max = 200) String originAuthority,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}") String transferId,
        @NotNull @PastOrPresent Instant receivedAt,
        @NotNull @NotEmpty @Size(max = 999) List<@NotNull @Valid DigitalDocument> documents) {

    /**
     * Copies the list (a {@code null} is left for validation to report).
     *
     * @param barcode the case file's id in the tracking, issued by the office like a label (nothing is printed: it names the file in the journal, notifications and the CLI)
     * @param reference the office's file number, unique among registered files
     * @param subject the person concerned, for matching (personal data, stored apart from the journal)
     * @param protection the file's protection requirement
     * @param originAuthority the sending authority
     * @param transferId the sender's id of this exchange (an xdomea {@code ProzessID}, say): 1 to 128 of {@code A–Z a–z 0–9 . _ -}, not starting with a dot; unique among digital transfers, and the key that makes taking the same transfer in again harmless
     * @param receivedAt when the transfer arrived
     * @param documents its documents in the sender's order, 1 to 999
     */
    public DigitalTransfer {
        documents = documents == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(documents));
    }
}
