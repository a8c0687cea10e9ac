/**
 * The tracking journal and its projections: every command appends hash-chained events; where a
 * file is, its history, counts, overdue items, discrepancies, destruction candidates and work lists
 * (recalled files first) are all derived from the journal, and {@link io.github.aktenlift.tracking.Tracking#verify()} proves it
 * unaltered.
 *
 * @since 0.1
 */
package io.github.aktenlift.tracking;
