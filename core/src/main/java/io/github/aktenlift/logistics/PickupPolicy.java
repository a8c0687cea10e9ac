package io.github.aktenlift.logistics;

import io.github.aktenlift.InvalidValueException;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * When the {@link PickupPlanner} proposes the next pickup, and how it packs. A pickup is due as soon
 * as any of these holds for the files waiting at the office (registered, or packed in a box that is
 * in no planned pickup):
 * <ul>
 *   <li>at least {@code minFiles} files wait;</li>
 *   <li>the oldest waiting file has waited {@code maxWait} (a transfer from the day it arrived);</li>
 *   <li>{@code interval} has passed since the day of the latest pickup (planned or done), and at
 *       least one file waits;</li>
 *   <li>a file with an open scan-on-demand recall waits: then at once, on the same day.</li>
 * </ul>
 *
 * @param minFiles how many waiting files make a pickup worthwhile (N), at least 1
 * @param maxWait how long a file may wait at the office (D), positive
 * @param interval the longest time between two pickups while files wait, positive
 * @param boxCapacity how many case files go into one box, at least 1
 * @param leadDays days between the proposal and the pickup, for the carrier to plan; recalls
 *     ignore it. 0 to 14
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PickupPolicy(int minFiles, Duration maxWait, Duration interval, int boxCapacity, int leadDays) {

    /**
     * Validates the fields.
     *
     * @param minFiles how many waiting files make a pickup worthwhile (N), at least 1
     * @param maxWait how long a file may wait at the office (D), positive
     * @param interval the longest time between two pickups while files wait, positive
     * @param boxCapacity how many case files go into one box, at least 1
     * @param leadDays days between the proposal and the pickup, for the carrier to plan; recalls ignore it. 0
     *     to 14
     */
    public PickupPolicy {
        if (minFiles < 1) {
            throw new InvalidValueException("minFiles", "must be at least 1");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(interval, "interval");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new InvalidValueException("maxWait", "must be positive");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new InvalidValueException("interval", "must be positive");
        }
        if (boxCapacity < 1) {
            throw new InvalidValueException("boxCapacity", "must be at least 1");
        }
        if (leadDays < 0 || leadDays > 14) {
            throw new InvalidValueException("leadDays", "must be 0 to 14");
        }
    }

    /** @return 25 files (one box), 10 days' wait, a pickup at least every 14 days, 25 files per box, 1 day's lead */
    public static PickupPolicy defaults() {
        return new PickupPolicy(25, Duration.ofDays(10), Duration.ofDays(14), 25, 1);
    }
}
