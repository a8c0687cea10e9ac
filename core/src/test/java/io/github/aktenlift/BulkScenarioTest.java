package io.github.aktenlift;

import io.github.aktenlift.BulkScenario.Snapshot;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.inventory.Reconciliation;
import io.github.aktenlift.journal.EventCodec;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.EntityType;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.VerificationReport;
import io.github.aktenlift.tracking.WhereIs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.github.aktenlift.BulkScenario.BOXES;
import static io.github.aktenlift.BulkScenario.CAPTURE_HOUR;
import static io.github.aktenlift.BulkScenario.DAYS;
import static io.github.aktenlift.BulkScenario.FILES;
import static io.github.aktenlift.BulkScenario.FOUND;
import static io.github.aktenlift.BulkScenario.NEVER_RECEIVED_BOX;
import static io.github.aktenlift.BulkScenario.PER_BOX;
import static io.github.aktenlift.BulkScenario.PICKUP_HOUR;
import static io.github.aktenlift.BulkScenario.RECEIPT_HOUR;
import static io.github.aktenlift.BulkScenario.SEAL_MISMATCH_BOX;
import static io.github.aktenlift.BulkScenario.at;
import static io.github.aktenlift.BulkScenario.dayOf;
import static io.github.aktenlift.BulkScenario.pickupId;
import static io.github.aktenlift.BulkScenario.reference;
import static io.github.aktenlift.BulkScenario.workingDay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk project at full size, run once for the whole class (it takes seconds, not minutes);
 * each nested group checks one kind of answer the tracking gives. All expected numbers are worked
 * out by hand from the rules in {@link BulkScenario}; see the constants below.
 */
@DisplayName("The bulk project at full size: 20,000 case files in 800 boxes over 20 working days")
class BulkScenarioTest {

    // who ends where; see the rules in BulkScenario
    private static final int NEVER_RECEIVED = PER_BOX;                        // 25: files in the box that never arrived
    private static final int STILL_MISSING = 4;                                // 5 left out, 1 found again
    private static final int PROCESSED = FILES - NEVER_RECEIVED - STILL_MISSING; // 19,971 captured and imported
    private static final int QA_FAILED = 10;                                   // i % 2000 == 500
    // processed files of high or very high protection (i % 50 == 0 or i % 1000 == 999): a first review
    // is recorded, the second distinct reviewer verifies
    private static final int FOUR_EYES = (int) java.util.stream.IntStream.range(0, FILES)
            .filter(i -> BulkScenario.processed(i) && BulkScenario.fourEyes(i)).count();
    private static final int IMPORT_REJECTED = 10;                             // i % 2000 == 1700
    private static final int PAPER_RETURNED = 20;                              // i % 1000 == 300
    private static final int RETAINED = PROCESSED - PAPER_RETURNED;            // 19,951
    private static final int WITH_ORIGINAL = 2000 - 3 - PAPER_RETURNED;        // i % 10 == 0, retained: 1,977
    private static final int ORIGINAL_KEPT = 20;                               // i % 1000 == 900
    private static final int HELD = 8;                                         // i % 2500 == 1234
    private static final int DESTROYED = RETAINED - ORIGINAL_KEPT - HELD;      // 19,923
    private static final int DUE_AFTER_FIRST_DAY = 1000 - 1 - 1;               // day 0 minus files 300 and 900

    private static final Map<EventKind, Long> EXPECTED_KINDS = expectedKinds();
    /** Every event the scenario records, kind by kind; {@code JournalBenchmark} checks its runs against it. */
    static final long EXPECTED_EVENTS = EXPECTED_KINDS.values().stream().mapToLong(Long::longValue).sum();

    private static BulkScenario s;
    private static long runMillis;

