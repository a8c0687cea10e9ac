package io.github.aktenlift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.spi.storage.VersionedRecord;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotency acceptance of issue 7: the whole flow — capture of a generated delivery,
 * verification, matching, import with a pending answer, a rejection and its retry, a held match
 * and its decision — interrupted at every step and replayed by a fresh instance until done, yields
 * exactly one import per document.
 *
 * <p>A step is one call that changes something outside Aktenlift's memory: a write to the storage
 * (content put or delete, log append, record write), any call to the specialist procedure, a
 * notification. Reads of the storage are not steps: a crash before a read leaves the same state
 * as a crash before the next write. For every step k of a clean run, the flow is run on a fresh
 * world and the process "dies" at step k — before the call, and, in a second pass, right after it
 * took effect, so that its answer is lost. Then a new instance on the same storage, procedure and
 * notifier replays the flow until every case file is imported. The outcome must equal the clean
 * run's: every document in exactly one accepted import, no e-file twice, one receipt per file, an
 * intact journal.
 */
@DisplayName("Idempotency: the flow interrupted at every step and replayed")
class ImportReplayTest {

    private static final LocalDate BORN = LocalDate.of(1983, 3, 8);

    @TempDir
    Path tmp;

    /** The process dies: no code above may catch this as an ordinary failure. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(long step) {
            super("simulated crash at step " + step, null, false, false);
        }
    }

    /** Counts steps; at step {@code crashAt} the process dies, and stays dead. */
    static final class Fuse {
        private final long crashAt;
        private final boolean afterTheStep;
        private long steps;
        private boolean dead;

        Fuse(long crashAt, boolean afterTheStep) {
            this.crashAt = crashAt;
            this.afterTheStep = afterTheStep;
        }

        synchronized <T> T step(Supplier<T> call) {
            if (dead) {
                throw new Crash(steps);
            }
            steps++;
            if (steps == crashAt && !afterTheStep) {
                dead = true;
                throw new Crash(steps);
            }
            T result = call.get();
            if (steps == crashAt) {
                dead = true;
                throw new Crash(steps);
            }
            return result;
        }

        void run(Runnable call) {
            step(() -> {
                call.run();
                return null;
            });
        }

        synchronized long steps() {
            return steps;
        }

        synchronized boolean dead() {
            return dead;
        }
    }

    /** One world: what outlives a process — storage, the procedure's far side, the notifier's channel — and a clock. */
    private final class World {
        final InMemoryStorage storage = new InMemoryStorage();
        final MutableClock clock = new MutableClock(Office.START);
        final InMemorySpecialistProcedure procedure = new InMemorySpecialistProcedure(clock);
        final InMemoryNotifier notifier = new InMemoryNotifier();
        final Actor clerk = Actor.of("clerk-1", "office");
        final Actor system = Actor.of("importer", "office");
        final List<Barcode> files = new ArrayList<>();
        Barcode rejectedOnce;
        String rejectedKey;
        int instances;

        World() {
            procedure.decideManually();
        }

        Aktenlift open(Storage s, SpecialistProcedure p, Notifier n) {
            return Aktenlift.builder().storage(s).clock(clock).ids(IdSource.sequential("w" + (++instances) + "-"))
                    .policies(ImportDesk.POLICIES).procedure(p).notifier(n).captureParallelism(1).build();
        }

        /**
         * Before the flow, without faults: two files of the bulk project (one with an e-file under its
         * reference, one without), three transfers (one found by AZR number, one by a transliterated
         * name, one with two namesakes — held for a decision), all prepared for scanning.
         */
        void setUp(SharedDelivery delivery) {
            procedure.createEFile(new EFileRequest("far-1", "AZ-REPLAY-1", new SubjectQuery("Albers", "Jana", BORN, null)));
            procedure.createEFile(new EFileRequest("far-2", "ALT-AZR", new SubjectQuery("Demir", "Emre", BORN, "700000000001")));
            procedure.createEFile(new EFileRequest("far-3", "ALT-NAME", new SubjectQuery("Größer", "Jürgen", BORN, null)));
            procedure.createEFile(new EFileRequest("far-4", "ALT-TWIN-1", new SubjectQuery("Şahin", "Elif", BORN, null)));
            procedure.createEFile(new EFileRequest("far-5", "ALT-TWIN-2", new SubjectQuery("Sahin", "Elif", BORN, null)));
            try (Aktenlift lift = open(storage, procedure, notifier)) {
                List<Barcode> barcodes = lift.inventory().issueCaseFileBarcodes(clerk, 5);
                files.addAll(barcodes);
                register(lift, barcodes.get(0), "AZ-REPLAY-1", ImportDesk.person("Albers", "Jana", BORN, null), false);
                register(lift, barcodes.get(1), "AZ-REPLAY-2", ImportDesk.person("Brenner", "Tom", BORN, null), false);
                register(lift, barcodes.get(2), "T-REPLAY-3", ImportDesk.person("Demir", "Emre", BORN, "700000000001"), true);
                register(lift, barcodes.get(3), "T-REPLAY-4", ImportDesk.person("GROESSER", "juergen", BORN, null), true);
                register(lift, barcodes.get(4), "T-REPLAY-5", ImportDesk.person("Sahin", "Elif", BORN, null), true);
                rejectedOnce = barcodes.get(1);
                delivery.prepare(lift, clerk, barcodes);
            }
        }

