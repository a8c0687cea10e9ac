package io.github.aktenlift.lifecycle;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.Command;
import io.github.aktenlift.ConcurrentUpdateException;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.journal.Journal;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.telemetry.Counters;
import io.github.aktenlift.telemetry.Mdc;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.VerificationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command loop: validates a command, decides its events against the {@link Projection},
 * appends them to the journal, applies them to the projection, and tells the listeners what was
 * committed. Knows no stage: capture, import, destruction and the rest are built on top of it (by
 * {@link Aktenlift.Builder}) and call in, never the other way round.
 *
 * <p>One writer at a time per instance; several instances (processes, machines) may share one
 * storage: appends are optimistic, and a loser catches up and decides again. Every read of the
 * projection goes through {@link #read}, under the read lock. Thread-safe.
 */
public final class CommandLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Aktenlift.class);
    private static final int MAX_ATTEMPTS = 24;

    private final Clock clock;
    private final IdSource ids;
    private final Policies policies;
    private final CommandValidator validator;
    private final SubjectRegister subjects;
    private final Projection state;
    private final Journal journal;
    private final LogStore logs;
    private final Decider decider;
    private final Counters counters;
    /** When this instance opened and verified the stored journal, and how many events that checked. */
    private Instant openedAt;
    private long verifiedAtOpen;
    /** Whether the repairs of every log were looked at since this instance opened. */
    private boolean repairsSeen;
    private boolean recordingRepairs;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Consumer<List<JournalEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.LongConsumer> beforeAppend = new CopyOnWriteArrayList<>();
    private final List<Runnable> checkpointListeners = new CopyOnWriteArrayList<>();

    private CommandLoop(Storage storage, Clock clock, IdSource ids, Policies policies, byte[] journalKey,
            int checkpointInterval, Counters counters) {
        this.counters = counters;
        this.clock = clock;
        this.ids = ids;
        this.policies = policies;
        this.validator = new CommandValidator(clock);
        this.subjects = new SubjectRegister(storage.logs(), StorageKeys.SUBJECTS);
        this.state = new Projection(subjects);
        this.logs = storage.logs();
        this.journal = new Journal(storage.logs(), storage.records(), StorageKeys.EVENTS, StorageKeys.CHECKPOINTS,
                StorageKeys.HEAD, journalKey, checkpointInterval);
        this.decider = new Decider(state, policies);
    }

    /**
     * Opens the journal on the storage: reads and checks every stored event.
     *
     * @param journalKey the HMAC key, or {@code null} for plain SHA-256
     * @return the loop, caught up with the journal
     * @throws io.github.aktenlift.JournalIntegrityException if the stored journal fails verification
     */
    public static CommandLoop open(Storage storage, Clock clock, IdSource ids, Policies policies, byte[] journalKey,
            int checkpointInterval) {
        return open(storage, clock, ids, policies, journalKey, checkpointInterval, new Counters());
    }

    /**
     * Opens the journal on the storage: reads and checks every stored event.
     *
     * @param journalKey the HMAC key, or {@code null} for plain SHA-256
     * @param counters where journal appends are counted
     * @return the loop, caught up with the journal
     * @throws io.github.aktenlift.JournalIntegrityException if the stored journal fails verification
     */
    public static CommandLoop open(Storage storage, Clock clock, IdSource ids, Policies policies, byte[] journalKey,
            int checkpointInterval, Counters counters) {
        CommandLoop loop = new CommandLoop(storage, clock, ids, policies, journalKey, checkpointInterval, counters);
        long t0 = System.nanoTime();
        loop.subjects.refresh();
        long n = loop.journal.catchUp(loop.state::apply);
        loop.openedAt = clock.instant();
        loop.verifiedAtOpen = n;
        LOG.info("journal opened: {} events, {} case files, {} boxes in {} ms", n, loop.state.files.size(),
                loop.state.boxes.size(), (System.nanoTime() - t0) / 1_000_000);
        return loop;
    }

    /**
     * Adds a listener that is told, after each commit and outside nothing but the write lock, the
     * events just committed. A listener must not throw and must not call back into this loop's
     * writing methods; it sees each commit once, in commit order.
     */
    public void onCommit(Consumer<List<JournalEvent>> listener) {
        listeners.add(listener);
    }

    /**
     * @param listener called after this instance wrote a checkpoint (automatically or on request),
     *     still under the write lock; its failures are logged, never thrown
     */
    public void onCheckpoint(Runnable listener) {
        checkpointListeners.add(listener);
    }

    /** @return how many checkpoints this instance knows of */
    public int checkpointCount() {
        return journal.checkpointCount();
    }

    private void checkpointed() {
        for (Runnable l : checkpointListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("a checkpoint listener failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Adds a listener told, under the write lock and before each append, the journal's length as
     * it stands: for a stage that must make something durable before the journal can name events
     * beyond it. A listener that throws fails the command; nothing is appended then.
     */
    public void beforeAppend(java.util.function.LongConsumer listener) {
        beforeAppend.add(listener);
    }

    /** @return the rules this instance applies */
    public Policies policies() {
        return policies;
    }

    /** @return the injected time source */
    public Clock clock() {
        return clock;
    }

    /** @return the injected id source */
    public IdSource ids() {
        return ids;
    }

    /** @return the validator of commands and values, judging time by {@link #clock()} */
    public CommandValidator validator() {
        return validator;
    }

    /** Runs a query on the projection under the read lock; the query must not keep references to records. */
    public <T> T read(Function<Projection, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Validates a command and decides its events without recording them, for a stage that records
     * them together with events of its own. Call only from a decision passed to {@link #record},
     * which runs under the write lock. Not for registrations, which store a subject.
     */
    public Decision decide(Command command, Instant now) {
        validator.check(command.getClass().getSimpleName(), command);
        return decider.decide(command, now, () -> {
            throw new IllegalArgumentException(command.getClass().getSimpleName() + " cannot be decided apart");
        });
    }

    /**
     * Validates the command, checks it against the current state, and records its events.
     *
     * @return the events recorded, in order
     */
    public List<JournalEvent> execute(Actor actor, Command command) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
        if (command == null) {
            throw new InvalidValueException("command", "must not be null");
        }
        String name = command.getClass().getSimpleName();
        validator.check(name, command);
        String[] subjectKey = new String[1];
        return record(actor, name, (now, projection) -> decider.decide(command, now, () -> {
            // one key per command, however often it is retried: a retry must not store the subject again
            if (subjectKey[0] == null) {
                subjectKey[0] = ids.newId();
            }
            return subjectKey[0];
        }));
    }

    /**
     * Decides and appends under the write lock, retrying against newer journals while other writers
     * win. The decision reads the projection passed to it. A decision without events (a repeated
     * idempotent request) records nothing and returns no events.
     *
     * @param what names the operation in log lines
     * @param decide the decision, given the time of the attempt and the projection as it is then
     * @return the events recorded, in order
     */
    public List<JournalEvent> record(Actor actor, String what, Decision.Maker decide) {
        lock.writeLock().lock();
        Mdc mdc = Mdc.command(what);
        try {
            ConflictException lost = null;
            String subjectStored = null;
            String subjectHash = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Instant now = clock.instant();
                Decision d = decide.decide(now, state);
                if (d.events().isEmpty()) {
                    return List.of();
                }
                List<PendingEvent> pending = d.events();
                String stream = pending.get(0).stream();
                if (stream.startsWith(Streams.FILE)) {
                    mdc.barcode(stream.substring(Streams.FILE.length()));
                }
                if (d.subject() != null) {
                    if (!d.subjectKey().equals(subjectStored)) {
                        subjectHash = subjects.add(d.subjectKey(), d.subject());
                        subjectStored = d.subjectKey();
                        CorePoints.SUBJECT_STORED.reach();
                    }
                    pending = withSubjectHash(pending, d.subjectKey(), subjectHash);
                }
                Journal.Prepared p = journal.prepare(pending, now, actor.id(), actor.site());
                for (java.util.function.LongConsumer l : beforeAppend) {
                    l.accept(journal.size());
                }
                long appendStart = System.nanoTime();
                try {
                    journal.commit(p);
                    CorePoints.JOURNAL_APPENDED.reach();
                } catch (ConflictException e) {
                    lost = e;
                    long read = journal.catchUp(state::apply);
                    LOG.debug("{} lost a race (attempt {}), caught up {} events", what, attempt, read);
                    backOff(attempt);
                    continue;
                }
                List<JournalEvent> events = p.events();
                for (JournalEvent e : events) {
                    state.apply(e);
                }
                // acknowledged only once anchored: until then, a crash leaves events nobody was told of
                journal.anchor();
                counters.appended(System.nanoTime() - appendStart);
                CorePoints.JOURNAL_ANCHORED.reach();
                for (Consumer<List<JournalEvent>> l : listeners) {
                    l.accept(events);
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} recorded events {}..{}", what, events.get(0).sequence(),
                            events.get(events.size() - 1).sequence());
                }
                boolean checkpointed = journal.checkpointDue() && writeCheckpoint(now);
                recordRepairs(actor, subjectStored != null, checkpointed);
                return events;
            }
            throw new ConcurrentUpdateException(what, MAX_ATTEMPTS, lost);
        } finally {
            mdc.close();
            lock.writeLock().unlock();
        }
    }

    /** The registration records the hash of the subject entry it names, so that deep verification can check it. */
    private static List<PendingEvent> withSubjectHash(List<PendingEvent> events, String subjectKey, String sha256) {
        List<PendingEvent> out = new ArrayList<>(events.size());
        for (PendingEvent e : events) {
            if (subjectKey.equals(e.payload().get(Payload.SUBJECT))) {
                java.util.TreeMap<String, String> payload = new java.util.TreeMap<>(e.payload());
                payload.put(Payload.SUBJECT_SHA256, sha256);
                out.add(new PendingEvent(e.stream(), e.kind(), payload));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Reads every stored event in order, page by page, without checking (see {@link #verify()}):
     * for passes over the whole journal in bounded memory. Reads only.
     */
    public void forEachEvent(Consumer<JournalEvent> sink) {
        journal.forEach(sink);
    }

    /**
     * Reads the subject register's entries and hashes each. Reads only.
     *
     * @param unreadable receives the log sequence of each entry whose key cannot be read
     * @return the SHA-256 of each entry, by its key; no personal data
     */
    public java.util.Map<String, String> subjectEntryHashes(List<Long> unreadable) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        subjects.forEachEntry((sequence, key, sha) -> {
            if (key == null) {
                unreadable.add(sequence);
            } else {
                out.merge(key, sha, (a, b) -> a.equals(b) ? a : "two entries with this key differ");
            }
        });
        return out;
    }

    /** After repeated losses, waits a random 0 to 2^attempt ms (at most 256), so that writers spread out. */
    private static void backOff(int attempt) {
        if (attempt < 2) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(attempt, 8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while retrying after a lost race", e);
        }
    }

    private boolean writeCheckpoint(Instant now) {
        try {
            journal.checkpoint(now);
            checkpointed();
            return true;
        } catch (ProviderException e) {
            // the events are recorded; a missing checkpoint only delays tamper evidence until the next one
            LOG.warn("checkpoint after {} events failed: {}", journal.size(), e.getMessage());
            return false;
        }
    }

    /**
     * Records the repairs the storage made to the logs just appended to (and, once per instance, to
     * every log: a repair may have been made by a writer that crashed before recording it), so that
     * no cut goes unrecorded. Called under the write lock after a commit; the repairs are recorded
     * by the same actor, as one more append.
     */
    private void recordRepairs(Actor actor, boolean subjects, boolean checkpoints) {
        if (recordingRepairs) {
            return;
        }
        List<LogRepair> found = new ArrayList<>(logs.repairs(StorageKeys.EVENTS));
        if (subjects || !repairsSeen) {
            found.addAll(logs.repairs(StorageKeys.SUBJECTS));
        }
        if (checkpoints || !repairsSeen) {
            found.addAll(logs.repairs(StorageKeys.CHECKPOINTS));
        }
        repairsSeen = true;
        if (found.stream().allMatch(r -> state.repairRecorded(r.quarantine().value()))) {
            return;
        }
        recordingRepairs = true;
        try {
            record(actor, "RecordLogRepairs", (now, s) -> Decision.of(found.stream()
                    .filter(r -> !s.repairRecorded(r.quarantine().value()))
                    .map(r -> PendingEvent.of(Streams.STORAGE, EventKind.LOG_REPAIRED, Payload.LOG, r.log().value(),
                            Payload.OFFSET, Long.toString(r.offset()), Payload.LENGTH, Long.toString(r.length()),
                            Payload.SHA256, r.sha256(), Payload.QUARANTINE, r.quarantine().value()))
                    .toList()));
            LOG.warn("recorded {} repair(s) of interrupted appends; the cut bytes are kept in quarantine", found.size());
        } finally {
            recordingRepairs = false;
        }
    }

    /** @return every repair the storage made to the journal's logs, oldest first per log */
    private List<LogRepair> repairs() {
        List<LogRepair> all = new ArrayList<>(logs.repairs(StorageKeys.EVENTS));
        all.addAll(logs.repairs(StorageKeys.CHECKPOINTS));
        all.addAll(logs.repairs(StorageKeys.SUBJECTS));
        return all;
    }

    /** Reads events that other instances sharing the storage have appended since. */
    public void refresh() {
        underWriteLock(() -> journal.catchUp(state::apply));
    }

    private <T> T underWriteLock(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return the subject of the case file; personal data */
    public Optional<Subject> subject(Barcode caseFile) {
        return read(s -> Optional.ofNullable(s.caseFile(caseFile)).map(f -> subjects.get(f.subjectKey)));
    }

    /** @return how many journal events this instance has read or written: the next sequence */
    public long journalSize() {
        return read(s -> journal.size());
    }

    /** @return the stored size, in bytes, of the events {@link #journalSize()} counts */
    public long journalBytes() {
        return read(s -> journal.bytes());
    }

    /** @return when this instance opened and verified the stored journal */
    public Instant openedAt() {
        return openedAt;
    }

    /** @return how many stored events the verification at open checked */
    public long verifiedAtOpen() {
        return verifiedAtOpen;
    }

    /** @return this instance's counters */
    public Counters counters() {
        return counters;
    }

    /** @return the recorded events with these sequences, in the given order */
    public List<JournalEvent> events(long[] sequences) {
        List<JournalEvent> out = new ArrayList<>(sequences.length);
        for (long s : sequences) {
            out.add(journal.read(s));
        }
        return out;
    }

    /** @return the journal checked from its start: chains, hashes, checkpoints */
    public VerificationReport verify() {
        return journal.verify().withRepairs(repairs());
    }

    /** Writes a checkpoint over all stream heads now. @return its sequence */
    public long checkpoint() {
        return underWriteLock(() -> {
            long covered = journal.checkpoint(clock.instant());
            checkpointed();
            return covered;
        });
    }

    @Override
    public void close() {
        validator.close();
    }
}
