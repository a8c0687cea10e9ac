/**
 * The notification SPI: typed notifications (file available, QA failed, recall served, overdue,
 * destruction due, import rejected…) delivered to a role or an address.
 *
 * @since 0.1
 */
package io.github.aktenlift.spi.notification;