        private void register(Aktenlift lift, Barcode b, String reference, Subject s, boolean transfer) {
            if (transfer) {
                lift.execute(clerk, new RegisterTransfer(b, FileReference.of(reference), s, ProtectionLevel.NORMAL,
                        "Landkreis Beispiel", LocalDate.of(2026, 2, 1)));
            } else {
                lift.execute(clerk, new RegisterCaseFile(b, FileReference.of(reference), s, ProtectionLevel.NORMAL));
            }
        }

        /**
         * The flow, from wherever the stored state is: capture what is prepared, pass what waits for
         * review, import, poll, decide held matches, retry rejections; then the far side decides
         * what is pending (the first hand-over of one file is rejected, everything else accepted)
         * and an hour passes.
         *
         * @return whether every case file is imported
         */
        boolean drive(Aktenlift lift, Path deliveryFolder) {
            lift.refresh();
            if (files.stream().anyMatch(f -> state(lift, f) == CaseFileState.PREPARED)) {
                lift.capture().ingest(system, deliveryFolder);
            }
            for (Barcode f : files) {
                if (state(lift, f) == CaseFileState.CAPTURED) {
                    lift.execute(system, new PassQualityCheck(f, "qa-1"));
                }
            }
            lift.imports().importReady(system);
            lift.imports().poll(system);
            for (ImportResult.Held h : lift.imports().held()) {
                lift.execute(clerk, DecideMatch.appendTo(h.barcode(), "clerk-9", h.candidateEFileIds().get(0)));
            }
            for (Barcode f : files) {
                if (state(lift, f) == CaseFileState.IMPORT_REJECTED) {
                    lift.execute(clerk, new RetryImport(f));
                }
            }
            farSide();
            clock.advance(Duration.ofHours(1));
            return files.stream().allMatch(f -> state(lift, f) == CaseFileState.IMPORTED);
        }

        private void farSide() {
            for (Map.Entry<String, ImportOutcome> e : procedure.imports().entrySet()) {
                if (!(e.getValue() instanceof ImportOutcome.Pending)) {
                    continue;
                }
                String barcode = procedure.received(e.getKey()).get(0).pkg().metadata().get("barcode");
                if (barcode.equals(rejectedOnce.value()) && rejectedKey == null) {
                    rejectedKey = e.getKey();
                    procedure.reject(e.getKey(), "EFILE_LOCKED");
                } else {
                    procedure.accept(e.getKey());
                }
            }
        }

        private CaseFileState state(Aktenlift lift, Barcode f) {
            return lift.tracking().whereIs(f).orElseThrow().state();
        }
    }

    /** The delivery for the flow, written once: the same barcodes in every world. */
    private final class SharedDelivery {
        Path folder;

        void prepare(Aktenlift lift, Actor clerk, List<Barcode> files) {
            ImportDesk.prepareWith(lift, clerk, files);
            if (folder == null) {
                folder = ImportDesk.writeDelivery(tmp, "D-REPLAY", files);
            }
        }
    }

    /** What a finished world looks like, for comparison with the clean run. */
    private record Outcome(Map<String, String> eFileOf, Map<String, Set<String>> documentsOf, int eFiles,
            Set<String> notices) {
    }