    private static Map<EventKind, Long> expectedKinds() {
        Map<EventKind, Long> m = new EnumMap<>(EventKind.class);
        m.put(EventKind.BARCODES_ISSUED, 1L);
        m.put(EventKind.BASELINE_IMPORTED, 1L);
        m.put(EventKind.REGISTERED, (long) FILES);
        m.put(EventKind.PACKED, (long) FILES);
        m.put(EventKind.PICKED_UP, (long) FILES);
        m.put(EventKind.RECEIVED, (long) FILES - NEVER_RECEIVED - 5);
        m.put(EventKind.MISSING_AT_RECEIPT, 5L);
        m.put(EventKind.FOUND, 1L);
        m.put(EventKind.PREPARED, (long) PROCESSED);
        m.put(EventKind.CAPTURED, (long) PROCESSED + QA_FAILED);
        m.put(EventKind.QA_FAILED, (long) QA_FAILED);
        m.put(EventKind.QA_PASSED, (long) PROCESSED);
        m.put(EventKind.QA_REVIEWED, (long) FOUR_EYES);
        m.put(EventKind.IMPORT_REJECTED, (long) IMPORT_REJECTED);
        m.put(EventKind.IMPORT_RETRIED, (long) IMPORT_REJECTED);
        m.put(EventKind.IMPORT_CONFIRMED, (long) PROCESSED);
        m.put(EventKind.PAPER_RETURNED, (long) PAPER_RETURNED);
        m.put(EventKind.RETAINED, (long) RETAINED);
        m.put(EventKind.ORIGINALS_RETURNED, (long) WITH_ORIGINAL - ORIGINAL_KEPT);
        m.put(EventKind.HOLD_PLACED, (long) HELD);
        m.put(EventKind.DESTROYED, (long) DESTROYED);
        m.put(EventKind.BOX_OPENED, (long) BOXES);
        m.put(EventKind.BOX_SEALED, (long) BOXES);
        m.put(EventKind.BOX_PICKED_UP, (long) BOXES);
        m.put(EventKind.BOX_RECEIVED, BOXES - 1L);
        m.put(EventKind.PICKUP_PLANNED, (long) DAYS);
        m.put(EventKind.PICKUP_COLLECTED, (long) DAYS);
        m.put(EventKind.PICKUP_DELIVERED, DAYS - 1L);
        return m;
    }

    @BeforeAll
    static void runTheProject() {
        long t0 = System.nanoTime();
        s = new BulkScenario(10_000, true).run();
        runMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("bulk scenario: %,d commands, %,d events in %,d ms%n", s.commands(), s.events(), runMillis);
    }

    @AfterAll
    static void close() {
        if (s != null) {
            s.close();
        }
    }

    private static Map<CaseFileState, Long> counts(Object... stateThenCount) {
        Map<CaseFileState, Long> m = new EnumMap<>(CaseFileState.class);
        for (CaseFileState st : CaseFileState.values()) {
            m.put(st, 0L);
        }
        for (int k = 0; k < stateThenCount.length; k += 2) {
            m.put((CaseFileState) stateThenCount[k], ((Number) stateThenCount[k + 1]).longValue());
        }
        return m;
    }

    private static Map<CaseFileState, Long> finalCounts() {
        return counts(CaseFileState.IN_TRANSIT, NEVER_RECEIVED, CaseFileState.MISSING, STILL_MISSING,
                CaseFileState.RETAINED, ORIGINAL_KEPT + HELD, CaseFileState.DESTROYED, DESTROYED,
                CaseFileState.RETURNED, PAPER_RETURNED);
    }

    private static Snapshot snapshot(String moment) {
        return s.snapshot(moment, true);
    }

    private static List<Integer> neverReceivedFiles() {
        return IntStream.rangeClosed(NEVER_RECEIVED_BOX * PER_BOX + 1, (NEVER_RECEIVED_BOX + 1) * PER_BOX).boxed().toList();
    }

    private static List<Integer> stillMissingFiles() {
        return BulkScenario.MISSING.stream().filter(i -> i != FOUND).toList();
    }

    /** The samples whose whereIs is compared between the live and the replayed instance. */
    private static List<Barcode> samples() {
        List<Barcode> out = new ArrayList<>();
        for (int i : List.of(1, 12, 13, 300, 500, 900, 999, 1234, 1700, 2126, 2150, 4250, 4711, 5001, 7001, 13001, 20_000)) {
            out.add(s.file(i));
        }
        return out;
    }

    @Nested
    @DisplayName("the journal")
    class TheJournal {

        @Test
        @DisplayName("holds exactly the events the commands recorded: about ten per case file")
        void eventCount() {
            assertThat(s.office.journalLength()).isEqualTo(EXPECTED_EVENTS).isEqualTo(s.events());
            assertThat(FOUR_EYES).as("400 with i %% 50 == 0, 20 with i %% 1000 == 999, one never received").isEqualTo(419);
            assertThat(EXPECTED_EVENTS).isEqualTo(205_019L + FOUR_EYES);
            assertThat((double) EXPECTED_EVENTS / FILES).isBetween(10.0, 10.5);
        }

