package io.github.aktenlift.monitoring;

import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.metrics.Health;
import io.github.aktenlift.notification.NotificationOutbox;
import io.github.aktenlift.spi.storage.Storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes an instance's {@link Health}: asks the storage the journal log's length and lists the
 * notification queue (both read-only, on a thread of their own, so that a storage that does not
 * answer costs the caller at most the timeout), and reads the rest from memory. Thread-safe.
 */
public final class HealthProbe {

    private final Storage storage;
    private final CommandLoop loop;
    private final NotificationOutbox outbox;
    private final LiveStatistics stats;

    /**
     * @param storage the storage to probe
     * @param loop the command loop
     * @param outbox the notification outbox
     * @param stats the instance's statistics
     */
    public HealthProbe(Storage storage, CommandLoop loop, NotificationOutbox outbox, LiveStatistics stats) {
        this.storage = storage;
        this.loop = loop;
        this.outbox = outbox;
        this.stats = stats;
    }

    /**
     * @param timeout how long to wait for the storage
     * @return the health now
     */
    public Health check(Duration timeout) {
        List<String> reasons = new ArrayList<>();
        long undelivered;
        boolean reachable;
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Long> counted = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                storage.logs().length(StorageKeys.EVENTS);
                answered.complete(null);
                counted.complete(outbox.countUndelivered());
            } catch (RuntimeException | Error e) {
                answered.completeExceptionally(e);
                counted.completeExceptionally(e);
            }
        }, "aktenlift-health");
        t.setDaemon(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        t.start();
        try {
            answered.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            reachable = true;
            // the storage answered; the count may wait behind a delivery in progress, and then is as last known
            undelivered = counted.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reachable = answered.isDone() && !answered.isCompletedExceptionally();
            if (!reachable) {
                reasons.add("storage did not answer within " + timeout.toMillis() + " ms");
            }
            undelivered = known();
        } catch (ExecutionException e) {
            reachable = answered.isDone() && !answered.isCompletedExceptionally();
            Throwable cause = e.getCause();
            reasons.add("storage failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            undelivered = known();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = answered.isDone() && !answered.isCompletedExceptionally();
            reasons.add("interrupted while waiting for the storage");
            undelivered = known();
        }
        if (undelivered > 0) {
            reasons.add(undelivered + " notification(s) undelivered, waiting for redelivery");
        }
        // a storage that answered the probe but failed listing the queue is degraded, not down
        Health.Status status = !reachable ? Health.Status.DOWN
                : reasons.isEmpty() ? Health.Status.UP : Health.Status.DEGRADED;
        long[] queue = stats.importQueue();
        return new Health(status, reasons, loop.clock().instant(), reachable, loop.openedAt(), loop.verifiedAtOpen(),
                loop.journalSize(), queue[1], queue[0], Math.max(0, undelivered), stats.storageErrors());
    }

    /** @return the count last known, without asking the storage; 0 if it was never counted */
    private long known() {
        return Math.max(0, outbox.undeliveredKnownWithoutCounting());
    }
}