    private Outcome finish(World w, Aktenlift lift) {
        // every accepted hand-over arrived once; every document is in exactly one accepted import
        Map<String, String> eFileOf = new TreeMap<>();
        Map<String, Set<String>> documentsOf = new TreeMap<>();
        Map<String, Integer> acceptedPerFile = new HashMap<>();
        for (Map.Entry<String, ImportOutcome> e : w.procedure.imports().entrySet()) {
            assertThat(w.procedure.received(e.getKey())).as("arrivals under %s", e.getKey()).hasSizeLessThanOrEqualTo(1);
            if (!(e.getValue() instanceof ImportOutcome.Accepted a)) {
                continue;
            }
            ImportPackage pkg = w.procedure.received(e.getKey()).get(0).pkg();
            String barcode = pkg.metadata().get("barcode");
            acceptedPerFile.merge(barcode, 1, Integer::sum);
            eFileOf.put(barcode, a.eFileId());
            // the package holds exactly the renditions of the file's capture, each once
            assertThat(pkg.documents()).extracting(PackageItem::sha256).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(renditionHashes(w, lift, Barcode.of(barcode)));
            for (PackageItem item : pkg.documents()) {
                // names come from document ids; hashes may differ from the clean run's where the
                // capture itself was replayed later, so the comparison across runs is by document
                assertThat(documentsOf.computeIfAbsent(barcode, k -> new TreeSet<>())
                        .add(pkg.metadata().get("file." + item.name() + ".document")))
                        .as("document %s of %s imported twice", item.name(), barcode).isTrue();
            }
        }
        for (Barcode f : w.files) {
            assertThat(acceptedPerFile.get(f.value())).as("accepted imports of %s", f).isEqualTo(1);
            List<JournalEvent> history = lift.tracking().history(f);
            assertThat(history).filteredOn(e -> e.kind() == EventKind.IMPORT_CONFIRMED).as("receipts of %s", f).hasSize(1);
            assertThat(history).filteredOn(e -> e.kind() == EventKind.CAPTURED).as("captures of %s", f).hasSize(1);
            JournalEvent confirmed = history.stream().filter(e -> e.kind() == EventKind.IMPORT_CONFIRMED).findFirst()
                    .orElseThrow();
            assertThat(confirmed.get("eFile")).isEqualTo(eFileOf.get(f.value()));
        }
        assertThat(lift.tracking().verify().isIntact()).isTrue();
        // told at least once; a repeat after a crash carries the same id, so the receiver can drop it
        Map<String, Set<String>> idsPerNotice = new TreeMap<>();
        for (Notification n : w.notifier.delivered()) {
            if (n.type() == NotificationType.IMPORT_REJECTED || n.type() == NotificationType.MATCH_NEEDS_DECISION) {
                idsPerNotice.computeIfAbsent(n.type() + ":" + n.details().get("barcode"), k -> new TreeSet<>()).add(n.id());
            }
        }
        idsPerNotice.forEach((notice, ids) -> assertThat(ids).as("ids of %s", notice).hasSize(1));
        Set<String> notices = idsPerNotice.keySet();
        return new Outcome(eFileOf, documentsOf, w.procedure.eFiles().size(), notices);
    }

    private static List<String> renditionHashes(World w, Aktenlift lift, Barcode f) {
        JournalEvent captured = lift.tracking().history(f).stream().filter(e -> e.kind() == EventKind.CAPTURED)
                .reduce((x, y) -> y).orElseThrow();
        Key protocol = Key.of("protocols/" + f.value() + "/" + captured.get("capture") + ".json");
        try (InputStream in = w.storage.content().get(protocol)) {
            List<String> hashes = new ArrayList<>();
            new ObjectMapper().readTree(in.readAllBytes()).get("renditions")
                    .forEach(r -> hashes.add(r.get("sha256").asText()));
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the flow with the process dying at {@code crashAt} (never, if 0), then replays until done. */
    private Outcome run(SharedDelivery delivery, long crashAt, boolean afterTheStep, long[] steps) {
        World w = new World();
        w.setUp(delivery);
        Fuse fuse = new Fuse(crashAt == 0 ? Long.MAX_VALUE : crashAt, afterTheStep);
        Aktenlift first = w.open(new FusedStorage(w.storage, fuse), new FusedProcedure(w.procedure, fuse),
                n -> fuse.run(() -> w.notifier.deliver(n)));
        boolean done = false;
        int rounds = 0;
        try {
            while (!done && rounds++ < 12) {
                done = w.drive(first, delivery.folder);
            }
        } catch (Throwable t) {
            if (!fuse.dead() || !causedByCrash(t)) {
                throw t;
            }
        } finally {
            first.close();
        }
        steps[0] = fuse.steps();
        if (crashAt == 0) {
            assertThat(done).as("the clean run finishes").isTrue();
        } else {
            assertThat(fuse.dead()).as("crash at step %s happened", crashAt).isTrue();
        }
        // a restarted process starts later: nothing may depend on being replayed at the same instant
        w.clock.advance(Duration.ofMinutes(7));
        try (Aktenlift replay = w.open(w.storage, w.procedure, w.notifier)) {
            while (!done) {
                assertThat(rounds++).as("replay after a crash at step %s finishes", crashAt).isLessThan(30);
                done = w.drive(replay, delivery.folder);
            }
            return finish(w, replay);
        }
    }

    private static boolean causedByCrash(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Crash) {
                return true;
            }
        }
        return false;
    }

