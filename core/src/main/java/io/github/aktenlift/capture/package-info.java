/**
 * Capture: ingest of scan deliveries (a JSON index plus page images, see
 * {@code docs/delivery-format.md}), their checks, PDF/A-2b renditions, the scan protocol, and the
 * hand-over to quality review.
 *
 * <p>Each case file of a delivery stands alone: a bad page rejects its own case file with typed
 * {@link io.github.aktenlift.capture.CaptureProblem}s naming case file and page, stores nothing for
 * it, and leaves its tracking state as it was, while the other case files go through.
 *
 * @since 0.1
 */
package io.github.aktenlift.capture;
