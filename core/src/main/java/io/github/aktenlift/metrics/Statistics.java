package io.github.aktenlift.metrics;

import io.github.aktenlift.capture.CaptureProblem;
import org.apiguardian.api.API;

/**
 * The live figures of one {@link io.github.aktenlift.Aktenlift} instance, obtained from
 * {@link io.github.aktenlift.Aktenlift#statistics()}: cumulative counts since the instance was
 * built, and a few current levels. Every call reads the current value; counts only ever grow.
 * Reading costs no storage access unless a method says so, and never changes storage.
 * {@link AktenliftMetrics} publishes them as Micrometer meters; without Micrometer, read them
 * directly. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Statistics {

    /** What became of one case file of a delivery. */
    enum CaseFileOutcome {
        /** Captured: renditions and scan protocol stored, capture recorded. */
        CAPTURED,
        /** Rejected with problems; nothing stored for it. */
        REJECTED,
        /** Captured before from the same delivery; nothing done again. */
        ALREADY_CAPTURED
    }

    /** The outcome of one import attempt of a case file. */
    enum ImportOutcome {
        /** The procedure confirmed the import. */
        IMPORTED,
        /** Handed over; the procedure has not answered yet. */
        PENDING,
        /** The procedure rejected it. */
        REJECTED,
        /** Held for a matching decision by a clerk. */
        HELD,
        /** The attempt failed (procedure or storage unavailable); nothing recorded that blocks a retry. */
        FAILED
    }

    /** Where a verified case file waits on its way into the e-file. */
    enum ImportQueue {
        /** Verified, not yet handed over. */
        READY,
        /** Handed over, awaiting the procedure's answer. */
        AWAITING_ANSWER,
        /** Held for a matching decision by a clerk. */
        HELD
    }

    /** One of the three stores of the storage SPI. */
    enum Store {
        /** Content: renditions, protocols, undelivered notifications. */
        CONTENT,
        /** Versioned records. */
        RECORDS,
        /** Append-only logs: the journal, checkpoints, the subject register. */
        LOGS
    }

    /** The kind of a failed storage call. */
    enum StorageError {
        /** The store did not answer or refused for now ({@code UnavailableException}). */
        UNAVAILABLE,
        /** Stored bytes failed their hash or format check ({@code IntegrityException}). */
        INTEGRITY,
        /** Any other failure of the adapter. */
        OTHER
    }

    /** @return deliveries ingested (completed ingest calls) */
    long ingests();

    /** @return total time of those ingests, in nanoseconds */
    long ingestNanos();

    /** @return pages of the case files captured */
    long capturedPages();

    /** @return bytes of the page images of the case files captured */
    long capturedBytes();

    /**
     * @param outcome an outcome
     * @return case files of ingested deliveries with that outcome
     */
    long caseFiles(CaseFileOutcome outcome);

    /**
     * @param kind a kind of problem
     * @return rejected case files with at least one problem of that kind (a case file with problems
     *     of two kinds counts under both)
     */
    long rejectedCaseFiles(CaptureProblem.Kind kind);

    /**
     * @param outcome an outcome
     * @return import attempts with that outcome
     */
    long importAttempts(ImportOutcome outcome);

    /**
     * @param outcome an outcome
     * @return total time of those attempts, in nanoseconds
     */
    long importNanos(ImportOutcome outcome);

    /**
     * Counts the verified case files in one stage of their way into the e-file, from this
     * instance's projection of the journal (no storage access).
     *
     * @param queue a stage
     * @return how many case files are in it now
     */
    long imports(ImportQueue queue);

    /**
     * Notifications that could not be delivered and wait in storage for
     * {@link io.github.aktenlift.Notifications#redeliver()}, as this instance knows them: counted in
     * storage (a listing, no object read) the first time it is asked, then kept up to date with what
     * this instance queues and redelivers. Another instance's changes show after the next
     * {@code redeliver()} or {@link io.github.aktenlift.Aktenlift#health()}.
     *
     * @return how many
     */
    long undeliveredNotifications();

    /** @return events in the journal as this instance knows it (read or written) */
    long journalEvents();

    /** @return bytes of those events as stored (their encoded entries) */
    long journalBytes();

    /** @return batches this instance appended to the journal */
    long journalAppends();

    /** @return total time of those appends, in nanoseconds, each from the log append to the anchored head */
    long journalAppendNanos();

    /**
     * @param store a store
     * @param error a kind of failure
     * @return failed calls to that store, of that kind (conditional writes that lost a race, an
     *     absent key and an existing key are answers, not failures)
     */
    long storageErrors(Store store, StorageError error);

    /**
     * @return conditional writes (log appends with an expected sequence, record compare-and-set)
     *     that lost to another writer; Aktenlift catches up and tries again
     */
    long storageRetries();
}
