/**
 * Internal: the scan protocol as a typed record tree ({@link io.github.aktenlift.capture.protocol.ScanProtocol}),
 * its one JSON codec, and its human-readable PDF/A report. Capture writes protocols; import reads
 * them back to build the package for the e-file. Not exported: users see a protocol's storage key
 * in {@link io.github.aktenlift.capture.CaseFileOutcome.Captured}.
 */
package io.github.aktenlift.capture.protocol;
