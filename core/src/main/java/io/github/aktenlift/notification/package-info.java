/**
 * Internal: the notification outbox — every notification goes through it: the outcomes the journal
 * records (mapped from events after the command loop commits them) and what time makes due.
 * Delivery is best effort after the commit. Not exported; the API is
 * {@link io.github.aktenlift.Notifications}.
 *
 * <p>Entry type: {@link io.github.aktenlift.notification.NotificationOutbox}.
 */
package io.github.aktenlift.notification;
