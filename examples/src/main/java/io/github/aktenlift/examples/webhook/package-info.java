/**
 * A custom adapter, as a template for your own: a {@link io.github.aktenlift.spi.notification.Notifier}
 * that posts notifications as JSON to a webhook, with its provider for {@code webhook:} URIs.
 *
 * @since 0.1
 */
package io.github.aktenlift.examples.webhook;
