/**
 * Internal: the notification outbox — every notification goes through it: the outcomes the journal
 * records (derived from events after the command loop commits them, again from the journal after
 * a crash) and what time makes due. Delivery is best effort after the commit; what fails is kept
 * in the configured storage until it is redelivered. Not exported; the API is
 * {@link io.github.aktenlift.Notifications}.
 *
 * <p>Entry type: {@link io.github.aktenlift.notification.NotificationOutbox}; its stored format is
 * written in one place, {@code OutboxStore}.
 */
package io.github.aktenlift.notification;
