package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * A notifier that keeps what it is given, for tests. Thread-safe. Can be told to fail a number of
 * deliveries, to test a caller's retries.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InMemoryNotifier implements Notifier {

    private final List<Notification> delivered = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    /** Creates an empty notifier. */
    public InMemoryNotifier() {
    }

    @Override
    public void deliver(Notification notification) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UnavailableException("delivery of notification " + notification.id() + " failed (injected)", null);
        }
        synchronized (delivered) {
            delivered.add(notification);
        }
    }

    /** @return every notification delivered so far, in order, including repeats */
    public List<Notification> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    /** @param count how many of the next deliveries shall throw {@link UnavailableException} */
    public void failNext(int count) {
        failures.set(count);
    }
}
