package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.notification.Recipient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link Notifier} must pass. Extend it, create the notifier, and say what
 * arrived at the channel's far end:
 *
 * <pre>{@code
 * class WebhookNotifierContractTest extends NotifierContract {
 *     protected Notifier createNotifier() { return new WebhookNotifier(server.uri()); }
 *     protected List<Notification> received() { return server.parsedNotifications(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class NotifierContract {

    /** The notifier under test, fresh for each test. */
    protected Notifier notifier;

    /** Creates the suite. */
    protected NotifierContract() {
    }

    /**
     * @return a new notifier whose far end has received nothing yet
     * @throws Exception if it cannot be created
     */
    protected abstract Notifier createNotifier() throws Exception;

    /**
     * @return every notification that arrived at the far end since the notifier was created, in
     *     arrival order, read back in full (all fields)
     * @throws Exception if the far end cannot be read
     */
    protected abstract List<Notification> received() throws Exception;

    @BeforeEach
    void create() throws Exception {
        notifier = createNotifier();
    }

    private static Notification notification(String id, NotificationType type, Map<String, String> details) {
        return new Notification(id, type, Recipient.role("scan-service"), Instant.parse("2026-03-04T10:15:30.123Z"),
                details);
    }

    @Test
    @DisplayName("a delivered notification arrives with every field intact")
    void delivers() throws Exception {
        Notification n = notification("n-1", NotificationType.QA_FAILED,
                Map.of("barcode", "F000000017X", "reasons", "PAGE_MISSING:3,\"quoted\" ümlaut ✓", "pages", "12"));
        notifier.deliver(n);
        assertThat(received()).containsExactly(n);
    }

    @Test
    @DisplayName("every type and both kinds of recipient can be delivered")
    void everyType() throws Exception {
        List<Notification> sent = new ArrayList<>();
        int i = 0;
        for (NotificationType t : NotificationType.values()) {
            Notification n = new Notification("t-" + i, t, i % 2 == 0 ? Recipient.role("office-team-3")
                    : Recipient.address("akten@example.org"), Instant.parse("2026-03-04T10:00:00Z").plusSeconds(i),
                    Map.of("n", Integer.toString(i)));
            notifier.deliver(n);
            sent.add(n);
            i++;
        }
        assertThat(received()).containsExactlyElementsOf(sent);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent deliveries all arrive, and a repeated delivery is never lost")
    void concurrentAndRepeated() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Notification> sent = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sent.add(notification("c-" + i, NotificationType.OVERDUE, Map.of("barcode", "F" + i)));
        }
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Notification n : sent) {
                futures.add(pool.submit(() -> notifier.deliver(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        notifier.deliver(sent.get(0));
        List<Notification> got = received();
        assertThat(got).containsAll(sent);
        assertThat(got).hasSizeBetween(sent.size(), sent.size() + 1);
    }
}
