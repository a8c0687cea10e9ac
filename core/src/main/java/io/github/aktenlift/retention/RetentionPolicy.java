package io.github.aktenlift.retention;

import io.github.aktenlift.InvalidValueException;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * When paper may go: how long it is kept after the confirmed import, which holds block
 * destruction, and whether originals must have been returned first.
 *
 * @param retention how long paper is kept after the confirmed import
 * @param blockingHolds the hold reasons that prevent destruction
 * @param originalsMustBeReturned whether every document marked {@code originalToReturn} must have
 *     been returned
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RetentionPolicy(Duration retention, Set<HoldReason> blockingHolds, boolean originalsMustBeReturned) {

    /**
     * Validates and copies.
     *
     * @param retention how long paper is kept after the confirmed import
     * @param blockingHolds the hold reasons that prevent destruction
     * @param originalsMustBeReturned whether every document marked {@code originalToReturn} must have been
     *     returned
     */
    public RetentionPolicy {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new InvalidValueException("retention", "must not be negative");
        }
        blockingHolds = Set.copyOf(blockingHolds);
    }

    /** @return 90 days, every hold blocks, originals must be returned */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(90), EnumSet.allOf(HoldReason.class), true);
    }

    /**
     * @param period the retention period
     * @return a copy with another retention period
     */
    public RetentionPolicy withRetention(Duration period) {
        return new RetentionPolicy(period, blockingHolds, originalsMustBeReturned);
    }
}
