package io.github.aktenlift.logistics;

import org.apiguardian.api.API;

/**
 * Proposes the next pickup from the tracking state and the clock, per the office's
 * {@link PickupPolicy} (in {@link io.github.aktenlift.Policies#pickup()}). Obtained from
 * {@link io.github.aktenlift.Aktenlift#pickupPlanner()}. Thread-safe; it records nothing.
 *
 * <p>Files waiting are those at the office and in no planned pickup: registered (except those with
 * an open paper-back recall, whose paper stays at the office to be handed over), or packed in an
 * open box or in a sealed box no planned pickup holds.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface PickupPlanner {

    /**
     * @return a due pickup with its date, the files in order (recalls first) and packing
     *     suggestions; or why none is due yet
     */
    PickupProposal propose();
}
