/**
 * Internal: the pickup planner over the projection — when the files waiting at the office are due
 * for a pickup, which boxes to top up or open, recalled files first. It proposes and records
 * nothing. Not exported; the API is {@link io.github.aktenlift.logistics.PickupPlanner}.
 *
 * <p>Entry type: {@link io.github.aktenlift.logistics.planning.PickupProposer}.
 */
package io.github.aktenlift.logistics.planning;
