package io.github.aktenlift.logistics;

import org.apiguardian.api.API;

/**
 * Lifecycle of a box: {@code OPEN → SEALED → IN_TRANSIT → RECEIVED}; a sealed box may be reopened
 * before pickup.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum BoxState {
    /** Being packed at the office. */
    OPEN,
    /** Closed with a numbered seal, waiting for pickup. */
    SEALED,
    /** Handed over to the carrier. */
    IN_TRANSIT,
    /** Counted at the scan service's goods receipt. */
    RECEIVED
}
