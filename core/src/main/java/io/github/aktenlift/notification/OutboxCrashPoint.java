package io.github.aktenlift.notification;

import io.github.aktenlift.spi.internal.CrashPoints;

/**
 * The outbox's named crash points, one after each of its durable steps (and after the one step
 * that is not durable but cannot be undone: a notification taken by the notifier), the one place
 * their names are written. A point is reached just <em>after</em> the step it names. Unarmed,
 * reaching one costs nothing (see {@link CrashPoints}).
 */
enum OutboxCrashPoint {

    /** Events that call for notifications are committed to the journal; the outbox has done nothing about them yet. */
    COMMITTED("core.notification.committed"),
    /** The notifier has taken a notification; nothing about it is stored yet. */
    DELIVERED("core.notification.delivered"),
    /** Numbers for undelivered notifications are reserved in the outbox record; none is stored yet. */
    RESERVED("core.notification.reserved"),
    /** One undelivered notification is stored; the mark does not cover its event yet. */
    QUEUED("core.notification.queued"),
    /** The mark has advanced: the notifications of every event below it are delivered or stored. */
    MARKED("core.notification.marked"),
    /** The notifier has taken a stored notification again; it is still stored. */
    REDELIVERED("core.notification.redelivered"),
    /** A redelivered notification is removed from storage. */
    REMOVED("core.notification.removed");

    private final String id;

    OutboxCrashPoint(String id) {
        this.id = id;
    }

    /** @return the point's name, as {@link CrashPoints} and the crash tests know it */
    String id() {
        return id;
    }

    /** Marks that the calling thread has passed this point. */
    void reach() {
        CrashPoints.reach(id);
    }
}
