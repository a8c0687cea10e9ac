/**
 * The exception scheme shared by every Aktenlift SPI: conflicts, missing entries, integrity
 * failures, unavailability and illegal keys are distinct types, so callers can react to each.
 *
 * <p>Every exception here carries identifiers (keys, sequences, versions) as fields, never
 * personal data.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi;
