package io.github.aktenlift.spi.notification;

import io.github.aktenlift.spi.UnavailableException;
import org.apiguardian.api.API;

/**
 * Delivers notifications: to a mailbox, an outbox directory, a webhook, a chat channel.
 *
 * <p><b>Thread safety:</b> {@link #deliver} may be called concurrently. <b>Delivery:</b> at least
 * once: when {@code deliver} returns, the notification has been handed to the channel durably;
 * when it throws, it may or may not have been, and the caller retries with the same notification
 * (same {@link Notification#id()}), which channels that can deduplicate use to do so.
 * <b>Personal data:</b> notifications carry none, and adapters add none.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Notifier {

    /**
     * @param notification what to deliver
     * @throws UnavailableException if the channel did not take it; retry later
     */
    void deliver(Notification notification);

    /** @return a notifier that drops everything: the fallback when none is configured */
    static Notifier none() {
        return notification -> { };
    }
}
