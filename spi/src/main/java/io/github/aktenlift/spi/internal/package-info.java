/**
 * Internal: fault injection for Aktenlift's own crash tests — named crash points that a test
 * arms in a child JVM to kill it at an exact durable step. Not part of the SPI: exported only to
 * Aktenlift's own modules by a qualified export, and free to change without notice.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.internal;
