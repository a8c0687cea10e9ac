/**
 * Internal: the delivery index as read from {@code index.json} (format
 * {@code aktenlift-delivery/1}, see {@code docs/delivery-format.md}), with its Jakarta Validation
 * constraints. Not exported.
 */
package io.github.aktenlift.capture.delivery;
