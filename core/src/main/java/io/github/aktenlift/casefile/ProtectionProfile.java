package io.github.aktenlift.casefile;

import io.github.aktenlift.InvalidValueException;
import org.apiguardian.api.API;

/**
 * What a {@link ProtectionLevel} demands of capture and QA.
 *
 * @param qaSampleRate share of documents drawn for visual inspection, 0 to 1 (1 = all)
 * @param fourEyes whether two distinct reviewers must pass a case file before it is verified
 * @param signatureRequired whether renditions and scan protocols must be signed or sealed
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ProtectionProfile(double qaSampleRate, boolean fourEyes, boolean signatureRequired) {

    /**
     * Validates the sample rate.
     *
     * @param qaSampleRate share of documents drawn for visual inspection, 0 to 1 (1 = all)
     * @param fourEyes whether two distinct reviewers must pass a case file before it is verified
     * @param signatureRequired whether renditions and scan protocols must be signed or sealed
     */
    public ProtectionProfile {
        if (!(qaSampleRate >= 0 && qaSampleRate <= 1)) {
            throw new InvalidValueException("qaSampleRate", "must be between 0 and 1");
        }
    }

    /**
     * @param level a protection level
     * @return the default profile: 5 % sample for normal; 20 % and four eyes for high; full
     *     inspection, four eyes and signature for very high
     */
    public static ProtectionProfile defaultFor(ProtectionLevel level) {
        return switch (level) {
            case NORMAL -> new ProtectionProfile(0.05, false, false);
            case HIGH -> new ProtectionProfile(0.20, true, false);
            case VERY_HIGH -> new ProtectionProfile(1.0, true, true);
        };
    }
}
