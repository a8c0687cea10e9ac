/**
 * Internal: the capture of scan deliveries — reading the delivery index, the checks of every page,
 * the merge of a rescan with the previous capture, rendering through a bounded pipe into the
 * content store, the scan protocol, and the recording in the journal. Not exported; the API is
 * {@link io.github.aktenlift.capture.Capture}.
 *
 * <p>Entry type: {@link io.github.aktenlift.capture.ingest.Ingest}. The path of one delivery:
 * {@code Ingest} → {@code DeliveryReader} → per case file {@code PageChecks} (→ {@code RescanMerge}
 * for a rescan) → {@code CaseFileCapture} ({@code ContentPipe}, {@code ProtocolWriter}) →
 * {@link io.github.aktenlift.lifecycle.CommandLoop#execute}.
 */
package io.github.aktenlift.capture.ingest;
