package io.github.aktenlift.spi.sealing;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a caller needs to prepare PAdES seals itself, so that {@link EvidenceSealer#signPrepared}
 * only has to turn digests into CMS signatures: the caller that writes a PDF writes its signature
 * dictionary with a zeroed {@code /Contents} of {@code 2 × reserveBytes} hex digits, takes the
 * digest of the byte range while it writes, and fills the CMS in place afterwards. No PDF is read
 * again and none is copied.
 *
 * <p>The signature dictionary the caller writes: {@code /Type /Sig /Filter /Adobe.PPKLite
 * /SubFilter /ETSI.CAdES.detached}, the claimed signing time in {@code /M}, {@code /Reason} if
 * {@link #reason()} names one, a {@code /ByteRange} that covers the whole file except the
 * {@code /Contents} string, in an incremental update after the PDF's original bytes (PAdES, ETSI
 * EN 319 142-1).
 *
 * @param digest the algorithm of the byte-range digests {@link EvidenceSealer#signPrepared} takes
 * @param reserveBytes the most bytes one DER CMS signature of this sealer takes; the caller
 *     reserves that many for each {@code /Contents}
 * @param pdfLevel the PAdES baseline level the finished seals have, for example {@code B-T}
 * @param reason the {@code /Reason} to write into every signature dictionary, if any; never
 *     personal data
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PreparedSeals(DigestAlgorithm digest, int reserveBytes, String pdfLevel, Optional<String> reason) {

    /**
     * Validates.
     *
     * @param digest the algorithm of the byte-range digests
     * @param reserveBytes the most bytes one DER CMS signature takes; positive, at most 1 MiB
     * @param pdfLevel the PAdES baseline level of the finished seals
     * @param reason the {@code /Reason}, if any
     * @throws IllegalArgumentException if {@code reserveBytes} is not positive or above 1 MiB, or the
     *     level is blank
     */
    public PreparedSeals {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pdfLevel, "pdfLevel");
        Objects.requireNonNull(reason, "reason");
        if (reserveBytes < 1 || reserveBytes > 1 << 20) {
            throw new IllegalArgumentException("reserveBytes must be 1 to 1 MiB, got " + reserveBytes);
        }
        if (pdfLevel.isBlank()) {
            throw new IllegalArgumentException("pdfLevel must not be blank");
        }
    }
}