        @Test
        @DisplayName("holds every kind of event as often as the scenario made it happen")
        void eventsPerKind() throws Exception {
            Map<EventKind, Long> found = new EnumMap<>(EventKind.class);
            Key log = Key.of("journal/events");
            long next = 0;
            for (List<LogEntry> page; !(page = s.office.storage.logs().read(log, next, 4096)).isEmpty(); ) {
                for (LogEntry e : page) {
                    found.merge(EventCodec.decode(e.data()).kind(), 1L, Long::sum);
                }
                next += page.size();
            }
            assertThat(found).isEqualTo(EXPECTED_KINDS);
        }

        @Test
        @DisplayName("verifies intact, every stored event and checkpoint checked")
        void verifies() {
            VerificationReport r = s.office.lift.tracking().verify();
            assertThat(r.isIntact()).as("first violation: %s", r.firstViolation()).isTrue();
            assertThat(r.eventsChecked()).isEqualTo(s.office.journalLength()).isEqualTo(EXPECTED_EVENTS);
            assertThat(r.streams()).isEqualTo(FILES + BOXES + DAYS + 1);
            assertThat((long) r.checkpointsChecked())
                    .isEqualTo(s.office.storage.logs().length(Key.of("journal/checkpoints")))
                    .isGreaterThanOrEqualTo(EXPECTED_EVENTS / 10_000);
        }

        @Test
        @DisplayName("tells a case file's whole story, rescan included")
        void historyOfARescannedFile() {
            assertThat(s.office.lift.tracking().history(s.file(500))).extracting(JournalEvent::kind).containsExactly(
                    EventKind.REGISTERED, EventKind.PACKED, EventKind.PICKED_UP, EventKind.RECEIVED,
                    EventKind.PREPARED, EventKind.CAPTURED, EventKind.QA_FAILED, EventKind.CAPTURED,
                    EventKind.QA_REVIEWED, EventKind.QA_PASSED, EventKind.IMPORT_CONFIRMED, EventKind.RETAINED,
                    EventKind.ORIGINALS_RETURNED, EventKind.DESTROYED);
            assertThat(s.office.lift.tracking().history(s.file(1700))).extracting(JournalEvent::kind)
                    .containsSubsequence(EventKind.QA_PASSED, EventKind.IMPORT_REJECTED, EventKind.IMPORT_RETRIED,
                            EventKind.IMPORT_CONFIRMED);
        }
    }

    @Nested
    @DisplayName("the counts per state")
    class CountsPerState {

        @Test
        @DisplayName("show every file registered before anything is packed")
        void afterRegistration() {
            assertThat(snapshot("after registration").counts()).isEqualTo(counts(CaseFileState.REGISTERED, FILES));
        }

        @Test
        @DisplayName("show the first two days' 2,000 files through to retention and the rest packed")
        void afterDayOne() {
            assertThat(snapshot("after day 1").counts()).isEqualTo(counts(CaseFileState.PACKED, FILES - 2000,
                    CaseFileState.RETAINED, 2000 - 2, CaseFileState.RETURNED, 2));
        }

        @Test
        @DisplayName("show only the lost box, the missing files and the returned paper outside retention after the last pickup")
        void afterAllPickups() {
            assertThat(snapshot("after all pickups").counts()).isEqualTo(counts(CaseFileState.IN_TRANSIT, NEVER_RECEIVED,
                    CaseFileState.MISSING, STILL_MISSING, CaseFileState.RETAINED, RETAINED,
                    CaseFileState.RETURNED, PAPER_RETURNED));
        }

        @Test
        @DisplayName("show everything due destroyed, and only held files and kept originals still retained")
        void atTheEnd() {
            assertThat(snapshot("after destruction").counts()).isEqualTo(finalCounts());
            assertThat(s.office.lift.tracking().countsPerState()).isEqualTo(finalCounts());
            assertThat(finalCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(FILES);
        }
    }

    @Nested
    @DisplayName("the discrepancies")
    class Discrepancies {

        @Test
        @DisplayName("are none while every box arrives whole")
        void noneEarly() {
            assertThat(snapshot("after day 1").discrepancies()).isEmpty();
        }

