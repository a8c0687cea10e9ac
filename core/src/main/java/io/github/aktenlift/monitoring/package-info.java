/**
 * Internal: an instance's {@link io.github.aktenlift.metrics.Statistics} over its counters, its
 * projection and its notification outbox, and the read-only probes of its
 * {@link io.github.aktenlift.metrics.Health}. Not exported.
 */
package io.github.aktenlift.monitoring;
