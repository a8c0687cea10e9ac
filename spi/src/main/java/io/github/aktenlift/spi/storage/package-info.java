/**
 * The storage SPI: immutable content addressed by key and verified by SHA-256, versioned records
 * with compare-and-set, and append-only logs with expected-sequence appends.
 *
 * <p>A {@link io.github.aktenlift.spi.storage.Storage} bundles the three stores of one backing
 * system. Every method is thread-safe; where a method says <em>durable</em>, the data survives a
 * crash of the process (and, with {@link io.github.aktenlift.spi.storage.StorageCapability#DURABLE},
 * of the machine) once the method has returned.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.storage;
