/**
 * Contract suites for adapter authors: abstract JUnit 5 test classes, one per SPI. An adapter
 * passes by extending one with a few lines that say how to create the adapter under test.
 *
 * <p>The suites adapt to the capabilities an adapter declares (for example
 * {@link io.github.aktenlift.spi.storage.StorageCapability#STREAMING}) instead of skipping. Where
 * an adapter cannot honour a test, it overrides that one test with a comment saying why; a silent
 * skip is never acceptable.
 *
 * @since 0.1
 */
package io.github.aktenlift.testkit.contract;
