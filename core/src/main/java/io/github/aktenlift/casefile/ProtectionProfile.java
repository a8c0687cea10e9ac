package io.github.aktenlift.casefile;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

import java.util.Objects;

/**
 * What a {@link ProtectionLevel} demands of capture and QA.
 *
 * @param qaSampleRate share of documents drawn for visual inspection, 0 to 1 (1 = all)
 * @param fourEyes whether two distinct reviewers must pass a case file before it is verified
 * @param sealing what seals and timestamps the case file's renditions and scan protocol get
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ProtectionProfile(double qaSampleRate, boolean fourEyes, Sealing sealing) {

    /**
     * Validates the sample rate.
     *
     * @param qaSampleRate share of documents drawn for visual inspection, 0 to 1 (1 = all)
     * @param fourEyes whether two distinct reviewers must pass a case file before it is verified
     * @param sealing what seals and timestamps the case file's renditions and scan protocol get
     */
    public ProtectionProfile {
        if (!(qaSampleRate >= 0 && qaSampleRate <= 1)) {
            throw new InvalidValueException("qaSampleRate", "must be between 0 and 1");
        }
        if (sealing == null) {
            throw new InvalidValueException("sealing", "must not be null");
        }
    }

    /**
     * The profile of version 0.1, where the signature was a flag.
     *
     * @param qaSampleRate share of documents drawn for visual inspection
     * @param fourEyes whether two reviewers are needed
     * @param signatureRequired {@link Sealing#SEALED} if {@code true}, else {@link Sealing#NONE}
     */
    public ProtectionProfile(double qaSampleRate, boolean fourEyes, boolean signatureRequired) {
        this(qaSampleRate, fourEyes, signatureRequired ? Sealing.SEALED : Sealing.NONE);
    }

    /** @return whether renditions and scan protocols must be sealed */
    public boolean signatureRequired() {
        return sealing.seals();
    }

    /**
     * @param s what to seal
     * @return a copy demanding it
     * @since 0.2
     */
    public ProtectionProfile withSealing(Sealing s) {
        return new ProtectionProfile(qaSampleRate, fourEyes, Objects.requireNonNull(s, "sealing"));
    }

    /**
     * The defaults, which demand no seal, so that an instance without a sealing key starts; use
     * {@link #resiscanFor} where the office seals.
     *
     * @param level a protection level
     * @return 5 % sample for normal; 20 % and four eyes for high; full inspection and four eyes for
     *     very high; no seal at any level
     */
    public static ProtectionProfile defaultFor(ProtectionLevel level) {
        return switch (level) {
            case NORMAL -> new ProtectionProfile(0.05, false, Sealing.NONE);
            case HIGH -> new ProtectionProfile(0.20, true, Sealing.NONE);
            case VERY_HIGH -> new ProtectionProfile(1.0, true, Sealing.NONE);
        };
    }

    /**
     * The defaults with TR-RESISCAN's evidence: normal seals nothing (its journal checkpoints are
     * timestamped whenever a timestamp authority is configured, at every level); high seals and
     * timestamps every rendition and protocol; very high does the same with a qualified seal.
     *
     * @param level a protection level
     * @return {@link #defaultFor} with {@link Sealing#NONE}, {@link Sealing#SEALED} or
     *     {@link Sealing#QUALIFIED}
     * @since 0.2
     */
    public static ProtectionProfile resiscanFor(ProtectionLevel level) {
        return defaultFor(level).withSealing(switch (level) {
            case NORMAL -> Sealing.NONE;
            case HIGH -> Sealing.SEALED;
            case VERY_HIGH -> Sealing.QUALIFIED;
        });
    }
}
