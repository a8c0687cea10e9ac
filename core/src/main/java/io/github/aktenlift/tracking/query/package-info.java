/**
 * Internal: the queries of {@link io.github.aktenlift.tracking.Tracking} over the projection —
 * where-is, history, counts, overdue items, discrepancies, work lists. Not exported.
 *
 * <p>Entry type: {@link io.github.aktenlift.tracking.query.TrackingQueries}.
 */
package io.github.aktenlift.tracking.query;
