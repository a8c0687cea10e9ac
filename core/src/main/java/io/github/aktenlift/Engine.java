package io.github.aktenlift;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.aktenlift.Decider.Decision;
import io.github.aktenlift.Projection.BoxRec;
import io.github.aktenlift.Projection.FileRec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.BaselineImport;
import io.github.aktenlift.inventory.InvalidBaselineException;
import io.github.aktenlift.inventory.Inventory;
import io.github.aktenlift.inventory.Reconciliation;
import io.github.aktenlift.journal.Journal;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.retention.Destruction;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.BoxStatus;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.EntityType;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.SlaPolicy;
import io.github.aktenlift.tracking.Tracking;
import io.github.aktenlift.tracking.VerificationReport;
import io.github.aktenlift.tracking.WhereIs;
import io.github.aktenlift.tracking.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Runs commands against the journal and answers queries from the projection. One writer at a time
 * per instance; several instances (processes, machines) may share one storage: appends are
 * optimistic, and a loser catches up and decides again.
 */
final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Aktenlift.class);
    private static final int MAX_ATTEMPTS = 24;
    static final Key EVENTS = Key.of("journal/events");
    static final Key CHECKPOINTS = Key.of("journal/checkpoints");
    static final Key SUBJECTS = Key.of("subjects/entries");

    private final Storage storage;
    private final Clock clock;
    private final IdSource ids;
    private final Policies policies;
    private final CommandValidator validator;
    private final SubjectRegister subjects;
    private final Projection state;
    private final Journal journal;
    private final Decider decider;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TrackingView tracking = new TrackingView();
    private final InventoryService inventory = new InventoryService();
    private final CaptureService capture;
    private final NotificationOutbox outbox;
    private final DestructionService destruction = new DestructionService(this);
    private final PickupPlanner planner = this::proposePickup;
    private final ImportService imports;
    private final io.github.aktenlift.spi.notification.Notifier notifier;
    private List<BaselineEntry> baselineCache;
    private long baselineCacheSequence = -1;

    Engine(Storage storage, Clock clock, IdSource ids, Policies policies, byte[] journalKey, int checkpointInterval,
            io.github.aktenlift.spi.notification.Notifier notifier, int captureParallelism,
            io.github.aktenlift.spi.procedure.SpecialistProcedure procedure) {
        this.storage = storage;
        this.clock = clock;
        this.ids = ids;
        this.policies = policies;
        this.validator = new CommandValidator(clock);
        this.subjects = new SubjectRegister(storage.logs(), SUBJECTS);
        this.state = new Projection(subjects);
        this.journal = new Journal(storage.logs(), EVENTS, CHECKPOINTS, journalKey, checkpointInterval);
        this.decider = new Decider(state, policies);
        this.outbox = new NotificationOutbox(notifier, clock, () -> new NotificationOutbox.DueSource() {
            @Override
            public PickupProposal proposal() {
                return proposePickup();
            }

            @Override
            public List<Overdue> overdue() {
                return tracking.overdue();
            }

            @Override
            public List<String> dueForDestructionOnNoOpenList() {
                List<Barcode> due = tracking.dueForDestruction();
                return read(s -> due.stream().filter(b -> !s.destructions.onOpenList(b)).map(Barcode::value).toList());
            }
        });
        // capture's notifications take the outbox's path too: best effort, failures kept for redelivery
        this.capture = new CaptureService(this, storage, clock, policies.capture(), outbox, validator, captureParallelism);
        this.notifier = notifier;
        // imports notify before they record (a crash repeats the notice rather than losing it), so they
        // talk to the notifier directly and see its failures
        this.imports = procedure == null ? null : new ImportService(this, state, storage, clock, procedure, notifier);
    }

    void open() {
        long t0 = System.nanoTime();
        subjects.refresh();
        long n = journal.catchUp(state::apply);
        LOG.info("journal opened: {} events, {} case files, {} boxes in {} ms", n, state.files.size(),
                state.boxes.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    Policies policies() {
        return policies;
    }

    Tracking tracking() {
        return tracking;
    }

    Inventory inventory() {
        return inventory;
    }

    io.github.aktenlift.capture.Capture capture() {
        return capture;
    }

    io.github.aktenlift.efile.Imports imports() {
        if (imports == null) {
            throw new IllegalStateException("no specialist procedure configured: call procedure(...) on the builder");
        }
        return imports;
    }

    PickupPlanner pickupPlanner() {
        return planner;
    }

    Destruction destruction() {
        return destruction;
    }

    Notifications notifications() {
        return outbox;
    }

    Clock clock() {
        return clock;
    }

    IdSource ids() {
        return ids;
    }

    /** @return the projection; only for deciders running inside {@link #record}, under the write lock */
    Projection state() {
        return state;
    }

    /** Runs a query on the projection under the read lock. */
    <T> T read(Function<Projection, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a query against the projection under the read lock. */
    <T> T read(java.util.function.Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private PickupProposal proposePickup() {
        Instant now = clock.instant();
        return read(s -> PickupPlanning.plan(s, policies.pickup(), policies.sla(), now, clock.getZone()));
    }

    /**
     * The order in which to work on a delivery's case files: those with an open recall first, by
     * SLA deadline, then the rest as listed. Entries that name no known case file keep their place
     * among the rest; capture rejects them.
     *
     * @param barcodes the barcode text of each entry, {@code null} where there is none
     * @return the entries' indexes in working order
     */
    int[] workOrder(List<String> barcodes) {
        SlaPolicy sla = policies.sla();
        return read(s -> {
            List<Integer> recalled = new ArrayList<>();
            List<Integer> rest = new ArrayList<>();
            Map<Integer, WorkItem> items = new HashMap<>();
            for (int i = 0; i < barcodes.size(); i++) {
                FileRec f = null;
                try {
                    f = barcodes.get(i) == null ? null : s.files.get(new Barcode(barcodes.get(i)));
                } catch (InvalidValueException e) {
                    // a malformed barcode: capture reports it in its place
                }
                if (f != null && f.recall != null) {
                    items.put(i, WorkOrder.item(f, sla));
                    recalled.add(i);
                } else {
                    rest.add(i);
                }
            }
            recalled.sort((a, b) -> WorkOrder.ORDER.compare(items.get(a), items.get(b)));
            recalled.addAll(rest);
            return recalled.stream().mapToInt(Integer::intValue).toArray();
        });
    }

    /**
     * Validates a command and decides its events without recording them, for a service that
     * records them together with events of its own. Call only from a decision passed to
     * {@link #record}, under the write lock. Not for registrations, which store a subject.
     */
    Decision decide(Command command, Instant now) {
        validator.check(command.getClass().getSimpleName(), command);
        return decider.decide(command, now, () -> {
            throw new IllegalArgumentException(command.getClass().getSimpleName() + " cannot be decided apart");
        });
    }

    List<JournalEvent> execute(Actor actor, Command command) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
        if (command == null) {
            throw new InvalidValueException("command", "must not be null");
        }
        String name = command.getClass().getSimpleName();
        validator.check(name, command);
        String[] subjectKey = new String[1];
        return record(actor, name, now -> decider.decide(command, now, () -> {
            // one key per command, however often it is retried: a retry must not store the subject again
            if (subjectKey[0] == null) {
                subjectKey[0] = ids.newId();
            }
            return subjectKey[0];
        }));
    }

    /**
     * Decides and appends, retrying against newer journals while other writers win. A decision
     * without events (a repeated idempotent request) records nothing and returns no events.
     */
    List<JournalEvent> record(Actor actor, String what, Function<Instant, Decision> decide) {
        lock.writeLock().lock();
        try {
            ConflictException lost = null;
            String subjectStored = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Instant now = clock.instant();
                Decision d = decide.apply(now);
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
                for (JournalEvent e : p.events()) {
                    state.apply(e);
                }
                List<JournalEvent> events = p.events();
                outbox.afterCommit(events);
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
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << Math.min(attempt, 8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while retrying after a lost race", e);
        }
    }

    private long writeCheckpoint(Instant now) {
        try {
            return journal.checkpoint(now);
        } catch (ProviderException e) {
            // the events are recorded; a missing checkpoint only delays tamper evidence until the next one
            LOG.warn("checkpoint after {} events failed: {}", journal.size(), e.getMessage());
            return -1;
        }
    }

    void refresh() {
        lock.writeLock().lock();
        try {
            journal.catchUp(state::apply);
        } finally {
            lock.writeLock().unlock();
        }
    }

    Optional<Subject> subject(Barcode caseFile) {
        lock.readLock().lock();
        try {
            FileRec f = state.files.get(caseFile);
            return f == null ? Optional.empty() : Optional.ofNullable(subjects.get(f.subjectKey));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        validator.close();
    }

    private final class TrackingView implements Tracking {

        @Override
        public Optional<WhereIs> whereIs(Barcode barcode) {
            lock.readLock().lock();
            try {
                FileRec f = state.files.get(barcode);
                return f == null ? Optional.empty() : Optional.of(state.whereIs(f));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Optional<WhereIs> whereIs(FileReference reference) {
            lock.readLock().lock();
            try {
                FileRec f = state.byReference.get(reference);
                return f == null ? Optional.empty() : Optional.of(state.whereIs(f));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<WhereIs> whereIsSubject(String surname, String givenNames, LocalDate dateOfBirth) {
            return lookup(state.bySubject, Projection.subjectKey(surname, givenNames, dateOfBirth));
        }

        @Override
        public List<WhereIs> whereIsAzrNumber(String azrNumber) {
            return lookup(state.byAzr, azrNumber);
        }

        private List<WhereIs> lookup(Map<String, List<FileRec>> index, String key) {
            lock.readLock().lock();
            try {
                return index.getOrDefault(key, List.of()).stream().map(state::whereIs)
                        .sorted(Comparator.comparing(WhereIs::barcode)).toList();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Optional<BoxStatus> box(Barcode barcode) {
            lock.readLock().lock();
            try {
                BoxRec b = state.boxes.get(barcode);
                return b == null ? Optional.empty() : Optional.of(state.boxStatus(b));
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<Barcode> caseFiles() {
            lock.readLock().lock();
            try {
                return state.files.keySet().stream().sorted().toList();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<Barcode> boxes() {
            lock.readLock().lock();
            try {
                return state.boxes.keySet().stream().sorted().toList();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<JournalEvent> history(Barcode barcode) {
            long[] seqs;
            lock.readLock().lock();
            try {
                FileRec f = state.files.get(barcode);
                BoxRec b = state.boxes.get(barcode);
                if (f == null && b == null) {
                    throw new UnknownIdentifierException("case file or box", barcode.value());
                }
                seqs = f != null ? f.sequences.toArray() : b.sequences.toArray();
            } finally {
                lock.readLock().unlock();
            }
            List<JournalEvent> out = new ArrayList<>(seqs.length);
            for (long s : seqs) {
                out.add(journal.read(s));
            }
            return out;
        }

        @Override
        public Map<CaseFileState, Long> countsPerState() {
            lock.readLock().lock();
            try {
                Map<CaseFileState, Long> m = new EnumMap<>(CaseFileState.class);
                for (CaseFileState s : CaseFileState.values()) {
                    m.put(s, state.counts[s.ordinal()]);
                }
                return m;
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<Overdue> overdue() {
            Instant now = clock.instant();
            SlaPolicy sla = policies.sla();
            List<Overdue> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (FileRec f : state.files.values()) {
                    Optional<Duration> limit = sla.limitFor(f.state);
                    if (limit.isPresent() && f.since.plus(limit.get()).isBefore(now)) {
                        out.add(new Overdue(EntityType.CASE_FILE, f.barcode, Overdue.Reason.STATE, f.state.name(),
                                f.since, f.since.plus(limit.get())));
                    }
                    Duration recall = f.recall == null ? null : sla.recall().get(f.recall);
                    if (recall != null && f.recallSince.plus(recall).isBefore(now)) {
                        out.add(new Overdue(EntityType.CASE_FILE, f.barcode, Overdue.Reason.RECALL, f.recall.name(),
                                f.recallSince, f.recallSince.plus(recall)));
                    }
                }
                for (BoxRec b : state.boxes.values()) {
                    if (b.state == BoxState.IN_TRANSIT && b.since.plus(sla.boxInTransit()).isBefore(now)) {
                        out.add(new Overdue(EntityType.BOX, b.barcode, Overdue.Reason.STATE, b.state.name(),
                                b.since, b.since.plus(sla.boxInTransit())));
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(Comparator.comparing(Overdue::dueAt).thenComparing(Overdue::barcode));
            return out;
        }

        @Override
        public List<Barcode> dueForDestruction() {
            Instant now = clock.instant();
            lock.readLock().lock();
            try {
                return state.files.values().stream()
                        .filter(f -> f.state == CaseFileState.RETAINED)
                        .filter(f -> Projection.destructionBlockers(f, policies.retention(), now).isEmpty())
                        .map(f -> f.barcode).sorted().toList();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public List<WorkItem> workList(CaseFileState caseFileState) {
            if (caseFileState == null) {
                throw new InvalidValueException("state", "must not be null");
            }
            SlaPolicy sla = policies.sla();
            List<WorkItem> out = read(s -> s.files.values().stream().filter(f -> f.state == caseFileState)
                    .map(f -> WorkOrder.item(f, sla)).toList());
            return out.stream().sorted(WorkOrder.ORDER).toList();
        }

        @Override
        public List<Discrepancy> discrepancies() {
            Instant now = clock.instant();
            List<Discrepancy> out = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (BoxRec b : state.boxes.values()) {
                    if (b.state == BoxState.IN_TRANSIT) {
                        boolean late = b.since.plus(policies.sla().boxInTransit()).isBefore(now);
                        boolean othersArrived = b.pickup != null && state.pickups.get(b.pickup).boxes.stream()
                                .anyMatch(x -> state.boxes.get(x).state == BoxState.RECEIVED);
                        if (late || othersArrived) {
                            out.add(new Discrepancy(Discrepancy.Kind.BOX_NOT_RECEIVED, b.barcode, b.pickup, b.since));
                        }
                    } else if (b.state == BoxState.RECEIVED && b.sealMismatch) {
                        out.add(new Discrepancy(Discrepancy.Kind.SEAL_MISMATCH, b.barcode,
                                b.pickup == null ? "" : b.pickup, b.since));
                    }
                }
                for (FileRec f : state.files.values()) {
                    if (f.state == CaseFileState.MISSING) {
                        out.add(new Discrepancy(Discrepancy.Kind.FILE_MISSING_AT_RECEIPT, f.barcode,
                                f.box == null ? "" : f.box.value(), f.since));
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            out.sort(Comparator.comparing(Discrepancy::kind).thenComparing(Discrepancy::barcode));
            return out;
        }

        @Override
        public VerificationReport verify() {
            return journal.verify();
        }

        @Override
        public long checkpoint() {
            lock.writeLock().lock();
            try {
                return journal.checkpoint(clock.instant());
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private final class InventoryService implements Inventory {

        private static final int MAX_ISSUE = 100_000;
        private static final List<String> COLUMNS = List.of("file_reference", "barcode", "surname", "given_names",
                "date_of_birth", "nationality", "azr_number", "protection_level");
        // strict, as ISO parsing is: the default SMART style would read 31.02. as the 28th or 29th
        private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu")
                .withResolverStyle(ResolverStyle.STRICT);

        @Override
        public BaselineImport importBaseline(Actor actor, InputStream csv) {
            byte[] bytes;
            try {
                bytes = csv.readAllBytes();
            } catch (IOException e) {
                throw new UnavailableException("reading the baseline CSV failed", e);
            }
            List<BaselineEntry> entries = parse(bytes);
            Key key = Key.of("inventory/baseline/" + ids.newId() + ".csv");
            var info = storage.content().put(key, new ByteArrayInputStream(bytes));
            List<JournalEvent> events = record(actor, "ImportBaseline", now -> Decision.of(
                    PendingEvent.of(Projection.INVENTORY, EventKind.BASELINE_IMPORTED, "key", key.value(),
                            "sha256", info.sha256(), "entries", Integer.toString(entries.size()))));
            synchronized (this) {
                baselineCache = entries;
                baselineCacheSequence = events.get(0).sequence();
            }
            return new BaselineImport(key, info.sha256(), entries.size(), events.get(0).sequence());
        }

        @Override
        public synchronized List<BaselineEntry> baseline() {
            JournalEvent current;
            lock.readLock().lock();
            try {
                current = state.baseline;
            } finally {
                lock.readLock().unlock();
            }
            if (current == null) {
                return List.of();
            }
            if (current.sequence() != baselineCacheSequence) {
                try (InputStream in = storage.content().get(Key.of(current.get("key")))) {
                    baselineCache = parse(in.readAllBytes());
                    baselineCacheSequence = current.sequence();
                } catch (IOException e) {
                    throw new UnavailableException("reading the stored baseline failed", e);
                }
            }
            return baselineCache;
        }

        @Override
        public Reconciliation reconcile() {
            List<BaselineEntry> expected = baseline();
            long registered = 0;
            long received = 0;
            long captured = 0;
            long imported = 0;
            List<FileReference> notRegistered = new ArrayList<>();
            List<FileReference> mismatch = new ArrayList<>();
            List<Barcode> unexpected = new ArrayList<>();
            Set<FileReference> expectedRefs = new HashSet<>();
            lock.readLock().lock();
            try {
                for (BaselineEntry e : expected) {
                    expectedRefs.add(e.reference());
                    FileRec f = state.byReference.get(e.reference());
                    if (f == null) {
                        notRegistered.add(e.reference());
                        continue;
                    }
                    registered++;
                    received += f.everReceived ? 1 : 0;
                    captured += f.everCaptured ? 1 : 0;
                    imported += f.everImported ? 1 : 0;
                    if (e.barcode().isPresent() && !e.barcode().get().equals(f.barcode)) {
                        mismatch.add(e.reference());
                    }
                }
                if (!expected.isEmpty()) {
                    for (FileRec f : state.files.values()) {
                        if (f.origin == null && !expectedRefs.contains(f.reference)) {
                            unexpected.add(f.barcode);
                        }
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            unexpected.sort(null);
            return new Reconciliation(expected.size(), registered, received, captured, imported, notRegistered,
                    unexpected, mismatch);
        }

        @Override
        public List<Barcode> issueCaseFileBarcodes(Actor actor, int count) {
            return issue(actor, count, "caseFile", policies.caseFileBarcodes());
        }

        @Override
        public List<Barcode> issueBoxBarcodes(Actor actor, int count) {
            return issue(actor, count, "box", policies.boxBarcodes());
        }

        private List<Barcode> issue(Actor actor, int count, String kind, BarcodeScheme scheme) {
            if (count < 1 || count > MAX_ISSUE) {
                throw new InvalidValueException("count", "must be 1 to " + MAX_ISSUE);
            }
            long[] from = new long[1];
            record(actor, "IssueBarcodes", now -> {
                long issued = "box".equals(kind) ? state.boxSerials : state.caseFileSerials;
                from[0] = Math.max(Math.max(1, issued), nextFreeSerial(scheme));
                return Decision.of(PendingEvent.of(Projection.INVENTORY, EventKind.BARCODES_ISSUED, "kind", kind,
                        "from", Long.toString(from[0]), "count", Integer.toString(count)));
            });
            List<Barcode> out = new ArrayList<>(count);
            for (long s = from[0]; s < from[0] + count; s++) {
                out.add(scheme.generate(s));
            }
            return out;
        }

        /**
         * Labels already in use may come from the same scheme without having been issued here
         * (pre-printed, or taken from a baseline): never issue a serial at or below the highest one
         * registered.
         */
        private long nextFreeSerial(BarcodeScheme scheme) {
            long next = 0;
            for (Barcode b : state.files.keySet()) {
                next = Math.max(next, serialOf(scheme, b) + 1);
            }
            for (Barcode b : state.boxes.keySet()) {
                next = Math.max(next, serialOf(scheme, b) + 1);
            }
            return next;
        }

        private static long serialOf(BarcodeScheme scheme, Barcode b) {
            String v = b.value();
            if (scheme.prefix().isEmpty() || !scheme.accepts(b)) {
                return -1;
            }
            return Long.parseLong(v.substring(scheme.prefix().length(), v.length() - 1));
        }

        private List<BaselineEntry> parse(byte[] bytes) {
            CsvMapper mapper = new CsvMapper();
            List<BaselineEntry> out = new ArrayList<>();
            Map<FileReference, Integer> refs = new HashMap<>();
            Map<Barcode, Integer> barcodes = new HashMap<>();
            try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(bytes)) {
                int line = 1;
                while (it.hasNextValue()) {
                    Map<String, String> row = it.nextValue();
                    line++;
                    if (line == 2) {
                        for (String c : COLUMNS) {
                            if (!row.containsKey(c)) {
                                throw new InvalidBaselineException(1, c, "column missing from the header");
                            }
                        }
                    }
                    BaselineEntry e = entry(line, row);
                    Integer dup = refs.put(e.reference(), line);
                    if (dup != null) {
                        throw new InvalidBaselineException(line, "file_reference", "same file reference as line " + dup);
                    }
                    if (e.barcode().isPresent() && (dup = barcodes.put(e.barcode().get(), line)) != null) {
                        throw new InvalidBaselineException(line, "barcode", "same barcode as line " + dup);
                    }
                    out.add(e);
                }
                if (line == 1) {
                    checkHeaderOnly(bytes);
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidBaselineException ib) {
                    throw ib;
                }
                throw new InvalidBaselineException(0, "", "not a readable CSV with a header line");
            }
            return out;
        }

        /** A file without rows still needs the right header, or it is no baseline at all. */
        private void checkHeaderOnly(byte[] bytes) {
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new InvalidBaselineException(0, "", "the file is empty");
            }
            List<String> header = java.util.Arrays.stream(text.split("\\R", 2)[0].split(","))
                    .map(c -> c.strip().replace("\"", "")).toList();
            for (String c : COLUMNS) {
                if (!header.contains(c)) {
                    throw new InvalidBaselineException(1, c, "column missing from the header");
                }
            }
        }

        private BaselineEntry entry(int line, Map<String, String> row) {
            FileReference ref;
            try {
                ref = new FileReference(row.get("file_reference"));
            } catch (InvalidValueException e) {
                throw new InvalidBaselineException(line, "file_reference", e.getMessage());
            }
            Optional<Barcode> barcode = Optional.empty();
            String bc = row.get("barcode").strip();
            if (!bc.isEmpty()) {
                try {
                    barcode = Optional.of(new Barcode(bc));
                } catch (InvalidValueException e) {
                    throw new InvalidBaselineException(line, "barcode", e.getMessage());
                }
                if (!policies.caseFileBarcodes().accepts(barcode.get())) {
                    throw new InvalidBaselineException(line, "barcode", "does not fit the case-file barcode scheme");
                }
            }
            LocalDate dob;
            String d = row.get("date_of_birth").strip();
            try {
                dob = d.contains(".") ? LocalDate.parse(d, GERMAN_DATE) : LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw new InvalidBaselineException(line, "date_of_birth", "not a date (yyyy-MM-dd or dd.MM.yyyy)");
            }
            Subject subject = new Subject(row.get("surname").strip(), row.get("given_names").strip(), dob,
                    blankToNull(row.get("nationality")), blankToNull(row.get("azr_number")));
            try {
                validator.check("BaselineEntry", subject);
            } catch (InvalidCommandException e) {
                InvalidCommandException.FieldViolation v = e.violations().get(0);
                throw new InvalidBaselineException(line, column(v.path()), v.message());
            }
            String p = row.get("protection_level").strip();
            ProtectionLevel level;
            try {
                level = p.isEmpty() ? ProtectionLevel.NORMAL : ProtectionLevel.valueOf(p);
            } catch (IllegalArgumentException e) {
                throw new InvalidBaselineException(line, "protection_level", "must be NORMAL, HIGH or VERY_HIGH");
            }
            return new BaselineEntry(line, ref, barcode, subject, level);
        }

        private static String column(String path) {
            return switch (path) {
                case "givenNames" -> "given_names";
                case "dateOfBirth" -> "date_of_birth";
                case "azrNumber" -> "azr_number";
                default -> path;
            };
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
