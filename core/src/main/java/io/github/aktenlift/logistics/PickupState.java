package io.github.aktenlift.logistics;

import org.apiguardian.api.API;

/**
 * Lifecycle of a pickup: {@code PLANNED → COLLECTED → DELIVERED} (delivered once every box of it
 * is received).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum PickupState {
    /** Planned, boxes assigned. */
    PLANNED,
    /** Boxes handed over to the carrier. */
    COLLECTED,
    /** Every box received at the scan service. */
    DELIVERED
}
