package io.github.aktenlift.lifecycle;

import io.github.aktenlift.Command;
import io.github.aktenlift.casefile.RecordCapture;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Internal command of ingest: records a capture, and in the same append passes the visual check
 * at once when the protection level drew no document for inspection and asks for no second
 * reviewer. One append, so that a crash cannot leave a captured file that the uninterrupted
 * ingest would have verified (recording the two as separate commands could).
 *
 * @param capture the capture
 * @param reviewer the reviewer recorded for the automatic pass
 * @param number the capture's number, which names its stored objects ({@link StorageKeys#rendition});
 *     greater than every number recorded for the case file before
 * @param protocolPdfSha256 SHA-256 of the stored scan protocol's PDF/A form, recorded with the
 *     capture so that the PDF is anchored in the journal as the JSON protocol is
 * @param protocolSealSha256 SHA-256 of the detached seal beside the protocol JSON, or {@code null}
 *     if the capture was not sealed
 * @param sealLevel the PAdES level of the sealed renditions and protocol PDF, or {@code null}
 */
public record RecordIngestedCapture(@NotNull @Valid RecordCapture capture,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:@-]{1,64}") String reviewer, @Positive int number,
        @NotNull @Pattern(regexp = "[0-9a-f]{64}") String protocolPdfSha256,
        @Pattern(regexp = "[0-9a-f]{64}") String protocolSealSha256,
        @Pattern(regexp = "B-[A-Z]{1,3}") String sealLevel) implements Command {

    /** Checks that a seal's hash and level come together. */
    public RecordIngestedCapture {
        if ((protocolSealSha256 == null) != (sealLevel == null)) {
            throw new IllegalArgumentException("a sealed capture records both the seal's hash and the level");
        }
    }
}
