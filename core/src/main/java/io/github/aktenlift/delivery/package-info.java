/**
 * Tools for the scan service and for integrators who produce scan deliveries: a delivery index
 * written without hand-made JSON ({@link io.github.aktenlift.delivery.ScanDelivery},
 * {@link io.github.aktenlift.delivery.DeliveryIndexWriter}), and every check capture makes on a
 * delivery folder, run before hand-over without a workspace
 * ({@link io.github.aktenlift.delivery.DeliveryCheck}). The format is described in
 * {@code docs/delivery-format.md} and by the JSON Schema
 * {@code io/github/aktenlift/capture/delivery-index.schema.json}.
 *
 * @since 0.2
 */
package io.github.aktenlift.delivery;
