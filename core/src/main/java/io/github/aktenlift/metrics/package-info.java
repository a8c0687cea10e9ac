/**
 * What an operations team watches: the live {@link io.github.aktenlift.metrics.Statistics} of an
 * instance, its {@link io.github.aktenlift.metrics.Health}, the keys Aktenlift puts in SLF4J's MDC
 * ({@link io.github.aktenlift.metrics.LogContext}), and their binding to Micrometer
 * ({@link io.github.aktenlift.metrics.AktenliftMetrics}). Every meter is listed in
 * {@code docs/metrics.md}.
 *
 * <p>Micrometer is an optional dependency: Aktenlift counts on its hot paths with plain adders and
 * loads no Micrometer class unless the integrator constructs {@code AktenliftMetrics}; everything
 * else in this package works without it.
 *
 * @since 0.2
 */
package io.github.aktenlift.metrics;