        @Test
        @DisplayName("name the box never received, the files still missing and the box with a foreign seal")
        void afterAllPickups() {
            List<Discrepancy> expected = new ArrayList<>();
            expected.add(new Discrepancy(Discrepancy.Kind.BOX_NOT_RECEIVED, s.box(NEVER_RECEIVED_BOX), pickupId(2),
                    at(workingDay(2), PICKUP_HOUR)));
            for (int i : stillMissingFiles()) {
                expected.add(new Discrepancy(Discrepancy.Kind.FILE_MISSING_AT_RECEIPT, s.file(i),
                        s.box(BulkScenario.boxOf(i)).value(), at(workingDay(dayOf(i)), RECEIPT_HOUR)));
            }
            expected.add(new Discrepancy(Discrepancy.Kind.SEAL_MISMATCH, s.box(SEAL_MISMATCH_BOX), pickupId(4),
                    at(workingDay(4), RECEIPT_HOUR)));

            assertThat(snapshot("after all pickups").discrepancies()).containsExactlyElementsOf(expected);
            assertThat(s.office.lift.tracking().discrepancies()).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("no longer list a missing file once it is reported found")
        void foundFileIsNoDiscrepancy() {
            assertThat(s.office.lift.tracking().discrepancies()).extracting(Discrepancy::barcode)
                    .doesNotContain(s.file(FOUND));
        }
    }

    @Nested
    @DisplayName("the overdue list")
    class OverdueList {

        @Test
        @DisplayName("is empty while every file moves on the same day")
        void emptyEarly() {
            assertThat(snapshot("after day 1").overdue()).isEmpty();
        }

        @Test
        @DisplayName("names the lost box and its 25 files past two days in transit, and the files missing past a day")
        void afterAllPickups() {
            Instant collected = at(workingDay(2), PICKUP_HOUR);
            Instant transitDue = collected.plus(Duration.ofDays(2));
            List<Overdue> expected = new ArrayList<>();
            expected.add(new Overdue(EntityType.BOX, s.box(NEVER_RECEIVED_BOX), Overdue.Reason.STATE, "IN_TRANSIT",
                    collected, transitDue));
            for (int i : neverReceivedFiles()) {
                expected.add(new Overdue(EntityType.CASE_FILE, s.file(i), Overdue.Reason.STATE, "IN_TRANSIT",
                        collected, transitDue));
            }
            for (int i : stillMissingFiles()) {
                Instant since = at(workingDay(dayOf(i)), RECEIPT_HOUR);
                expected.add(new Overdue(EntityType.CASE_FILE, s.file(i), Overdue.Reason.STATE, "MISSING", since,
                        since.plus(Duration.ofDays(1))));
            }

            assertThat(snapshot("after all pickups").overdue()).hasSize(1 + NEVER_RECEIVED + STILL_MISSING)
                    .containsExactlyElementsOf(expected);
            assertThat(s.office.lift.tracking().overdue()).containsExactlyElementsOf(expected);
        }
    }

    @Nested
    @DisplayName("the files due for destruction")
    class DueForDestruction {

        @Test
        @DisplayName("are none before any retention period has elapsed")
        void noneBeforeRetention() {
            assertThat(snapshot("after all pickups").dueForDestruction()).isEmpty();
            assertThat(snapshot("retention started").dueForDestruction()).isEmpty();
        }

