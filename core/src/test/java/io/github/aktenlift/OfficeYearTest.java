package io.github.aktenlift;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.logistics.BoxSuggestion;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PickupPolicy;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.retention.RetentionPolicy;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectMatching;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.VerificationReport;
import io.github.aktenlift.tracking.WorkItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The acceptance test of issue #7: one office on the in-memory adapters with a hand-moved clock,
 * through a bulk project of 300 case files and then 26 weeks of ongoing operation, driven only
 * through the public API (commands, capture of generated deliveries, imports, the pickup planner,
 * notifications, destruction runs).
 *
 * <p>The test keeps its own ground truth — which person each file concerns, which e-file each
 * transfer belongs in, which files have holds or originals to return, when each file was imported —
 * and checks Aktenlift's answers against it, never against Aktenlift's own bookkeeping. The
 * scenario runs once ({@link #runTheYear}); each test checks one promise of the issue.
 *
 * <p>Every deviation is a fixed rule on a file's number, so every expectation can be worked out by
 * hand; no randomness besides the seeded scan generator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Issue #7 acceptance: a bulk project, then six months of ongoing operation")
class OfficeYearTest {

    // ---- the office's rules ---------------------------------------------------------------------

    /** Monday, 07:00 UTC. */
    static final Instant START = Instant.parse("2026-03-02T07:00:00Z");
    static final int BULK = 300;
    static final int WAVE = 150;
    static final int WEEKS = 26;
    static final Duration RETENTION = Duration.ofDays(60);
    static final Duration RECALL_SLA = Duration.ofHours(24);
    static final PickupPolicy PICKUP = new PickupPolicy(10, Duration.ofDays(10), Duration.ofDays(14), 25, 1);
    /** Small pages keep capture fast; the policy's minimum resolution is lowered to match. */
    static final PageGeometry PAGE = PageGeometry.a4(60);
    static final Policies POLICIES = Policies.defaults()
            .withCapture(CapturePolicy.defaults().withMinimumDpi(60))
            .withRetention(RetentionPolicy.defaults().withRetention(RETENTION))
            .withPickup(PICKUP);

    // ---- deviations, as rules on the bulk file's number ------------------------------------------

    /** Delivered with a truncated page, rejected at capture, delivered again. */
    static final int TRUNCATED = 33;
    /** Delivered with a page whose hash the index gets wrong, rejected at capture, delivered again. */
    static final int HASH_MISMATCH = 233;
    /** The specialist procedure rejects its first hand-over (e-file locked); the clerk retries. */
    static final int REJECTED_ONCE = 77;
    /** Legal holds placed during retention; the one on {@link #RELEASED_HOLD} is released in week 12. */
    static final List<Integer> HELD = List.of(20, 40, 60);
    static final int RELEASED_HOLD = 40;
    static final int OBJECTION = 80;
    /** A paper-back recall during retention, served two days late: the paper goes back, never destroyed. */
    static final int PAPER_BACK = 90;
    static final int PAPER_BACK_WEEK = 9;
    /** A bulk person whose later transfer is matched by AZR number, the name transliterated. */
    static final int BULK_BY_AZR = 161;
    /** A bulk person whose later transfer, without AZR number, is matched by name and birth. */
    static final int BULK_BY_SUBJECT = 140;

    static boolean high(int i) {
        return i % 25 == 0;
    }

    /** Files whose documents all have originals to go back to their owners before destruction. */
    static boolean withOriginals(int i) {
        return i % 50 == 5;
    }

    /** Of those, the ones whose originals go back in week 1; {@code 55} follows in week 16. */
    static final List<Integer> ORIGINALS_RETURNED_EARLY = List.of(5, 105, 205);
    static final int ORIGINALS_RETURNED_LATE = 55;

    static final List<String> SURNAMES = List.of("Öztürk", "Weiß", "Müller", "Schäfer", "Çelik", "Nowakowski",
            "Dąbrowski", "Jović", "Kovačević", "Petrović", "Haddad", "Nguyen", "Ibrahim", "Popescu", "Horváth",
            "Løvland", "Groß", "Fernández", "Łukasik", "Strauß");
    static final List<String> SECOND = List.of("Albers", "Brandauer", "Crämer", "Dorfner", "Eßlinger", "Falkenrath",
            "Gödeke", "Hollerbach", "Isenbügel", "Jankowiak", "Kessler", "Lindqvist", "Mörike", "Nordhoff",
            "Obermaier", "Pfänder", "Quandt", "Rößler", "Sommerfeld", "Tschirner");
    static final List<String> GIVEN = List.of("Jürgen", "Ayşe", "José", "Małgorzata", "Søren", "Zoë", "Björn",
            "Renée", "Ömer", "Fatıma", "Dragan", "Oksana", "Tamás", "Ioana", "Łucja");
    static final List<String> TRANSFER_SURNAMES = List.of("Abubakar", "Bălan", "Chowdhury", "Dšukić", "Eriksdóttir",
            "Faßbinder", "Gökçe", "Hämäläinen", "Iwańska", "Jakšić", "Kühnle", "Lévêque", "Mäkinen");
    static final List<String> ORIGINS = List.of("Stadt Musterstadt, Ausländerbehörde",
            "Landkreis Beispielkreis, Ausländerbehörde", "Stadt Anderswo, Bürgeramt");

    static Subject bulkSubject(int i) {
        return new Subject(SURNAMES.get(i % 20) + "-" + SECOND.get(i / 20 % 20), GIVEN.get(i % 15),
                LocalDate.of(1945, 1, 1).plusDays(i * 61L), i % 3 == 0 ? "SYR" : "UKR",
                String.format("%012d", 400_000_000_000L + i * 7919L));
    }

    static FileReference bulkReference(int i) {
        return FileReference.of(String.format("ABH-32.1-%05d/2026", i));
    }

    // ---- the ground truth -------------------------------------------------------------------------

    /** How a transfer is to be matched, by the test's own reckoning. */
    enum Expect { AZR_NUMBER, FILE_REFERENCE, SUBJECT, NONE, AMBIGUOUS, CONFLICT }

    /** What the test knows about one paper file, and what it saw become of it. */
    static final class Paper {
        final Barcode barcode;
        final FileReference reference;
        final Subject subject;
        final int bulkNumber;
        final String origin;
        final LocalDate receivedOn;
        final ProtectionLevel protection;
        final boolean originals;
        Expect expect;
        Supplier<String> expectedEFile = () -> null;
        Instant registeredAt;
        String pickup;
        Instant recallAt;
        RecallMode recall;
        Instant heldAt;
        Instant decidedAt;
        List<CaseFileOutcome.StoredRendition> renditions = List.of();
        Instant importedAt;
        String eFile;
        boolean originalsReturned;
        final Set<HoldReason> holds = EnumSet.noneOf(HoldReason.class);
        boolean returned;
        boolean destroyed;

        Paper(Barcode barcode, FileReference reference, Subject subject, int bulkNumber, String origin,
                LocalDate receivedOn, ProtectionLevel protection, boolean originals) {
            this.barcode = barcode;
            this.reference = reference;
            this.subject = subject;
            this.bulkNumber = bulkNumber;
            this.origin = origin;
            this.receivedOn = receivedOn;
            this.protection = protection;
            this.originals = originals;
        }

        boolean transfer() {
            return origin != null;
        }

        /** Since when it waits for collection, as the pickup policy counts: a transfer from the day it arrived. */
        Instant waitingSince() {
            if (receivedOn == null) {
                return registeredAt;
            }
            Instant arrived = receivedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
            return arrived.isBefore(registeredAt) ? arrived : registeredAt;
        }

        @Override
        public String toString() {
            return (transfer() ? "transfer " : "bulk #" + bulkNumber + " ") + barcode.value();
        }
    }

    /** A transfer to register in a given week, with what the test expects of its matching. */
    record PlannedTransfer(int week, String name, Subject subject, FileReference reference, Expect expect,
            Supplier<String> eFile) {
    }

    /** A clerk's matching decision, taken in its week or, if the file is not held yet, as soon as it is. */
    record PlannedDecision(int week, String transfer, Supplier<String> eFile) {
    }

    /** One pickup as it was carried out: files in the order the planner gave, and the recalled ones. */
    record PickupRun(String id, LocalDate date, Set<PickupProposal.Trigger> triggers, List<Barcode> files,
            Set<Barcode> recalls) {
    }

    /** One destruction run: what the test expected, what the list said, and what was destroyed. */
    record DestructionRun(Instant at, Set<Barcode> expected, DestructionList list, Set<Barcode> destroyed) {
    }

    // ---- the office --------------------------------------------------------------------------------

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MutableClock clock = new MutableClock(START);
    private final InMemorySpecialistProcedure procedure = new InMemorySpecialistProcedure(clock);
    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final Actor clerk = Actor.of("clerk-1", "office");
    private final Actor carrier = Actor.of("carrier-7", "van");
    private final Actor scanner = Actor.of("scan-op-3", "scan-center");
    private final Actor reviewer = Actor.of("qa-2", "scan-center");
    private final Actor secondReviewer = Actor.of("qa-5", "scan-center");
    private final Actor importer = Actor.of("import-bot", "office");
    private final Actor archivist = Actor.of("archivist-4", "records-store");
    private final Actor shredder = Actor.of("shredder-1", "destruction-service");
    private FarSide farSide;
    private Aktenlift lift;
    private Path tmp;

    private final Map<Barcode, Paper> papers = new LinkedHashMap<>();
    private final Map<Integer, Paper> bulk = new HashMap<>();
    private final Map<String, Paper> transfers = new LinkedHashMap<>();
    private final Map<String, EFile> existing = new LinkedHashMap<>();
    private final List<PlannedTransfer> plannedTransfers = new ArrayList<>();
    private final List<PlannedDecision> plannedDecisions = new ArrayList<>();
    private final List<PickupRun> pickups = new ArrayList<>();
    private final List<DestructionRun> destructionRuns = new ArrayList<>();
    private final Map<Barcode, List<String>> captureRejections = new HashMap<>();
    private final Set<Barcode> visuallyFailed = new LinkedHashSet<>();
    private final Set<Barcode> importRejected = new LinkedHashSet<>();
    private final Map<Barcode, ImportResult.Held> held = new LinkedHashMap<>();
    private final List<Boolean> plannerSaidDue = new ArrayList<>();
    private final Set<PickupProposal.Trigger> triggersSeen = EnumSet.noneOf(PickupProposal.Trigger.class);
    private final List<Notification> raised = new ArrayList<>();
    private Paper visualFailTarget;
    private int pickupSerial;
    private int certificateSerial;
    private int fillerSerial;
    private LocalDate lastPickupDate;

    private ListAppender<ILoggingEvent> logs;
    private Logger aktenliftLogger;
    private Level previousLevel;

    // ---- the year ------------------------------------------------------------------------------------

    @BeforeAll
    void runTheYear(@TempDir Path tmp) {
        this.tmp = tmp;
        captureLogs();
        farSide = new FarSide(procedure);
        lift = Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("y-")).policies(POLICIES)
                .procedure(farSide).notifier(notifier).build();
        personsAlreadyInTheProcedure();
        planTransfers();

        bulkProject();
        for (int week = 1; week <= WEEKS; week++) {
            ongoingWeek(week);
        }
        windDown();
    }

    @AfterAll
    void close() {
        if (lift != null) {
            lift.close();
        }
        releaseLogs();
    }

    /** E-files the procedure kept before the project, created on its side. */
    private void personsAlreadyInTheProcedure() {
        keep("MEYER", "ALT-2019/0101", "Meyer", "Karl-Heinz", LocalDate.of(1971, 3, 9), "310000000001");
        keep("BRZ", "ALT-2018/0777", "Brzęczyszczykiewicz", "Grzegorz", LocalDate.of(1966, 11, 2), null);
        keep("MLU", "ALT-2017/0333", "Müller-Lüdenscheidt", "Hans-Jürgen", LocalDate.of(1961, 7, 14), null);
        keep("STRAUSS", "ALT-2016/0404", "Strauß", "Anna Maria", LocalDate.of(1983, 5, 21), null);
        keep("CELIK", "ALT-2015/0505", "Çelik", "José", LocalDate.of(1990, 8, 30), null);
        keep("YILMAZ-A", "ALT-2014/0606", "Yılmaz", "Ali", LocalDate.of(1979, 1, 17), null);
        keep("YILMAZ-B", "ALT-2020/0707", "Yilmaz", "Ali", LocalDate.of(1979, 1, 17), "310000000002");
        keep("KAYA", "ALT-2013/0808", "Kaya", "Emre", LocalDate.of(1988, 12, 3), "310000000003");
        keep("DEMIR", "ALT-2012/0909", "Demir", "Elif", LocalDate.of(1992, 4, 11), null);
    }

    private void keep(String name, String reference, String surname, String given, LocalDate born, String azr) {
        existing.put(name, procedure.createEFile(new EFileRequest("before-" + name, reference,
                new SubjectQuery(surname, given, born, azr))));
    }

    private Supplier<String> existingEFile(String name) {
        return () -> existing.get(name).id();
    }

    private Supplier<String> eFileOfBulk(int i) {
        return () -> Objects.requireNonNull(bulk.get(i).eFile, "bulk file " + i + " not imported yet");
    }

    private Supplier<String> eFileOfTransfer(String name) {
        return () -> Objects.requireNonNull(transfers.get(name).eFile, "transfer " + name + " not imported yet");
    }

    private void planTransfers() {
        Subject b161 = bulkSubject(BULK_BY_AZR);
        Subject b140 = bulkSubject(BULK_BY_SUBJECT);
        plan(1, "bulk-person-by-azr", new Subject(SubjectMatching.normalizeName(b161.surname()).toUpperCase(),
                SubjectMatching.normalizeName(b161.givenNames()), b161.dateOfBirth(), null, b161.azrNumber()),
                Expect.AZR_NUMBER, eFileOfBulk(BULK_BY_AZR));
        plan(2, "azr-other-spelling", person("Meier", "Karl Heinz", 1971, 3, 9, "310000000001"), Expect.AZR_NUMBER,
                existingEFile("MEYER"));
        plan(3, "reference", person("Brzeczyszczykiewicz", "Grzegorz", 1966, 11, 2, null),
                FileReference.of("ALT-2018/0777"), Expect.FILE_REFERENCE, existingEFile("BRZ"));
        plan(3, "new-person", person("Okonkwo-Abubakar", "Chiamaka", 1994, 6, 18, "320000000001"), Expect.NONE, null);
        plan(4, "hyphen-umlaut", person("mueller luedenscheidt", "hans juergen", 1961, 7, 14, null), Expect.SUBJECT,
                existingEFile("MLU"));
        plan(4, "ambiguous", person("YILMAZ", "ali", 1979, 1, 17, null), Expect.AMBIGUOUS, existingEFile("YILMAZ-B"));
        plan(5, "eszett-whitespace", person("STRAUSS", "  anna   maria ", 1983, 5, 21, null), Expect.SUBJECT,
                existingEFile("STRAUSS"));
        plan(6, "diacritics", person("Celik", "Jose", 1990, 8, 30, null), Expect.SUBJECT, existingEFile("CELIK"));
        plan(6, "conflicting", person("Demir", "Elif", 1992, 4, 11, "310000000003"), Expect.CONFLICT,
                existingEFile("KAYA"));
        plan(7, "bulk-person-by-subject", new Subject(SubjectMatching.normalizeName(b140.surname()).toUpperCase(),
                "  " + SubjectMatching.normalizeName(b140.givenNames()), b140.dateOfBirth(), null, null),
                Expect.SUBJECT, eFileOfBulk(BULK_BY_SUBJECT));
        plan(12, "new-person-again", person("OKONKWO ABUBAKAR", "chiamaka", 1994, 6, 18, "320000000001"),
                Expect.AZR_NUMBER, eFileOfTransfer("new-person"));
        plannedDecisions.add(new PlannedDecision(5, "ambiguous", existingEFile("YILMAZ-B")));
        plannedDecisions.add(new PlannedDecision(9, "conflicting", existingEFile("KAYA")));
    }

    private static Subject person(String surname, String given, int y, int m, int d, String azr) {
        return new Subject(surname, given, LocalDate.of(y, m, d), null, azr);
    }

    private void plan(int week, String name, Subject subject, Expect expect, Supplier<String> eFile) {
        plan(week, name, subject, FileReference.of(String.format("TR-2026/%03d", plannedTransfers.size() + 1)),
                expect, eFile);
    }

    private void plan(int week, String name, Subject subject, FileReference reference, Expect expect,
            Supplier<String> eFile) {
        plannedTransfers.add(new PlannedTransfer(week, name, subject, reference, expect, eFile));
    }

    // ---- bulk project ----------------------------------------------------------------------------------

    private void bulkProject() {
        for (int wave = 0; wave < BULK / WAVE; wave++) {
            LocalDate day = mondayOf(0).plusDays(2L * wave);
            clock.advanceTo(at(day, 8, 0));
            List<Barcode> labels = lift.inventory().issueCaseFileBarcodes(clerk, WAVE);
            for (int k = 0; k < WAVE; k++) {
                int i = wave * WAVE + k + 1;
                ProtectionLevel protection = high(i) ? ProtectionLevel.HIGH : ProtectionLevel.NORMAL;
                Paper p = new Paper(labels.get(k), bulkReference(i), bulkSubject(i), i, null, null, protection,
                        withOriginals(i));
                lift.execute(clerk, new RegisterCaseFile(p.barcode, p.reference, p.subject, protection));
                p.registeredAt = clock.instant();
                papers.put(p.barcode, p);
                bulk.put(i, p);
            }
            clock.advanceTo(at(day, 8, 30));
            assertThat(pickupIfDue()).as("wave %d: %d files wait", wave, WAVE).isTrue();
        }
    }

    // ---- ongoing operation ---------------------------------------------------------------------------

    private void ongoingWeek(int week) {
        LocalDate monday = mondayOf(week);
        advance(at(monday, 7, 30));
        raised.addAll(lift.notifications().raiseDue());

        if (monday.getDayOfMonth() <= 7) {
            advance(at(monday, 7, 45));
            if (week == PAPER_BACK_WEEK) {
                // asked for the paper just before the run: an open recall keeps it off the list
                recall(bulk.get(PAPER_BACK), RecallMode.PAPER_BACK);
            }
            destructionRun();
        }
        advance(at(monday, 8, 0));
        registerTransfers(week);
        advance(at(monday, 8, 30));
        recallsOf(week);
        retentionWork(week);
        advance(at(monday, 9, 0));
        decisionsOf(week);
        advance(at(monday, 9, 30));
        pickupIfDue();
        if (week == PAPER_BACK_WEEK) {
            // the paper-back recall is served late, after the overdue notification
            Paper p = bulk.get(PAPER_BACK);
            advance(at(monday.plusDays(2), 9, 0));
            List<Notification> due = lift.notifications().raiseDue();
            raised.addAll(due);
            assertThat(due).as("the paper-back recall is overdue").anySatisfy(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.OVERDUE);
                assertThat(n.details()).containsEntry("barcode", p.barcode.value());
            });
            advance(at(monday.plusDays(2), 12, 0));
            lift.execute(archivist, new ServeRecall(p.barcode));
            p.returned = true;
            p.recall = null;
            assertThat(stateOf(p)).isEqualTo(CaseFileState.RETURNED);
        }
        // on Thursday the waiting files are looked at again: a pickup may have come due by waiting time
        advance(at(monday.plusDays(3), 9, 30));
        pickupIfDue();
    }

    /** After the last week no more files arrive; the planner is asked each morning until the last ones went. */
    private void windDown() {
        LocalDate day = mondayOf(WEEKS).plusDays(3);
        while (!waiting().isEmpty()) {
            day = day.plusDays(1);
            assertThat(day).as("the last files are collected within the maximum wait")
                    .isBefore(mondayOf(WEEKS).plusDays(3 + PICKUP.maxWait().toDays() + 2));
            advance(at(day, 9, 30));
            pickupIfDue();
        }
    }

    private void registerTransfers(int week) {
        List<PlannedTransfer> now = new ArrayList<>(plannedTransfers.stream().filter(t -> t.week() == week).toList());
        // and every week two people nobody knows yet
        for (int k = 0; k < 2; k++) {
            int n = ++fillerSerial;
            Subject s = new Subject(TRANSFER_SURNAMES.get(n % TRANSFER_SURNAMES.size()) + "-" + SECOND.get(n % 20),
                    GIVEN.get((n * 7) % 15), LocalDate.of(1960, 2, 1).plusDays(n * 53L), "AFG",
                    String.format("%012d", 500_000_000_000L + n * 104_729L));
            now.add(new PlannedTransfer(week, "new-" + n, s, FileReference.of(String.format("TR-2026/N%03d", n)),
                    Expect.NONE, null));
        }
        List<Barcode> labels = lift.inventory().issueCaseFileBarcodes(clerk, now.size());
        for (int k = 0; k < now.size(); k++) {
            PlannedTransfer t = now.get(k);
            LocalDate receivedOn = mondayOf(week).minusDays(k % 2 == 0 ? 3 : 0);
            String origin = ORIGINS.get(k % ORIGINS.size());
            Paper p = new Paper(labels.get(k), t.reference(), t.subject(), 0, origin, receivedOn,
                    ProtectionLevel.NORMAL, false);
            p.expect = t.expect();
            if (t.eFile() != null) {
                p.expectedEFile = t.eFile();
            }
            lift.execute(clerk, new RegisterTransfer(p.barcode, p.reference, p.subject, ProtectionLevel.NORMAL,
                    origin, receivedOn));
            p.registeredAt = clock.instant();
            papers.put(p.barcode, p);
            transfers.put(t.name(), p);
        }
    }

    /** Scan-on-demand recalls for a file waiting at the office, in weeks 8, 15 and 21. */
    private void recallsOf(int week) {
        if (week == 8 || week == 15 || week == 21) {
            Paper waiting = transfers.get("new-" + (2 * week - 1));
            assertThat(waiting.pickup).as("%s still waits", waiting).isNull();
            recall(waiting, RecallMode.SCAN_ON_DEMAND);
        }
    }

    private void recall(Paper p, RecallMode mode) {
        lift.execute(clerk, new RequestRecall(p.barcode, mode));
        p.recall = mode;
        p.recallAt = clock.instant();
    }

    private void retentionWork(int week) {
        if (week == 1) {
            for (int i : ORIGINALS_RETURNED_EARLY) {
                returnOriginals(bulk.get(i));
            }
        }
        if (week == 2) {
            for (int i : HELD) {
                hold(bulk.get(i), HoldReason.LEGAL_HOLD);
            }
            hold(bulk.get(OBJECTION), HoldReason.OPEN_OBJECTION);
        }
        if (week == 12) {
            lift.execute(clerk, new ReleaseHold(bulk.get(RELEASED_HOLD).barcode, HoldReason.LEGAL_HOLD));
            bulk.get(RELEASED_HOLD).holds.remove(HoldReason.LEGAL_HOLD);
        }
        if (week == 16) {
            returnOriginals(bulk.get(ORIGINALS_RETURNED_LATE));
        }
    }

    private void hold(Paper p, HoldReason reason) {
        lift.execute(clerk, new PlaceHold(p.barcode, reason));
        p.holds.add(reason);
    }

    private void returnOriginals(Paper p) {
        List<String> documents = p.renditions.stream().map(CaseFileOutcome.StoredRendition::documentId).toList();
        lift.execute(archivist, new ReturnOriginals(p.barcode, documents));
        p.originalsReturned = true;
    }

    /** A planned decision is taken in its week, or the first week after in which the file is held. */
    private void decisionsOf(int week) {
        for (PlannedDecision d : plannedDecisions) {
            Paper p = transfers.get(d.transfer());
            if (d.week() > week || p.decidedAt != null || !held.containsKey(p.barcode)) {
                continue;
            }
            assertThat(p.importedAt).as("%s not imported before the decision", d.transfer()).isNull();
            assertThat(stateOf(p)).isEqualTo(CaseFileState.VERIFIED);
            assertThat(lift.imports().held()).extracting(ImportResult::barcode).contains(p.barcode);
            assertThat(procedure.imports().values()).as("nothing of %s in any e-file", d.transfer())
                    .noneMatch(o -> o instanceof ImportOutcome.Accepted a && p.barcode.value().equals(
                            procedure.received(a.idempotencyKey()).get(0).pkg().metadata().get("barcode")));
            lift.execute(clerk, DecideMatch.appendTo(p.barcode, clerk.id(), d.eFile().get()));
            p.decidedAt = clock.instant();
            importAndRetain(List.of(p));
        }
    }

    // ---- pickups and the scan service ------------------------------------------------------------------

    /** Asks the planner; carries out a due pickup from collection to retention. */
    private boolean pickupIfDue() {
        PickupProposal proposal = lift.pickupPlanner().propose();
        boolean expected = expectDue();
        plannerSaidDue.add(proposal instanceof PickupProposal.Due);
        assertThat(proposal instanceof PickupProposal.Due).as("the planner's verdict at %s: %s", clock.instant(),
                proposal).isEqualTo(expected);
        List<Paper> waiting = waiting();
        assertThat(proposal.waiting()).extracting(WorkItem::barcode)
                .containsExactlyInAnyOrderElementsOf(waiting.stream().map(p -> p.barcode).toList());
        if (!(proposal instanceof PickupProposal.Due due)) {
            return false;
        }
        triggersSeen.addAll(due.triggers());
        Set<Barcode> recalled = waiting.stream().filter(p -> p.recall == RecallMode.SCAN_ON_DEMAND)
                .map(p -> p.barcode).collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(due.waiting().subList(0, recalled.size())).as("recalled files lead the list")
                .extracting(WorkItem::barcode).containsExactlyInAnyOrderElementsOf(recalled);
        if (!recalled.isEmpty()) {
            assertThat(due.triggers()).contains(PickupProposal.Trigger.RECALL);
            assertThat(due.date()).as("a recall is collected the same day").isEqualTo(today());
        }

        String id = "P-" + (++pickupSerial);
        List<Barcode> labels = due.newBoxes() == 0 ? List.of() : lift.inventory().issueBoxBarcodes(clerk, due.newBoxes());
        Map<Barcode, List<Barcode>> boxes = new LinkedHashMap<>();
        int label = 0;
        for (BoxSuggestion s : due.boxes()) {
            Barcode box = s.box().orElse(null);
            if (box == null) {
                box = labels.get(label++);
            }
            List<Barcode> content = new ArrayList<>(s.packed());
            content.addAll(s.toPack());
            boxes.put(box, content);
        }
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        boxes.keySet().forEach(b -> seals.put(b, seal(b)));
        for (Command c : due.commands(id, labels, seals)) {
            lift.execute(clerk, c);
        }
        List<Barcode> files = due.waiting().stream().map(WorkItem::barcode).toList();
        files.forEach(b -> papers.get(b).pickup = id);
        pickups.add(new PickupRun(id, due.date(), due.triggers(), files, recalled));
        lastPickupDate = lastPickupDate == null || due.date().isAfter(lastPickupDate) ? due.date() : lastPickupDate;

        LocalDate day = due.date();
        clock.advanceTo(later(at(day, 10, 0)));
        lift.execute(carrier, new CollectPickup(id, new HandoverProtocol(clerk.id(), carrier.id(), seals)));
        clock.advanceTo(at(day, 12, 0));
        boxes.forEach((box, content) -> lift.execute(scanner, new ReceiveBox(box, seal(box), new HashSet<>(content))));
        clock.advanceTo(at(day, 13, 0));
        files.forEach(b -> lift.execute(scanner, new PrepareCaseFile(b)));
        assertThat(lift.tracking().workList(CaseFileState.PREPARED).subList(0, recalled.size()))
                .as("the scan service's work list starts with the recalled files").extracting(WorkItem::barcode)
                .containsExactlyInAnyOrderElementsOf(recalled);
        clock.advanceTo(at(day, 14, 0));
        capture(id, files.stream().map(papers::get).toList());
        clock.advanceTo(at(day, 15, 0));
        visualInspection(id, files.stream().map(papers::get).toList());
        clock.advanceTo(at(day, 16, 0));
        importAndRetain(files.stream().map(papers::get).toList());
        return true;
    }

    /** The files at the office waiting for collection, by the test's own record. */
    private List<Paper> waiting() {
        return papers.values().stream().filter(p -> p.pickup == null && p.recall != RecallMode.PAPER_BACK).toList();
    }

    /** Whether a pickup is due, worked out from the policy and the test's own record. */
    private boolean expectDue() {
        List<Paper> waiting = waiting();
        if (waiting.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant oldest = waiting.stream().map(Paper::waitingSince).min(Instant::compareTo).orElseThrow();
        boolean byCount = waiting.size() >= PICKUP.minFiles();
        boolean byWait = !now.isBefore(oldest.plus(PICKUP.maxWait()));
        boolean byInterval = lastPickupDate != null
                && !now.isBefore(lastPickupDate.atStartOfDay(ZoneOffset.UTC).toInstant().plus(PICKUP.interval()));
        boolean byRecall = waiting.stream().anyMatch(p -> p.recall == RecallMode.SCAN_ON_DEMAND);
        return byCount || byWait || byInterval || byRecall;
    }

    /** Captures the pickup's files from generated deliveries; planted faults are rejected and delivered again. */
    private void capture(String pickup, List<Paper> files) {
        List<Paper> plain = files.stream().filter(p -> !p.originals).toList();
        List<Paper> originals = files.stream().filter(p -> p.originals).toList();
        List<Paper> again = new ArrayList<>();
        if (!plain.isEmpty()) {
            again.addAll(ingest("D-" + pickup, plain, 0.0, true));
        }
        if (!originals.isEmpty()) {
            again.addAll(ingest("D-" + pickup + "-O", originals, 1.0, true));
        }
        for (Paper p : again) {
            assertThat(ingest("D-" + pickup + "-R-" + p.barcode.value(), List.of(p), p.originals ? 1.0 : 0.0, false))
                    .as("the second delivery of %s is clean", p).isEmpty();
        }
    }

    /** @return the files rejected at capture */
    private List<Paper> ingest(String deliveryId, List<Paper> files, double originalsShare, boolean withFaults) {
        DeliverySpec.Builder spec = DeliverySpec.builder().deliveryId(deliveryId).geometry(PAGE)
                .seed(deliveryId.hashCode()).barcodes(files.stream().map(p -> p.barcode.value()).toList())
                .documentsPerFile(1, 2).sheetsPerDocument(1, 2).duplex(false).formats(DeliverySpec.Formats.MIXED)
                .originalToReturnShare(originalsShare).createdAt(clock.instant().minusSeconds(1800));
        Set<Barcode> faulty = new HashSet<>();
        if (withFaults) {
            for (Paper p : files) {
                if (p.bulkNumber == TRUNCATED) {
                    spec.fault(ScanFault.TRUNCATED_IMAGE, p.barcode.value(), 1);
                    faulty.add(p.barcode);
                } else if (p.bulkNumber == HASH_MISMATCH) {
                    spec.fault(ScanFault.HASH_MISMATCH, p.barcode.value(), 1);
                    faulty.add(p.barcode);
                }
            }
        }
        IngestReport report;
        try {
            report = lift.capture().ingest(scanner, ScanGenerator.writeDelivery(tmp.resolve(deliveryId), spec.build())
                    .directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(report.rejected()).as("rejected in %s: %s", deliveryId, report.problems())
                .extracting(CaseFileOutcome::barcode)
                .containsExactlyInAnyOrderElementsOf(faulty.stream().map(Barcode::value).toList());
        List<Paper> rejected = new ArrayList<>();
        for (CaseFileOutcome.Rejected r : report.rejected()) {
            Paper p = papers.get(Barcode.of(r.barcode()));
            captureRejections.put(p.barcode, r.problems().stream().map(x -> x.kind().name()).toList());
            assertThat(r.problems()).anySatisfy(x -> assertThat(x.page()).isNotEmpty());
            assertThat(stateOf(p)).isEqualTo(CaseFileState.PREPARED);
            rejected.add(p);
        }
        for (CaseFileOutcome.Captured c : report.captured()) {
            papers.get(Barcode.of(c.barcode())).renditions = c.renditions();
        }
        return rejected;
    }

    /**
     * Where capture left a file {@code CAPTURED} (drawn for the visual sample, or four eyes needed), the
     * reviewers look at it; the first such file of the project fails and is rescanned.
     */
    private void visualInspection(String pickup, List<Paper> files) {
        for (Paper p : files) {
            if (stateOf(p) != CaseFileState.CAPTURED) {
                continue;
            }
            if (visualFailTarget == null) {
                visualFailTarget = p;
                lift.execute(reviewer, new FailQualityCheck(p.barcode, List.of("UNREADABLE:doc-1")));
                visuallyFailed.add(p.barcode);
                assertThat(stateOf(p)).isEqualTo(CaseFileState.QA_FAILED);
                assertThat(ingest("D-" + pickup + "-V-" + p.barcode.value(), List.of(p), p.originals ? 1.0 : 0.0,
                        false)).isEmpty();
                if (stateOf(p) != CaseFileState.CAPTURED) {
                    continue;
                }
            }
            lift.execute(reviewer, new PassQualityCheck(p.barcode, reviewer.id()));
            if (p.protection == ProtectionLevel.HIGH) {
                assertThat(stateOf(p)).as("four eyes").isEqualTo(CaseFileState.CAPTURED);
                lift.execute(secondReviewer, new PassQualityCheck(p.barcode, secondReviewer.id()));
            }
            assertThat(stateOf(p)).isEqualTo(CaseFileState.VERIFIED);
        }
    }

    /** Imports what is ready; a rejection is corrected and retried at once; the imported paper is retained. */
    private void importAndRetain(List<Paper> expectedReady) {
        ImportReport report = lift.imports().importReady(importer);
        assertThat(report.failed()).as("failed imports").isEmpty();
        assertThat(report.pending()).as("the in-memory procedure decides at once").isEmpty();
        Set<Barcode> taken = report.results().stream().map(ImportResult::barcode).collect(Collectors.toSet());
        assertThat(taken).as("every verified file of this run is taken up")
                .containsAll(expectedReady.stream().map(p -> p.barcode).toList());
        List<Paper> imported = new ArrayList<>(record(report));
        if (!report.rejected().isEmpty()) {
            clock.advance(Duration.ofMinutes(30));
            for (ImportResult.Rejected r : report.rejected()) {
                // the clerk had the e-file unlocked: the import goes again
                lift.execute(clerk, new RetryImport(r.barcode()));
            }
            ImportReport retried = lift.imports().importReady(importer);
            assertThat(retried.imported()).extracting(ImportResult::barcode)
                    .containsExactlyInAnyOrderElementsOf(report.rejected().stream().map(ImportResult::barcode).toList());
            imported.addAll(record(retried));
        }
        clock.advance(Duration.ofMinutes(45));
        for (Paper p : imported) {
            lift.execute(archivist, new RetainPaper(p.barcode));
        }
    }

    private List<Paper> record(ImportReport report) {
        List<Paper> imported = new ArrayList<>();
        for (ImportResult r : report.results()) {
            Paper p = papers.get(r.barcode());
            if (r instanceof ImportResult.Imported i) {
                p.importedAt = clock.instant();
                p.eFile = i.eFileId();
                if (p.recall == RecallMode.SCAN_ON_DEMAND) {
                    p.recall = null; // served by the confirmed import
                }
                imported.add(p);
            } else if (r instanceof ImportResult.Rejected) {
                importRejected.add(p.barcode);
            } else if (r instanceof ImportResult.Held h) {
                held.putIfAbsent(p.barcode, h);
                p.heldAt = p.heldAt == null ? clock.instant() : p.heldAt;
            }
        }
        return imported;
    }

    // ---- destruction ----------------------------------------------------------------------------------

    private void destructionRun() {
        Instant now = clock.instant();
        Set<Barcode> pastRetention = new TreeSet<>();
        Set<Barcode> expected = new TreeSet<>();
        for (Paper p : papers.values()) {
            if (p.importedAt == null || p.destroyed || p.returned || now.isBefore(p.importedAt.plus(RETENTION))) {
                continue;
            }
            pastRetention.add(p.barcode);
            boolean originalsOut = p.originals && !p.originalsReturned;
            if (p.holds.isEmpty() && !originalsOut && p.recall == null) {
                expected.add(p.barcode);
            }
        }
        DestructionList list = lift.destruction().prepare(clerk);
        assertThat(list.entries()).as("listed at %s: %s", now, explain(list, expected))
                .extracting(DestructionList.Entry::barcode)
                .containsExactlyInAnyOrderElementsOf(expected);
        Set<Barcode> excluded = new TreeSet<>(pastRetention);
        excluded.removeAll(expected);
        assertThat(list.excluded()).as("excluded at %s", now).extracting(DestructionList.Exclusion::barcode)
                .containsExactlyInAnyOrderElementsOf(excluded);
        for (DestructionList.Exclusion x : list.excluded()) {
            Paper p = papers.get(x.barcode());
            List<String> reasons = new ArrayList<>();
            p.holds.forEach(h -> reasons.add("HOLD:" + h.name()));
            if (p.originals && !p.originalsReturned) {
                p.renditions.forEach(r -> reasons.add("ORIGINAL_NOT_RETURNED:" + r.documentId()));
            }
            if (p.recall != null) {
                reasons.add("RECALL_OPEN:" + p.recall.name());
            }
            assertThat(x.reasons()).as("why %s is kept", p).containsExactlyInAnyOrderElementsOf(reasons);
        }
        long withinRetention = papers.values().stream().filter(p -> p.importedAt != null && !p.destroyed
                && !p.returned && now.isBefore(p.importedAt.plus(RETENTION))).count();
        assertThat(list.notYetDue()).as("retained files still within retention").isEqualTo((int) withinRetention);
        Set<Barcode> destroyed = Set.of();
        if (!expected.isEmpty()) {
            assertThat(lastNotification(NotificationType.DESTRUCTION_DUE).details()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("list", list.id(), "files", Integer.toString(expected.size()),
                            "excluded", Integer.toString(excluded.size())));
            clock.advance(Duration.ofMinutes(5));
            DestructionList confirmed = lift.destruction().confirm(shredder, list.id(),
                    "VN-2026-" + (++certificateSerial));
            DestructionList.Confirmation c = confirmed.confirmation().orElseThrow();
            assertThat(c.skipped()).isEmpty();
            destroyed = new TreeSet<>(c.destroyed());
            assertThat(lastNotification(NotificationType.DESTRUCTION_CONFIRMED).details())
                    .containsEntry("list", list.id()).containsEntry("certificate", c.certificateNumber())
                    .containsEntry("destroyed", Integer.toString(expected.size()));
            destroyed.forEach(b -> papers.get(b).destroyed = true);
        }
        destructionRuns.add(new DestructionRun(now, expected, list, destroyed));
    }

    /** For a failure message: the files on which list and expectation differ, with what the test knows of them. */
    private String explain(DestructionList list, Set<Barcode> expected) {
        Set<Barcode> listed = list.entries().stream().map(DestructionList.Entry::barcode).collect(Collectors.toSet());
        StringBuilder sb = new StringBuilder();
        for (Paper p : papers.values()) {
            if (listed.contains(p.barcode) != expected.contains(p.barcode)) {
                sb.append(p).append(" imported ").append(p.importedAt).append(" recall ").append(p.recall)
                        .append(" holds ").append(p.holds).append(" originals ").append(p.originals)
                        .append('/').append(p.originalsReturned).append(" retention until ")
                        .append(list.entries().stream().filter(e -> e.barcode().equals(p.barcode)).findFirst()
                                .map(DestructionList.Entry::retainedUntil).orElse(null)).append("; ");
            }
        }
        return sb.toString();
    }

    // ---- the checks ---------------------------------------------------------------------------------

    @Test
    @DisplayName("the scenario has the size the issue asks for: hundreds of files, months of operation, many pickups")
    void size() {
        assertThat(bulk).hasSize(BULK);
        assertThat(transfers).hasSizeGreaterThanOrEqualTo(60);
        assertThat(clock.instant()).isAfter(START.plus(Duration.ofDays(180)));
        assertThat(pickups).hasSizeGreaterThan(10);
        assertThat(plannerSaidDue).as("the planner also said no").contains(false);
        assertThat(triggersSeen).as("pickups became due by count, by waiting time and by recall")
                .contains(PickupProposal.Trigger.FILE_COUNT, PickupProposal.Trigger.OLDEST_WAITING,
                        PickupProposal.Trigger.RECALL);
    }

    @Test
    @DisplayName("every document is imported exactly once: one accepted hand-over per case file, carrying exactly its renditions")
    void everyDocumentOnce() {
        Map<String, List<InMemorySpecialistProcedure.Received>> acceptedByBarcode = new HashMap<>();
        for (Map.Entry<String, ImportOutcome> e : procedure.imports().entrySet()) {
            List<InMemorySpecialistProcedure.Received> received = procedure.received(e.getKey());
            assertThat(received).as("hand-over %s took effect at most once", e.getKey()).hasSizeLessThanOrEqualTo(1);
            if (e.getValue() instanceof ImportOutcome.Accepted && !received.isEmpty()) {
                String barcode = received.get(0).pkg().metadata().get("barcode");
                acceptedByBarcode.computeIfAbsent(barcode, k -> new ArrayList<>()).add(received.get(0));
            }
        }
        assertThat(acceptedByBarcode.keySet()).as("case files in the e-files")
                .containsExactlyInAnyOrderElementsOf(papers.keySet().stream().map(Barcode::value).toList());
        for (Paper p : papers.values()) {
            List<InMemorySpecialistProcedure.Received> got = acceptedByBarcode.get(p.barcode.value());
            assertThat(got).as("accepted imports of %s", p).hasSize(1);
            ImportPackage pkg = got.get(0).pkg();
            assertThat(pkg.eFileId()).as("e-file of %s", p).isEqualTo(p.eFile);
            assertThat(pkg.documents()).as("documents of %s", p).extracting(PackageItem::sha256)
                    .containsExactlyInAnyOrderElementsOf(p.renditions.stream()
                            .map(CaseFileOutcome.StoredRendition::sha256).toList());
            assertThat(history(p).stream().filter(e -> e.kind() == EventKind.IMPORT_CONFIRMED)).hasSize(1);
        }
        long documents = acceptedByBarcode.values().stream().mapToLong(l -> l.get(0).pkg().documents().size()).sum();
        assertThat(documents).as("documents in the e-files")
                .isEqualTo(papers.values().stream().mapToLong(p -> p.renditions.size()).sum())
                .isGreaterThan(BULK);
    }

    @Test
    @DisplayName("every transfer went to the e-file the test expected, or created one exactly once")
    void transfersMatched() {
        Set<String> created = new HashSet<>();
        for (Map.Entry<String, Paper> e : transfers.entrySet()) {
            Paper p = e.getValue();
            assertThat(p.eFile).as("%s imported", e.getKey()).isNotNull();
            String by = history(p).stream().filter(x -> x.kind() == EventKind.EFILE_MATCHED).map(x -> x.get("by"))
                    .findFirst().orElse(null);
            switch (p.expect) {
                case NONE -> {
                    assertThat(by).as("%s", e.getKey()).isEqualTo("NONE");
                    assertThat(procedure.eFiles()).as("%s: the e-file created for it", e.getKey())
                            .filteredOn(f -> f.id().equals(p.eFile)).singleElement()
                            .satisfies(f -> assertThat(f.fileReference()).isEqualTo(p.reference.value()));
                    assertThat(created.add(p.eFile)).as("%s has an e-file of its own", e.getKey()).isTrue();
                    assertThat(procedure.findByAzrNumber(p.subject.azrNumber())).as("one e-file per new person")
                            .extracting(EFile::id).containsExactly(p.eFile);
                }
                case AMBIGUOUS, CONFLICT -> assertThat(p.eFile).as("%s: the clerk's choice", e.getKey())
                        .isEqualTo(p.expectedEFile.get());
                default -> {
                    assertThat(by).as("%s matched by", e.getKey()).isEqualTo(p.expect.name());
                    assertThat(p.eFile).as("%s appended to", e.getKey()).isEqualTo(p.expectedEFile.get());
                }
            }
        }
        long newPeople = transfers.values().stream().filter(p -> p.expect == Expect.NONE).count();
        assertThat(procedure.eFiles()).as("e-files: kept before, one per bulk file, one per new person")
                .hasSize(existing.size() + BULK + (int) newPeople);
        for (Paper p : bulk.values()) {
            assertThat(procedure.findByFileReference(p.reference.value())).map(EFile::id).contains(p.eFile);
        }
    }

    @Test
    @DisplayName("ambiguous and conflicting transfers were held, notified, and imported only after the clerk's decision")
    void heldUntilDecided() {
        Paper ambiguous = transfers.get("ambiguous");
        Paper conflicting = transfers.get("conflicting");
        assertThat(held).containsOnlyKeys(ambiguous.barcode, conflicting.barcode);
        assertThat(plannedDecisions).allSatisfy(d -> assertThat(transfers.get(d.transfer()).decidedAt).isNotNull());
        assertThat(held.get(ambiguous.barcode).reasons()).containsExactly(MatchReason.AMBIGUOUS_SUBJECT);
        assertThat(held.get(ambiguous.barcode).candidateEFileIds())
                .containsExactlyInAnyOrder(existing.get("YILMAZ-A").id(), existing.get("YILMAZ-B").id());
        assertThat(held.get(conflicting.barcode).reasons()).containsExactly(MatchReason.AZR_NUMBER_VS_SUBJECT);
        assertThat(held.get(conflicting.barcode).candidateEFileIds())
                .containsExactlyInAnyOrder(existing.get("KAYA").id(), existing.get("DEMIR").id());
        for (Paper p : List.of(ambiguous, conflicting)) {
            assertThat(p.decidedAt).isAfter(p.heldAt);
            assertThat(p.importedAt).as("%s imported after the decision", p).isAfterOrEqualTo(p.decidedAt);
            Instant confirmed = history(p).stream().filter(e -> e.kind() == EventKind.IMPORT_CONFIRMED)
                    .map(JournalEvent::time).findFirst().orElseThrow();
            assertThat(confirmed).isAfterOrEqualTo(p.decidedAt);
            assertThat(history(p).stream().filter(e -> e.kind() == EventKind.IMPORT_SUBMITTED).map(JournalEvent::time))
                    .as("nothing handed over before the decision").allSatisfy(t -> assertThat(t).isAfterOrEqualTo(p.decidedAt));
            assertThat(notifier.delivered()).filteredOn(n -> n.type() == NotificationType.MATCH_NEEDS_DECISION)
                    .filteredOn(n -> p.barcode.value().equals(n.details().get("barcode"))).isNotEmpty();
        }
        assertThat(lift.imports().held()).isEmpty();
    }

    @Test
    @DisplayName("recalled files were collected the same day, imported before the others of their pickup, within the SLA")
    void recallsFirst() {
        List<PickupRun> withRecalls = pickups.stream().filter(r -> !r.recalls().isEmpty()).toList();
        assertThat(withRecalls).hasSize(3);
        for (PickupRun run : withRecalls) {
            assertThat(run.files()).as("%s has other files too", run.id()).hasSizeGreaterThan(run.recalls().size());
            long lastRecall = 0;
            for (Barcode b : run.recalls()) {
                Paper p = papers.get(b);
                JournalEvent confirmed = event(p, EventKind.IMPORT_CONFIRMED);
                assertThat(confirmed.time()).as("%s within the SLA", p).isBefore(p.recallAt.plus(RECALL_SLA));
                assertThat(event(p, EventKind.RECALL_SERVED).time()).isBefore(p.recallAt.plus(RECALL_SLA));
                assertThat(run.date()).isEqualTo(LocalDate.ofInstant(p.recallAt, ZoneOffset.UTC));
                lastRecall = Math.max(lastRecall, confirmed.sequence());
                assertThat(notifier.delivered()).filteredOn(n -> n.type() == NotificationType.RECALL_SERVED)
                        .filteredOn(n -> b.value().equals(n.details().get("barcode"))).hasSize(1);
            }
            for (Barcode b : run.files()) {
                if (!run.recalls().contains(b)) {
                    assertThat(event(papers.get(b), EventKind.IMPORT_CONFIRMED).sequence())
                            .as("%s imported after the recalled files", papers.get(b)).isGreaterThan(lastRecall);
                }
            }
        }
        assertThat(lift.tracking().overdue()).as("nothing overdue at the end").isEmpty();
    }

    @Test
    @DisplayName("the rejected import was notified, retried after correction, and imported once")
    void rejectedOnceAndRetried() {
        Paper p = bulk.get(REJECTED_ONCE);
        assertThat(importRejected).containsExactly(p.barcode);
        assertThat(history(p)).extracting(JournalEvent::kind).containsSubsequence(EventKind.IMPORT_SUBMITTED,
                EventKind.IMPORT_REJECTED, EventKind.IMPORT_RETRIED, EventKind.IMPORT_SUBMITTED,
                EventKind.IMPORT_CONFIRMED, EventKind.RETAINED);
        assertThat(history(p).stream().filter(e -> e.kind() == EventKind.IMPORT_REJECTED)).hasSize(1);
        assertThat(notifier.delivered()).filteredOn(n -> n.type() == NotificationType.IMPORT_REJECTED).singleElement()
                .satisfies(n -> assertThat(n.details()).containsEntry("barcode", p.barcode.value())
                        .containsEntry("reason", "EFILE_LOCKED"));
        assertThat(farSide.handOvers()).as("one hand-over per file, one more for the rejected one")
                .isEqualTo(papers.size() + 1);
    }

    @Test
    @DisplayName("faulty pages were rejected at capture and delivered again; a failed visual check was rescanned")
    void qualityChecks() {
        assertThat(captureRejections).containsOnlyKeys(bulk.get(TRUNCATED).barcode, bulk.get(HASH_MISMATCH).barcode);
        assertThat(captureRejections.get(bulk.get(TRUNCATED).barcode)).contains("TRUNCATED_IMAGE");
        assertThat(captureRejections.get(bulk.get(HASH_MISMATCH).barcode)).contains("HASH_MISMATCH");
        assertThat(visuallyFailed).hasSize(1);
        Paper v = papers.get(visuallyFailed.iterator().next());
        assertThat(history(v)).extracting(JournalEvent::kind).containsSubsequence(EventKind.CAPTURED,
                EventKind.QA_FAILED, EventKind.CAPTURED, EventKind.QA_PASSED, EventKind.IMPORT_CONFIRMED);
        Set<String> qaFailed = notifier.delivered().stream().filter(n -> n.type() == NotificationType.QA_FAILED)
                // a failed visual check names its case file; a delivery's capture rejections name theirs together
                .flatMap(n -> n.details().containsKey("barcode") ? java.util.stream.Stream.of(n.details().get("barcode"))
                        : java.util.Arrays.stream(n.details().get("barcodes").split(",")))
                .collect(Collectors.toSet());
        assertThat(qaFailed).containsExactlyInAnyOrder(bulk.get(TRUNCATED).barcode.value(),
                bulk.get(HASH_MISMATCH).barcode.value(), v.barcode.value());
        long inspected = papers.values().stream().filter(p -> history(p).stream()
                .anyMatch(e -> e.kind() == EventKind.QA_PASSED && e.get("reviewers") != null
                        && e.get("reviewers").contains(reviewer.id()))).count();
        long highFiles = bulk.values().stream().filter(p -> p.protection == ProtectionLevel.HIGH).count();
        assertThat(inspected).as("files a person inspected: every high one, and the sample of the others")
                .isGreaterThan(highFiles);
    }

    @Test
    @DisplayName("destruction runs destroyed exactly the files past retention with no hold, no original out and no open recall")
    void destruction() {
        assertThat(destructionRuns).hasSizeGreaterThanOrEqualTo(5);
        Set<Barcode> expected = new TreeSet<>();
        Set<Barcode> destroyed = new TreeSet<>();
        for (DestructionRun r : destructionRuns) {
            assertThat(r.destroyed()).as("run of %s", r.at()).isEqualTo(r.expected());
            expected.addAll(r.expected());
            destroyed.addAll(r.destroyed());
        }
        assertThat(destroyed).isEqualTo(expected);
        assertThat(destructionRuns.stream().filter(r -> !r.destroyed().isEmpty())).as("runs that destroyed something")
                .hasSizeGreaterThanOrEqualTo(3);
        for (Paper p : papers.values()) {
            assertThat(stateOf(p) == CaseFileState.DESTROYED).as("%s destroyed", p).isEqualTo(destroyed.contains(p.barcode));
        }
        for (int i : HELD) {
            assertThat(destroyed.contains(bulk.get(i).barcode)).as("bulk #%d", i).isEqualTo(i == RELEASED_HOLD);
        }
        assertThat(destroyed).doesNotContain(bulk.get(OBJECTION).barcode, bulk.get(PAPER_BACK).barcode);
        Barcode released = bulk.get(RELEASED_HOLD).barcode;
        DestructionRun releasedIn = destructionRuns.stream().filter(r -> r.destroyed().contains(released))
                .findFirst().orElseThrow();
        assertThat(destructionRuns.stream().filter(r -> r.at().isBefore(releasedIn.at()))
                .flatMap(r -> r.list().excluded().stream()).map(DestructionList.Exclusion::barcode))
                .as("kept off the lists while held").contains(released);
        for (int i = 5; i <= BULK; i += 50) {
            boolean returned = ORIGINALS_RETURNED_EARLY.contains(i) || i == ORIGINALS_RETURNED_LATE;
            assertThat(destroyed.contains(bulk.get(i).barcode)).as("bulk #%d with originals", i).isEqualTo(returned);
        }
        assertThat(destructionRuns.stream().flatMap(r -> r.list().excluded().stream())
                .filter(x -> x.barcode().equals(bulk.get(PAPER_BACK).barcode)).flatMap(x -> x.reasons().stream()))
                .contains("RECALL_OPEN:PAPER_BACK");
        assertThat(destroyed).as("the transfers of the first months went too")
                .anySatisfy(b -> assertThat(papers.get(b).transfer()).isTrue());
    }

    @Test
    @DisplayName("every kind of notification the office gets was seen")
    void notifications() {
        Set<NotificationType> seen = notifier.delivered().stream().map(Notification::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(NotificationType.class)));
        assertThat(seen).contains(NotificationType.TRANSFER_REGISTERED, NotificationType.QA_FAILED,
                NotificationType.RECALL_SERVED, NotificationType.OVERDUE, NotificationType.DESTRUCTION_DUE,
                NotificationType.DESTRUCTION_CONFIRMED, NotificationType.IMPORT_REJECTED,
                NotificationType.MATCH_NEEDS_DECISION, NotificationType.PICKUP_PROPOSED);
        assertThat(notifier.delivered()).filteredOn(n -> n.type() == NotificationType.TRANSFER_REGISTERED)
                .hasSize(transfers.size());
        assertThat(lift.notifications().undelivered()).isEmpty();
        assertThat(raised).isNotEmpty();
    }

    @Test
    @DisplayName("no name, date of birth or AZR number of any subject reached the journal, a notification, a package's metadata or a log line")
    void noPersonalData() {
        Forbidden forbidden = new Forbidden(papers.values().stream().map(p -> p.subject).toList());
        Subject someone = bulk.get(BULK_BY_AZR).subject;
        for (String leak : List.of("file of " + SubjectMatching.normalizeName(someone.surname()).toUpperCase(),
                "born " + someone.dateOfBirth().format(DateTimeFormatter.ofPattern("dd.MM.yyyy")),
                "azr=" + someone.azrNumber() + ";", "{\"given\":\"" + someone.givenNames() + "\"}")) {
            assertThatThrownBy(() -> forbidden.assertAbsent("probe", leak)).as("the check sees a leak in any spelling")
                    .isInstanceOf(AssertionError.class);
        }
        Key events = Key.of("journal/events");
        Key checkpoints = Key.of("journal/checkpoints");
        ObjectMapper json = new ObjectMapper();
        long checked = 0;
        for (Key log : List.of(events, checkpoints)) {
            long n = storage.logs().length(log);
            for (long from = 0; from < n; from += 1000) {
                for (LogEntry e : storage.logs().read(log, from, 1000)) {
                    String raw = new String(e.data(), StandardCharsets.UTF_8);
                    String decoded;
                    try {
                        decoded = json.readTree(e.data()).toString();
                    } catch (IOException notJson) {
                        decoded = raw;
                    }
                    forbidden.assertAbsent("journal entry " + e.sequence(), raw + "\n" + decoded);
                    checked++;
                }
            }
        }
        assertThat(checked).as("journal entries read").isGreaterThan(papers.size());
        for (Notification n : notifier.delivered()) {
            forbidden.assertAbsent("notification " + n.id(), n.id() + " " + n.details() + " " + n.recipient());
        }
        for (String key : procedure.imports().keySet()) {
            for (InMemorySpecialistProcedure.Received r : procedure.received(key)) {
                forbidden.assertAbsent("metadata of " + key, r.pkg().metadata().toString() + r.pkg().fileReference());
            }
        }
        assertThat(logs.list).as("log lines were captured").isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            forbidden.assertAbsent("log line", render(e));
        }
    }

    @Test
    @DisplayName("at the end every file is where the test expects it, and the journal verifies clean")
    void endState() {
        for (Paper p : papers.values()) {
            CaseFileState expected = p.destroyed ? CaseFileState.DESTROYED
                    : p.returned ? CaseFileState.RETURNED : CaseFileState.RETAINED;
            assertThat(stateOf(p)).as("%s", p).isEqualTo(expected);
        }
        assertThat(lift.tracking().caseFiles()).containsExactlyInAnyOrderElementsOf(papers.keySet());
        VerificationReport report = lift.tracking().verify();
        assertThat(report.firstViolation()).isEmpty();
        assertThat(report.eventsChecked()).as("every stored event checked")
                .isEqualTo(storage.logs().length(Key.of("journal/events"))).isGreaterThan(10L * papers.size());
        assertThat(lift.tracking().discrepancies()).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static LocalDate mondayOf(int week) {
        LocalDate first = LocalDate.ofInstant(START, ZoneOffset.UTC);
        assertThat(first.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        return first.plusWeeks(week);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).toInstant(ZoneOffset.UTC);
    }

    private void advance(Instant t) {
        clock.advanceTo(later(t));
    }

    private Instant later(Instant t) {
        return t.isAfter(clock.instant()) ? t : clock.instant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static SealNumber seal(Barcode box) {
        return SealNumber.of("S-" + box.value());
    }

    private Notification lastNotification(NotificationType type) {
        List<Notification> all = notifier.delivered().stream().filter(n -> n.type() == type).toList();
        assertThat(all).as("%s notifications", type).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private CaseFileState stateOf(Paper p) {
        return lift.tracking().whereIs(p.barcode).orElseThrow().state();
    }

    private List<JournalEvent> history(Paper p) {
        return lift.tracking().history(p.barcode);
    }

    private JournalEvent event(Paper p, EventKind kind) {
        return history(p).stream().filter(e -> e.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError(p + " has no " + kind + " event"));
    }

    private void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        aktenliftLogger = (Logger) LoggerFactory.getLogger("io.github.aktenlift");
        previousLevel = aktenliftLogger.getLevel();
        aktenliftLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        aktenliftLogger.setAdditive(false);
        aktenliftLogger.addAppender(logs);
        root.addAppender(logs);
    }

    private void releaseLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        aktenliftLogger.detachAppender(logs);
        aktenliftLogger.setAdditive(true);
        aktenliftLogger.setLevel(previousLevel);
        logs.stop();
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder().append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
        if (e.getThrowableProxy() != null) {
            sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        if (e.getKeyValuePairs() != null) {
            sb.append(' ').append(e.getKeyValuePairs());
        }
        return sb.toString();
    }

    /**
     * Every form in which a subject's data could show: name parts in matching form (so that "Weiß",
     * "WEISS" and "weiss" are all caught), dates of birth in ISO and German form, AZR numbers. Texts
     * are scanned token by token, so hundreds of subjects cost one pass.
     */
    static final class Forbidden {
        private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}\\.\\d{2}\\.\\d{4}");
        private static final Pattern AZR = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
        private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy");
        private final Set<String> names = new HashSet<>();
        private final Set<String> numbers = new HashSet<>();

        Forbidden(List<Subject> subjects) {
            for (Subject s : subjects) {
                for (String name : List.of(s.surname(), s.givenNames())) {
                    for (String part : SubjectMatching.normalizeName(name).split(" ")) {
                        if (part.length() >= 3) {
                            names.add(part);
                        }
                    }
                }
                numbers.add(s.dateOfBirth().toString());
                numbers.add(s.dateOfBirth().format(GERMAN));
                if (s.azrNumber() != null) {
                    numbers.add(s.azrNumber());
                }
            }
        }

        void assertAbsent(String where, String text) {
            Matcher w = WORD.matcher(text);
            while (w.find()) {
                String token = SubjectMatching.normalizeName(w.group());
                if (names.contains(token)) {
                    fail(where + " contains a subject's name (" + token.length() + " letters at " + w.start() + ")");
                }
            }
            for (Pattern p : List.of(DATE, AZR)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    if (numbers.contains(m.group())) {
                        fail(where + " contains a subject's date of birth or AZR number (at " + m.start() + ")");
                    }
                }
            }
        }
    }

    /**
     * The specialist procedure as the office reaches it: every call logged; the first hand-over of
     * {@link #REJECTED_ONCE} is rejected, as a procedure does whose e-file another user has locked.
     */
    final class FarSide extends ProcedureProbe {
        private final Map<String, ImportOutcome> rejected = Collections.synchronizedMap(new HashMap<>());
        private final java.util.concurrent.atomic.AtomicInteger handOvers = new java.util.concurrent.atomic.AtomicInteger();
        private boolean rejectedOnce;

        FarSide(SpecialistProcedure target) {
            super(target);
        }

        int handOvers() {
            return handOvers.get();
        }

        @Override
        public ImportOutcome importPackage(ImportPackage pkg) {
            handOvers.incrementAndGet();
            synchronized (this) {
                ImportOutcome known = rejected.get(pkg.idempotencyKey());
                Paper p = bulk.get(REJECTED_ONCE);
                if (known == null && !rejectedOnce && p != null && p.barcode.value().equals(pkg.metadata().get("barcode"))) {
                    rejectedOnce = true;
                    known = new ImportOutcome.Rejected(pkg.idempotencyKey(), "EFILE_LOCKED",
                            "the e-file is locked by another user");
                    rejected.put(pkg.idempotencyKey(), known);
                }
                if (known != null) {
                    return known;
                }
            }
            return super.importPackage(pkg);
        }

        @Override
        public ImportOutcome status(String idempotencyKey) {
            ImportOutcome known = rejected.get(idempotencyKey);
            return known != null ? known : super.status(idempotencyKey);
        }
    }
}
