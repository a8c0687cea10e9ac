/**
 * The notification SPI: typed notifications (file available, QA failed, recall served, overdue,
 * destruction due and confirmed, import rejected, pickup proposed, transfer registered…) delivered to a role or an address.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.notification;
