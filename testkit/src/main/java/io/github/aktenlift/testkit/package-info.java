/**
 * Test support for Aktenlift and the applications that embed it: in-memory adapters for the SPIs,
 * thread-safe, fast and faithful to the contracts; and a synthetic scan generator
 * ({@link io.github.aktenlift.testkit.ScanGenerator}) that writes deterministic JPEG and G4 pages
 * and whole scan deliveries, with faults planted on request.
 *
 * @since 0.1
 */
package io.github.aktenlift.testkit;
