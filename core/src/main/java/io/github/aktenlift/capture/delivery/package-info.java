/**
 * Internal: the delivery index as read from {@code index.json} (format
 * {@code aktenlift-delivery/1}, see {@code docs/delivery-format.md}), with its Jakarta Validation
 * constraints, and its one strict, bounded reader ({@link io.github.aktenlift.capture.delivery.IndexReader}).
 * Not exported.
 */
package io.github.aktenlift.capture.delivery;
