package io.github.aktenlift.telemetry;

import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.metrics.Statistics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cumulative counts of one instance since it was built: what ingest, import, journal and
 * storage add to on their hot paths. Each is a {@link LongAdder}, so adding costs a few
 * nanoseconds and no lock, and no metrics library is touched; {@link Statistics} reads them, and
 * a metrics binding reads that when it is scraped. Thread-safe.
 */
public final class Counters {

    final LongAdder ingests = new LongAdder();
    final LongAdder ingestNanos = new LongAdder();
    final LongAdder capturedPages = new LongAdder();
    final LongAdder capturedBytes = new LongAdder();
    final Map<Statistics.CaseFileOutcome, LongAdder> caseFiles = adders(Statistics.CaseFileOutcome.class);
    final Map<CaptureProblem.Kind, LongAdder> rejectedByKind = adders(CaptureProblem.Kind.class);
    final Map<Statistics.ImportOutcome, LongAdder> imports = adders(Statistics.ImportOutcome.class);
    final Map<Statistics.ImportOutcome, LongAdder> importNanos = adders(Statistics.ImportOutcome.class);
    final LongAdder journalAppends = new LongAdder();
    final LongAdder journalAppendNanos = new LongAdder();
    final Map<Statistics.Store, Map<Statistics.StorageError, LongAdder>> storageErrors = new EnumMap<>(
            Statistics.Store.class);
    final LongAdder storageRetries = new LongAdder();

    /** All counts zero. */
    public Counters() {
        for (Statistics.Store s : Statistics.Store.values()) {
            storageErrors.put(s, adders(Statistics.StorageError.class));
        }
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> out = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, new LongAdder());
        }
        return out;
    }

    /**
     * One delivery ingested.
     *
     * @param nanos how long it took
     * @param pages pages of the case files captured
     * @param bytes bytes of those pages
     */
    public void ingested(long nanos, long pages, long bytes) {
        ingests.increment();
        ingestNanos.add(nanos);
        capturedPages.add(pages);
        capturedBytes.add(bytes);
    }

    /**
     * One case file of a delivery settled.
     *
     * @param outcome what became of it
     * @param problems for a rejected one, the distinct kinds of its problems; empty otherwise
     */
    public void caseFile(Statistics.CaseFileOutcome outcome, Set<CaptureProblem.Kind> problems) {
        caseFiles.get(outcome).increment();
        for (CaptureProblem.Kind k : problems) {
            rejectedByKind.get(k).increment();
        }
    }

    /**
     * One import attempt of a case file finished.
     *
     * @param outcome its outcome
     * @param nanos how long it took
     */
    public void imported(Statistics.ImportOutcome outcome, long nanos) {
        imports.get(outcome).increment();
        importNanos.get(outcome).add(nanos);
    }

    /**
     * One batch appended to the journal and anchored.
     *
     * @param nanos how long the append and the anchor took
     */
    public void appended(long nanos) {
        journalAppends.increment();
        journalAppendNanos.add(nanos);
    }

    /**
     * A storage call failed.
     *
     * @param store which store
     * @param error what kind of failure
     */
    public void storageError(Statistics.Store store, Statistics.StorageError error) {
        storageErrors.get(store).get(error).increment();
    }

    /** A conditional write lost to another writer; the caller catches up and tries again. */
    public void storageRetry() {
        storageRetries.increment();
    }

    /** @return pages captured so far */
    public long capturedPages() {
        return capturedPages.sum();
    }

    /** @return bytes of the pages captured so far */
    public long capturedBytes() {
        return capturedBytes.sum();
    }

    /** @return deliveries ingested so far */
    public long ingests() {
        return ingests.sum();
    }

    /** @return total time of those ingests, in nanoseconds */
    public long ingestNanos() {
        return ingestNanos.sum();
    }

    /**
     * @param outcome an outcome
     * @return case files of deliveries with that outcome so far
     */
    public long caseFiles(Statistics.CaseFileOutcome outcome) {
        return caseFiles.get(outcome).sum();
    }

    /**
     * @param kind a kind of problem
     * @return rejected case files with at least one problem of that kind so far
     */
    public long rejected(CaptureProblem.Kind kind) {
        return rejectedByKind.get(kind).sum();
    }

    /**
     * @param outcome an outcome
     * @return import attempts with that outcome so far
     */
    public long imports(Statistics.ImportOutcome outcome) {
        return imports.get(outcome).sum();
    }

    /**
     * @param outcome an outcome
     * @return total time of those import attempts, in nanoseconds
     */
    public long importNanos(Statistics.ImportOutcome outcome) {
        return importNanos.get(outcome).sum();
    }

    /** @return journal appends so far */
    public long journalAppends() {
        return journalAppends.sum();
    }

    /** @return total time of those appends, in nanoseconds */
    public long journalAppendNanos() {
        return journalAppendNanos.sum();
    }

    /**
     * @param store a store
     * @param error a kind of failure
     * @return failed calls of that store with that kind so far
     */
    public long storageErrors(Statistics.Store store, Statistics.StorageError error) {
        return storageErrors.get(store).get(error).sum();
    }

    /** @return conditional writes that lost a race so far */
    public long storageRetries() {
        return storageRetries.sum();
    }
}
