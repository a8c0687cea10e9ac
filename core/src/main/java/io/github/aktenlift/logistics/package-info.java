/**
 * Logistics: boxes (<i>Transportbehälter</i>) with seal numbers, pickups (<i>Abholungen</i>) with
 * their handover protocol, and the goods receipt at the scan service, where files are counted
 * against the packing list. The {@link io.github.aktenlift.logistics.PickupPlanner} proposes the
 * next pickup of the files waiting at the office, per the
 * {@link io.github.aktenlift.logistics.PickupPolicy}.
 *
 * @since 0.1
 */
package io.github.aktenlift.logistics;
