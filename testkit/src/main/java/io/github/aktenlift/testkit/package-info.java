/**
 * In-memory adapters for Aktenlift's SPIs: thread-safe, fast, and faithful to the contracts, for
 * the integration tests of Aktenlift itself and of the applications that embed it.
 *
 * @since 0.1
 */
package io.github.aktenlift.testkit;
