/**
 * The evidence tamper contract for storage adapters: {@link io.github.aktenlift.testkit.evidence.EvidenceTamperContract},
 * which an adapter's test extends, and {@link io.github.aktenlift.testkit.evidence.RawView}, the
 * adapter's view of the bytes it keeps below the storage SPI.
 *
 * @since 0.2
 */
package io.github.aktenlift.testkit.evidence;
