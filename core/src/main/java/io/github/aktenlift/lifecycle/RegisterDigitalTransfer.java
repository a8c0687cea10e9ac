package io.github.aktenlift.lifecycle;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * Internal command of digital intake: registers a case file another authority sent digitally,
 * whose documents and intake record are already stored and checked. It enters at
 * {@code VERIFIED}: nothing of it is paper.
 *
 * @param transferId the sender's id of the exchange, unique among digital transfers
 * @param receivedAt when it was received
 * @param documents the stored documents, in the sender's order
 * @param recordSha256 SHA-256 of the stored intake record ({@link StorageKeys#intakeRecord})
 */
public record RegisterDigitalTransfer(@NotNull Barcode barcode, @NotNull FileReference reference,
        @NotNull @Valid Subject subject, @NotNull ProtectionLevel protection,
        @NotBlank @Size(max = 200) String originAuthority,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}") String transferId, @NotNull Instant receivedAt,
        @NotEmpty @Size(max = 999) List<@NotNull @Valid DigitalDocumentRecord> documents,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String recordSha256) implements Command {

    /** Copies the list. */
    public RegisterDigitalTransfer {
        documents = documents == null ? null : List.copyOf(documents);
    }
}
