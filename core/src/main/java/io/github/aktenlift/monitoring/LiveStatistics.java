package io.github.aktenlift.monitoring;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.metrics.Statistics;
import io.github.aktenlift.notification.NotificationOutbox;
import io.github.aktenlift.telemetry.Counters;

/**
 * The statistics of one instance: the counts come from its {@link Counters}, the levels from its
 * projection (under the read lock) and from its outbox. Thread-safe.
 */
public final class LiveStatistics implements Statistics {

    private final CommandLoop loop;
    private final Counters counters;
    private final NotificationOutbox outbox;

    /**
     * @param loop the command loop: counters, journal and projection
     * @param outbox the notification outbox
     */
    public LiveStatistics(CommandLoop loop, NotificationOutbox outbox) {
        this.loop = loop;
        this.counters = loop.counters();
        this.outbox = outbox;
    }

    @Override
    public long ingests() {
        return counters.ingests();
    }

    @Override
    public long ingestNanos() {
        return counters.ingestNanos();
    }

    @Override
    public long capturedPages() {
        return counters.capturedPages();
    }

    @Override
    public long capturedBytes() {
        return counters.capturedBytes();
    }

    @Override
    public long caseFiles(CaseFileOutcome outcome) {
        return counters.caseFiles(outcome);
    }

    @Override
    public long rejectedCaseFiles(CaptureProblem.Kind kind) {
        return counters.rejected(kind);
    }

    @Override
    public long importAttempts(ImportOutcome outcome) {
        return counters.imports(outcome);
    }

    @Override
    public long importNanos(ImportOutcome outcome) {
        return counters.importNanos(outcome);
    }

    @Override
    public long imports(ImportQueue queue) {
        return importQueue()[queue.ordinal()];
    }

    /** @return verified case files {@code [ready, awaiting an answer, held]}, in {@link ImportQueue} order */
    long[] importQueue() {
        return loop.read(s -> s.imports().queue(s.caseFiles()));
    }

    @Override
    public long undeliveredNotifications() {
        return outbox.undeliveredKnown();
    }

    @Override
    public long journalEvents() {
        return loop.journalSize();
    }

    @Override
    public long journalBytes() {
        return loop.journalBytes();
    }

    @Override
    public long journalAppends() {
        return counters.journalAppends();
    }

    @Override
    public long journalAppendNanos() {
        return counters.journalAppendNanos();
    }

    @Override
    public long storageErrors(Store store, StorageError error) {
        return counters.storageErrors(store, error);
    }

    @Override
    public long storageRetries() {
        return counters.storageRetries();
    }

    /** @return failed storage calls of every store and kind */
    long storageErrors() {
        long n = 0;
        for (Store s : Store.values()) {
            for (StorageError e : StorageError.values()) {
                n += counters.storageErrors(s, e);
            }
        }
        return n;
    }
}