    @TestFactory
    @DisplayName("a crash before or after any step, then a replay by a fresh instance, imports every document exactly once")
    Stream<DynamicTest> everyStep() {
        SharedDelivery delivery = new SharedDelivery();
        long[] steps = new long[1];
        Outcome clean = run(delivery, 0, false, steps);
        long n = steps[0];
        assertThat(clean.eFileOf()).hasSize(5);
        assertThat(clean.eFiles()).as("five e-files the procedure had, one created").isEqualTo(6);
        assertThat(clean.notices()).hasSize(2).anyMatch(x -> x.startsWith("IMPORT_REJECTED:"))
                .anyMatch(x -> x.startsWith("MATCH_NEEDS_DECISION:"));
        System.out.printf("idempotency acceptance: %d steps in the clean run, each interrupted before and after%n", n);
        return Stream.of(false, true).flatMap(after -> LongStream.rangeClosed(1, n).mapToObj(k -> DynamicTest.dynamicTest(
                "crash " + (after ? "after" : "before") + " step " + k + " of " + n,
                () -> assertThat(run(delivery, k, after, new long[1])).isEqualTo(clean))));
    }

    // ---- adapters on a fuse ----------------------------------------------------------------------

    private static final class FusedStorage extends ForwardingStorage {
        private final Fuse fuse;
        private final ContentStore content;
        private final RecordStore records;
        private final LogStore logs;

        FusedStorage(Storage target, Fuse fuse) {
            super(target);
            this.fuse = fuse;
            this.content = new Content(target.content()) {
                @Override
                public ContentInfo put(Key key, InputStream data) {
                    return fuse.step(() -> super.put(key, data));
                }

                @Override
                public ContentInfo create(Key key, InputStream data) {
                    return fuse.step(() -> super.create(key, data));
                }

                @Override
                public void delete(Key key) {
                    fuse.run(() -> super.delete(key));
                }
            };
            this.records = new Records(target.records()) {
                @Override
                public long compareAndSet(Key key, long expectedVersion, byte[] value) {
                    return fuse.step(() -> super.compareAndSet(key, expectedVersion, value));
                }

                @Override
                public void delete(Key key, long expectedVersion) {
                    fuse.run(() -> super.delete(key, expectedVersion));
                }
            };
            this.logs = new Logs(target.logs()) {
                @Override
                public long append(Key log, long expectedSequence, List<byte[]> entries) {
                    return fuse.step(() -> super.append(log, expectedSequence, entries));
                }
            };
        }

        @Override
        public ContentStore content() {
            return content;
        }

        @Override
        public RecordStore records() {
            return records;
        }

        @Override
        public LogStore logs() {
            return logs;
        }

        @Override
        public void close() {
            // the world owns the storage
        }

        @Override
        public String toString() {
            return "FusedStorage[" + fuse.steps() + "]";
        }
    }

    private static final class FusedProcedure implements SpecialistProcedure {
        private final SpecialistProcedure target;
        private final Fuse fuse;

        FusedProcedure(SpecialistProcedure target, Fuse fuse) {
            this.target = target;
            this.fuse = fuse;
        }

        @Override
        public Optional<EFile> findByFileReference(String fileReference) {
            return fuse.step(() -> target.findByFileReference(fileReference));
        }

        @Override
        public List<EFile> findByAzrNumber(String azrNumber) {
            return fuse.step(() -> target.findByAzrNumber(azrNumber));
        }

        @Override
        public List<EFile> findBySubject(SubjectQuery subject) {
            return fuse.step(() -> target.findBySubject(subject));
        }

        @Override
        public EFile createEFile(EFileRequest request) {
            return fuse.step(() -> target.createEFile(request));
        }

        @Override
        public ImportOutcome importPackage(ImportPackage pkg) {
            return fuse.step(() -> target.importPackage(pkg));
        }

        @Override
        public ImportOutcome status(String idempotencyKey) {
            return fuse.step(() -> target.status(idempotencyKey));
        }
    }
}