        @Test
        @DisplayName("are the first day's files once its 90 days are over, except returned paper and a kept original")
        void firstDay() {
            List<Barcode> expected = IntStream.rangeClosed(1, 1000).filter(i -> i != 300 && i != 900)
                    .mapToObj(s::file).toList();
            assertThat(snapshot("first day's retention elapsed").dueForDestruction()).hasSize(DUE_AFTER_FIRST_DAY)
                    .containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("are all retained files without a hold or an unreturned original once every period is over")
        void allOver() {
            List<Barcode> expected = IntStream.rangeClosed(1, FILES)
                    .filter(i -> BulkScenario.processed(i) && !BulkScenario.paperReturned(i))
                    .filter(i -> !BulkScenario.held(i))
                    .filter(i -> !(BulkScenario.hasOriginal(i) && BulkScenario.originalKept(i)))
                    .mapToObj(s::file).sorted().toList();
            assertThat(snapshot("all retention elapsed").dueForDestruction()).hasSize(DESTROYED)
                    .containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("are none once everything due has been destroyed")
        void noneAfterDestruction() {
            assertThat(snapshot("after destruction").dueForDestruction()).isEmpty();
            assertThat(s.office.lift.tracking().dueForDestruction()).isEmpty();
        }
    }

    @Nested
    @DisplayName("the reconciliation against the baseline")
    class Reconciling {

        @Test
        @DisplayName("expects 20,000 and finds them all registered, nothing received yet, right after registration")
        void afterRegistration() {
            Reconciliation r = snapshot("after registration").reconciliation();
            assertThat(r.expected()).isEqualTo(FILES);
            assertThat(r.registered()).isEqualTo(FILES);
            assertThat(r.received()).isZero();
            assertThat(r.captured()).isZero();
            assertThat(r.imported()).isZero();
            assertThat(r.notRegistered()).isEmpty();
            assertThat(r.unexpected()).isEmpty();
            assertThat(r.barcodeMismatch()).isEmpty();
        }

        @Test
        @DisplayName("counts every file that reached the scan service as received, captured and imported")
        void atTheEnd() {
            Reconciliation r = s.office.lift.inventory().reconcile();
            assertThat(r.expected()).isEqualTo(FILES);
            assertThat(r.registered()).isEqualTo(FILES);
            assertThat(r.received()).isEqualTo(PROCESSED);
            assertThat(r.captured()).isEqualTo(PROCESSED);
            assertThat(r.imported()).isEqualTo(PROCESSED);
            assertThat(r.notRegistered()).isEmpty();
            assertThat(r.unexpected()).isEmpty();
            assertThat(r.barcodeMismatch()).isEmpty();
            assertThat(snapshot("after all pickups").reconciliation()).isEqualTo(r);
        }

        @Test
        @DisplayName("keeps the baseline as imported, lines without a barcode included")
        void baseline() {
            var baseline = s.office.lift.inventory().baseline();
            assertThat(baseline).hasSize(FILES);
            assertThat(baseline.stream().filter(e -> e.barcode().isEmpty()).count()).isEqualTo(200);
            assertThat(baseline.get(4710).subject().surname()).isEqualTo("Weiß-Özdemir");
        }
    }

    @Nested
    @DisplayName("where a case file is")
    class WhereIsIt {

        private WhereIs where(int i) {
            return s.office.lift.tracking().whereIs(s.file(i)).orElseThrow();
        }

        @Test
        @DisplayName("a destroyed file shows the shredder, its box and pickup")
        void destroyed() {
            WhereIs w = where(1);
            assertThat(w.state()).isEqualTo(CaseFileState.DESTROYED);
            assertThat(w.location()).isEqualTo("destruction-service");
            assertThat(w.holder()).isEqualTo("shredder-1");
            assertThat(w.box()).contains(s.box(0));
            assertThat(w.pickup()).contains(pickupId(0));
            assertThat(w.since()).isEqualTo(s.afterRetentionOfDay(DAYS - 1));
            assertThat(w.reference()).isEqualTo(reference(1));
        }

        @Test
        @DisplayName("a file in the box that never arrived is with the carrier since the pickup")
        void inTransit() {
            WhereIs w = where(neverReceivedFiles().get(0));
            assertThat(w.state()).isEqualTo(CaseFileState.IN_TRANSIT);
            assertThat(w.holder()).isEqualTo("carrier-7");
            assertThat(w.location()).isEqualTo("van");
            assertThat(w.box()).contains(s.box(NEVER_RECEIVED_BOX));
            assertThat(w.pickup()).contains(pickupId(2));
            assertThat(w.since()).isEqualTo(at(workingDay(2), PICKUP_HOUR));
        }

        @Test
        @DisplayName("a file left out of its box is missing at the scan service")
        void missing() {
            WhereIs w = where(7001);
            assertThat(w.state()).isEqualTo(CaseFileState.MISSING);
            assertThat(w.location()).isEqualTo("scan-center");
            assertThat(w.box()).contains(s.box(280));
        }

        @Test
        @DisplayName("the file reported found went the whole way, a day later than its box")
        void found() {
            assertThat(s.office.lift.tracking().history(s.file(FOUND))).extracting(JournalEvent::kind)
                    .containsSubsequence(EventKind.MISSING_AT_RECEIPT, EventKind.FOUND, EventKind.PREPARED)
                    .last().isEqualTo(EventKind.DESTROYED);
            assertThat(s.office.lift.tracking().history(s.file(FOUND))).filteredOn(e -> e.kind() == EventKind.PREPARED)
                    .extracting(JournalEvent::time).containsExactly(at(workingDay(dayOf(FOUND) + 1), CAPTURE_HOUR));
        }

        @Test
        @DisplayName("a held file stays retained with its hold; returned paper is returned")
        void heldAndReturned() {
            assertThat(where(1234).state()).isEqualTo(CaseFileState.RETAINED);
            assertThat(where(1234).holds()).containsExactly(HoldReason.LEGAL_HOLD);
            assertThat(where(900).state()).isEqualTo(CaseFileState.RETAINED);
            assertThat(where(900).holds()).isEmpty();
            assertThat(where(300).state()).isEqualTo(CaseFileState.RETURNED);
            assertThat(where(300).holder()).isEqualTo("archivist-4");
        }

        @Test
        @DisplayName("carries the protection level from the baseline")
        void protection() {
            assertThat(where(999).protection()).isEqualTo(ProtectionLevel.VERY_HIGH);
            assertThat(where(50).protection()).isEqualTo(ProtectionLevel.HIGH);
            assertThat(where(51).protection()).isEqualTo(ProtectionLevel.NORMAL);
        }

        @Test
        @DisplayName("is found by file reference, by name written without umlauts, and by AZR number")
        void byOtherKeys() {
            var t = s.office.lift.tracking();
            assertThat(t.whereIs(reference(4711))).map(WhereIs::barcode).contains(s.file(4711));
            Subject p = BulkScenario.subject(4711);
            assertThat(t.whereIsSubject("WEISS OEZDEMIR", " Juergen   Oemer ", p.dateOfBirth()))
                    .extracting(WhereIs::barcode).containsExactly(s.file(4711));
            assertThat(t.whereIsAzrNumber(BulkScenario.subject(12).azrNumber()))
                    .extracting(WhereIs::barcode).containsExactly(s.file(12), s.file(13));
            assertThat(t.whereIsSubject("Nachname12", "Vorname12", BulkScenario.subject(12).dateOfBirth()))
                    .hasSize(2);
        }

        @Test
        @DisplayName("is nowhere for a barcode no file has")
        void unknown() {
            Barcode unissued = s.office.lift.policies().caseFileBarcodes().generate(FILES + 1L);
            assertThat(s.office.lift.tracking().whereIs(unissued)).isEmpty();
            assertThat(s.office.lift.subject(s.file(4711))).map(Subject::surname).contains("Weiß-Özdemir");
        }
    }

    @Nested
    @DisplayName("a second instance opened on the same storage")
    class Replay {

        @Test
        @DisplayName("replays the journal to the same answers as the live instance")
        void replayEqualsLive() {
            var live = s.office.lift.tracking();
            try (Aktenlift again = s.office.reopen()) {
                var replayed = again.tracking();
                assertThat(replayed.countsPerState()).isEqualTo(live.countsPerState()).isEqualTo(finalCounts());
                for (Barcode b : samples()) {
                    assertThat(replayed.whereIs(b)).as(b.value()).isEqualTo(live.whereIs(b)).isPresent();
                }
                assertThat(replayed.whereIs(reference(4711))).isEqualTo(live.whereIs(reference(4711)));
                assertThat(replayed.whereIsAzrNumber(BulkScenario.subject(12).azrNumber()))
                        .isEqualTo(live.whereIsAzrNumber(BulkScenario.subject(12).azrNumber()));
                assertThat(replayed.discrepancies()).isEqualTo(live.discrepancies());
                assertThat(replayed.overdue()).isEqualTo(live.overdue());
                assertThat(replayed.dueForDestruction()).isEqualTo(live.dueForDestruction());
                assertThat(again.inventory().reconcile()).isEqualTo(s.office.lift.inventory().reconcile());
                assertThat(replayed.box(s.box(SEAL_MISMATCH_BOX))).isEqualTo(live.box(s.box(SEAL_MISMATCH_BOX)));
            }
        }

        @Test
        @DisplayName("took its snapshots at the moments the scenario names")
        void snapshotsTaken() {
            assertThat(s.snapshotNames()).containsExactlyInAnyOrder("after registration", "after day 1",
                    "after all pickups", "retention started", "first day's retention elapsed",
                    "all retention elapsed", "after destruction");
            assertThat(Optional.ofNullable(s.snapshot("after destruction", false)).map(Snapshot::at))
                    .contains(s.afterRetentionOfDay(DAYS - 1));
        }
    }
}
