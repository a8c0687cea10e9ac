/**
 * Logistics: boxes (<i>Transportbehälter</i>) with seal numbers, pickups (<i>Abholungen</i>) with
 * their handover protocol, and the goods receipt at the scan service, where files are counted
 * against the packing list.
 *
 * @since 0.1
 */
package io.github.aktenlift.logistics;
