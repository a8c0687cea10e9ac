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
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Storage;
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
    private final Decider decider;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Consumer<List<JournalEvent>>> listeners = new CopyOnWriteArrayList<>();

    private CommandLoop(Storage storage, Clock clock, IdSource ids, Policies policies, byte[] journalKey,
            int checkpointInterval) {
        this.clock = clock;
        this.ids = ids;
        this.policies = policies;
        this.validator = new CommandValidator(clock);
        this.subjects = new SubjectRegister(storage.logs(), StorageKeys.SUBJECTS);
        this.state = new Projection(subjects);
        this.journal = new Journal(storage.logs(), StorageKeys.EVENTS, StorageKeys.CHECKPOINTS, journalKey,
                checkpointInterval);
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
        CommandLoop loop = new CommandLoop(storage, clock, ids, policies, journalKey, checkpointInterval);
        long t0 = System.nanoTime();
        loop.subjects.refresh();
        long n = loop.journal.catchUp(loop.state::apply);
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
        try {
            ConflictException lost = null;
            String subjectStored = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Instant now = clock.instant();
                Decision d = decide.decide(now, state);
                if (d.events().isEmpty()) {
                    return List.of();
                }
                if (d.subject() != null && !d.subjectKey().equals(subjectStored)) {
                    subjects.add(d.subjectKey(), d.subject());
                    subjectStored = d.subjectKey();
                }
                Journal.Prepared p = journal.prepare(d.events(), now, actor.id(), actor.site());
                try {
                    journal.commit(p);
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
                for (Consumer<List<JournalEvent>> l : listeners) {
                    l.accept(events);
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} recorded events {}..{}", what, events.get(0).sequence(),
                            events.get(events.size() - 1).sequence());
                }
                if (journal.checkpointDue()) {
                    writeCheckpoint(now);
                }
                return events;
            }
            throw new ConcurrentUpdateException(what, MAX_ATTEMPTS, lost);
        } finally {
            lock.writeLock().unlock();
        }
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

    private void writeCheckpoint(Instant now) {
        try {
            journal.checkpoint(now);
        } catch (ProviderException e) {
            // the events are recorded; a missing checkpoint only delays tamper evidence until the next one
            LOG.warn("checkpoint after {} events failed: {}", journal.size(), e.getMessage());
        }
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
        return journal.verify();
    }

    /** Writes a checkpoint over all stream heads now. @return its sequence */
    public long checkpoint() {
        return underWriteLock(() -> journal.checkpoint(clock.instant()));
    }

    @Override
    public void close() {
        validator.close();
    }
}
