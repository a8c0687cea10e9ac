/**
 * Internal: the live counters an instance keeps on its hot paths (plain {@code LongAdder}s, no
 * metrics library), the storage decorator that counts storage errors and lost races, and the MDC
 * scope that names what a log line belongs to. Not exported; read through
 * {@link io.github.aktenlift.metrics.Statistics}.
 */
package io.github.aktenlift.telemetry;
