/**
 * Internal: evidence beyond the journal's own hashes, through the sealing SPI's
 * {@link io.github.aktenlift.spi.sealing.EvidenceSealer}: RFC 3161 tokens over journal checkpoints,
 * seals on a capture's products, the check of both in deep verification, and evidence renewal.
 * Not exported.
 */
package io.github.aktenlift.evidence;
