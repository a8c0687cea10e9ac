package io.github.aktenlift;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Personal data of subjects lives only in the subject register: it never reaches a log line, an
 * exception message, the journal or a record's {@code toString()}, even when commands are rejected
 * because of it.
 */
@DisplayName("Personal data")
class PersonalDataTest {

    private static final Key EVENTS = Key.of("journal/events");
    private static final Key CHECKPOINTS = Key.of("journal/checkpoints");
    private static final Key SUBJECTS = Key.of("subjects/entries");
    private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private static final Subject OEZDEMIR = new Subject("Özdemir-Zzyzx", "Xaverius Quirin",
            LocalDate.of(1987, 6, 5), "TUR", "123456789012");
    private static final Subject WASOWICZ = new Subject("Wąsowicz-Qvirl", "Jolanta Brygida",
            LocalDate.of(1979, 11, 23), "POL", "210987654321");
    private static final Subject MUELLER = new Subject("Müller-Vexford", "Henrike Ottilie",
            LocalDate.of(1992, 2, 29), "SRB", "555666777888");
    /** Invalid values that a rejected command carries; they must not leak either. */
    private static final LocalDate FUTURE_BIRTH = LocalDate.of(2031, 7, 19);
    private static final String SHORT_AZR = "97531";

    /** A file reference is an office identifier, not personal data: it may and does reach the journal. */
    private static final FileReference REFERENCE = FileReference.of("32.1-ÄB-2024/0815");

    private final List<String> exceptionTexts = new ArrayList<>();
    private ListAppender<ILoggingEvent> logs;
    private Logger aktenliftLogger;
    private Level previousLevel;
    private Office o;

    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        aktenliftLogger = (Logger) LoggerFactory.getLogger("io.github.aktenlift");
        previousLevel = aktenliftLogger.getLevel();
        aktenliftLogger.setLevel(Level.TRACE);
        logs = new ListAppender<>();
        logs.start();
        // ours only to this list, not to the console; on the root too, for other libraries' warnings
        aktenliftLogger.setAdditive(false);
        aktenliftLogger.addAppender(logs);
        root.addAppender(logs);
        o = new Office();
    }

    @AfterEach
    void releaseLogs() {
        o.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        aktenliftLogger.detachAppender(logs);
        aktenliftLogger.setAdditive(true);
        aktenliftLogger.setLevel(previousLevel);
        logs.stop();
    }

    @Nested
    @DisplayName("through a realistic day with many rejected commands")
    class RealisticFlow {

        @BeforeEach
        void runTheOffice() {
            workTheLifecycle();
            rejectCommands();
            importBaselines();
            queryBySubject();
            o.lift.tracking().checkpoint();
            try (Aktenlift again = o.reopen()) {
                assertThat(again.tracking().verify().isIntact()).isTrue();
            }
        }

        @Test
        @DisplayName("the test can fail: logs were captured, and the subject register holds the values")
        void sanity() {
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).startsWith("journal opened");
            });
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(e.getFormattedMessage()).contains("recorded events");
            });
            assertThat(exceptionTexts).hasSizeGreaterThan(20);
            String register = text(SUBJECTS);
            for (Subject s : List.of(OEZDEMIR, WASOWICZ, MUELLER)) {
                assertThat(register).contains(s.surname(), s.givenNames(), s.dateOfBirth().toString(), s.azrNumber());
            }
            assertThat(text(EVENTS)).as("the journal holds file references").contains(REFERENCE.value());
        }

        @Test
        @DisplayName("no log line, at any level, names a subject")
        void notInLogs() {
            List<String> lines = logs.list.stream().map(PersonalDataTest::render).toList();
            assertThat(lines).isNotEmpty().allSatisfy(PersonalDataTest::assertNoPersonalData);
        }

        @Test
        @DisplayName("no exception message, toString or cause names a subject")
        void notInExceptions() {
            assertThat(exceptionTexts).allSatisfy(PersonalDataTest::assertNoPersonalData);
        }

        @Test
        @DisplayName("the stored journal and its checkpoints name no subject")
        void notInJournal() {
            assertNoPersonalData(text(EVENTS));
            assertNoPersonalData(text(CHECKPOINTS));
            assertThat(text(CHECKPOINTS)).isNotEmpty();
        }

        @Test
        @DisplayName("histories, baseline entries and query answers print no subject")
        void notInQueryAnswers() {
            List<String> printed = new ArrayList<>();
            for (var w : o.lift.tracking().whereIsAzrNumber(OEZDEMIR.azrNumber())) {
                printed.add(w.toString());
                printed.add(o.lift.tracking().history(w.barcode()).toString());
                printed.add(o.lift.subject(w.barcode()).orElseThrow().toString());
            }
            printed.add(o.lift.inventory().baseline().toString());
            printed.add(o.lift.inventory().reconcile().toString());
            printed.add(o.lift.tracking().verify().toString());
            assertThat(printed).hasSizeGreaterThan(4).allSatisfy(PersonalDataTest::assertNoPersonalData);
        }
    }

    @Nested
    @DisplayName("in values and commands")
    class Records {

        @Test
        @DisplayName("Subject.toString() reveals nothing")
        void subjectToString() {
            assertThat(OEZDEMIR).hasToString("Subject[redacted]");
            assertNoPersonalData(OEZDEMIR.toString());
        }

        @Test
        @DisplayName("commands that carry a subject print it redacted")
        void commandToString() {
            Barcode b = o.nextFileBarcode();
            assertNoPersonalData(new RegisterCaseFile(b, REFERENCE, OEZDEMIR, ProtectionLevel.HIGH).toString());
            assertNoPersonalData(new RegisterTransfer(b, REFERENCE, OEZDEMIR, ProtectionLevel.HIGH,
                    "Ausländerbehörde Köln", LocalDate.of(2026, 2, 1)).toString());
            assertThat(new RegisterCaseFile(b, REFERENCE, OEZDEMIR, ProtectionLevel.HIGH).toString())
                    .as("the command still prints its identifiers").contains(b.value(), REFERENCE.value());
        }
    }

    // ---- the flow ----

    private void workTheLifecycle() {
        Actor clerk = o.clerk;
        Actor scanner = o.scanner;
        Barcode oezdemir = register(OEZDEMIR, REFERENCE);
        Barcode wasowicz = register(WASOWICZ, FileReference.of("32.1-CD-2023/4711"));
        Barcode secondOfOezdemir = register(OEZDEMIR, FileReference.of("32.1-AB-2025/0001"));
        o.lift.execute(clerk, new RegisterTransfer(o.nextFileBarcode(), FileReference.of("TR-2026/17"), MUELLER,
                ProtectionLevel.VERY_HIGH, "Ausländerbehörde Köln", LocalDate.of(2026, 2, 1)));

        Barcode box = o.ship(List.of(oezdemir, wasowicz));
        o.clock.advance(Duration.ofHours(20));
        o.receive(box, Set.of(oezdemir, wasowicz));

        o.lift.execute(scanner, new PrepareCaseFile(oezdemir));
        o.lift.execute(scanner, new RecordCapture(oezdemir, "D1", Office.documents(false)));
        o.lift.execute(scanner, new FailQualityCheck(oezdemir, List.of("PAGE_MISSING:3")));
        o.lift.execute(scanner, new RecordCapture(oezdemir, "D2", List.of(
                new io.github.aktenlift.casefile.CapturedDocument("doc-3", "APPLICATION", 5, false))));
        o.lift.execute(scanner, new PassQualityCheck(oezdemir, "qa-1"));
        o.lift.execute(scanner, new PassQualityCheck(oezdemir, "qa-2")); // four eyes: very high protection
        o.lift.execute(clerk, new RejectImport(oezdemir, "EFILE_LOCKED"));
        o.lift.execute(clerk, new RetryImport(oezdemir));
        o.lift.execute(clerk, new ConfirmImport(oezdemir, "E-1", "R-1"));
        o.lift.execute(clerk, new PlaceHold(oezdemir, HoldReason.LEGAL_HOLD));
        o.lift.execute(clerk, new RetainPaper(oezdemir));
        rejected(() -> o.lift.execute(clerk, new DestroyPaper(oezdemir, "CERT-1")));
        o.lift.execute(clerk, new ReleaseHold(oezdemir, HoldReason.LEGAL_HOLD));
        o.clock.advance(o.lift.policies().retention().retention().plus(Duration.ofDays(1)));
        o.lift.execute(clerk, new DestroyPaper(oezdemir, "CERT-1"));

        o.lift.execute(clerk, new RequestRecall(wasowicz, RecallMode.PAPER_BACK));
        rejected(() -> o.lift.execute(clerk, new RequestRecall(wasowicz, RecallMode.PAPER_BACK)));
        o.lift.execute(clerk, new ServeRecall(wasowicz));
        o.lift.execute(clerk, new PlaceHold(secondOfOezdemir, HoldReason.OPEN_OBJECTION));
        rejected(() -> o.lift.execute(clerk, new PlaceHold(secondOfOezdemir, HoldReason.OPEN_OBJECTION)));

        o.registerMany(40);
    }

    private Barcode register(Subject subject, FileReference reference) {
        Barcode b = o.nextFileBarcode();
        o.lift.execute(o.clerk, new RegisterCaseFile(b, reference, subject, ProtectionLevel.HIGH));
        return b;
    }

    private void rejectCommands() {
        Actor clerk = o.clerk;
        Barcode taken = o.lift.tracking().whereIs(REFERENCE).orElseThrow().barcode();
        // the same registration again, and the same subject under a taken reference
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(taken, REFERENCE, OEZDEMIR, ProtectionLevel.HIGH)));
        rejected(() -> o.lift.execute(clerk,
                new RegisterCaseFile(o.nextFileBarcode(), REFERENCE, OEZDEMIR, ProtectionLevel.HIGH)));
        // invalid subject fields
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(o.nextFileBarcode(), FileReference.of("X-1"),
                new Subject(OEZDEMIR.surname(), OEZDEMIR.givenNames(), FUTURE_BIRTH, "TUR", OEZDEMIR.azrNumber()),
                ProtectionLevel.HIGH)));
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(o.nextFileBarcode(), FileReference.of("X-2"),
                new Subject(OEZDEMIR.surname(), OEZDEMIR.givenNames(), OEZDEMIR.dateOfBirth(), "TUR", SHORT_AZR),
                ProtectionLevel.HIGH)));
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(o.nextFileBarcode(), FileReference.of("X-3"),
                new Subject(OEZDEMIR.surname(), " ", OEZDEMIR.dateOfBirth(), OEZDEMIR.surname(), OEZDEMIR.givenNames()),
                ProtectionLevel.HIGH)));
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(o.nextFileBarcode(), FileReference.of("X-4"),
                new Subject(OEZDEMIR.surname().repeat(20), OEZDEMIR.givenNames(), OEZDEMIR.dateOfBirth(), null, null),
                ProtectionLevel.HIGH)));
        rejected(() -> o.lift.execute(clerk, new RegisterTransfer(o.nextFileBarcode(), FileReference.of("X-5"),
                new Subject(WASOWICZ.surname(), WASOWICZ.givenNames(), FUTURE_BIRTH, "POL", SHORT_AZR),
                ProtectionLevel.HIGH, WASOWICZ.surname(), FUTURE_BIRTH)));
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(o.nextFileBarcode(), FileReference.of("X-6"),
                null, ProtectionLevel.HIGH)));
        // values mistaken for identifiers
        rejected(() -> Barcode.of(OEZDEMIR.surname()));
        rejected(() -> Barcode.of(OEZDEMIR.azrNumber().repeat(4)));
        rejected(() -> FileReference.of(OEZDEMIR.surname() + "\n" + OEZDEMIR.dateOfBirth()));
        rejected(() -> o.lift.execute(clerk, new RegisterCaseFile(Barcode.of("NOT-A-CASE-FILE"),
                FileReference.of("X-7"), OEZDEMIR, ProtectionLevel.HIGH)));
        // unknown barcodes
        Barcode unknown = o.lift.policies().caseFileBarcodes().generate(987_654);
        rejected(() -> o.lift.execute(clerk, new PackCaseFile(unknown, o.nextBoxBarcode())));
        rejected(() -> o.lift.execute(clerk, new PrepareCaseFile(unknown)));
        rejected(() -> o.lift.tracking().history(unknown));
        // illegal transitions
        Barcode fresh = register(MUELLER, FileReference.of("32.1-EF-2026/0042"));
        rejected(() -> o.lift.execute(clerk, new DestroyPaper(fresh, "CERT-2")));
        rejected(() -> o.lift.execute(o.scanner, new PrepareCaseFile(fresh)));
        rejected(() -> o.lift.execute(clerk, new ServeRecall(fresh)));
        rejected(() -> o.lift.execute(clerk, new ReleaseHold(fresh, HoldReason.AUDIT)));
        rejected(() -> o.lift.execute(null, new PrepareCaseFile(fresh)));
        rejected(() -> o.lift.execute(clerk, null));
    }

    private static final String HEADER =
            "file_reference,barcode,surname,given_names,date_of_birth,nationality,azr_number,protection_level\n";

    private void importBaselines() {
        String good = HEADER
                + "32.1-GH-2022/0001,," + row(MUELLER, MUELLER.dateOfBirth().format(GERMAN), MUELLER.azrNumber()) + "\n"
                + REFERENCE.value() + ",," + row(OEZDEMIR, OEZDEMIR.dateOfBirth().toString(), OEZDEMIR.azrNumber()) + "\n";
        o.lift.inventory().importBaseline(o.clerk, csv(good));
        o.lift.inventory().reconcile();

        List<String> bad = List.of(
                HEADER + "B-1,," + row(OEZDEMIR, OEZDEMIR.dateOfBirth().toString(), SHORT_AZR) + "\n",
                HEADER + "B-2,," + row(OEZDEMIR, FUTURE_BIRTH.toString(), OEZDEMIR.azrNumber()) + "\n",
                HEADER + "B-3,," + row(OEZDEMIR, FUTURE_BIRTH.format(GERMAN), OEZDEMIR.azrNumber()) + "\n",
                HEADER + "B-4,," + row(OEZDEMIR, "31.02." + OEZDEMIR.dateOfBirth().getYear(), OEZDEMIR.azrNumber()) + "\n",
                HEADER + "B-5,," + row(OEZDEMIR, OEZDEMIR.dateOfBirth().toString(), OEZDEMIR.azrNumber())
                        + "\nB-5,," + row(WASOWICZ, WASOWICZ.dateOfBirth().toString(), WASOWICZ.azrNumber()) + "\n",
                HEADER + "B-6," + OEZDEMIR.surname() + "," + row(OEZDEMIR, OEZDEMIR.dateOfBirth().toString(),
                        OEZDEMIR.azrNumber()) + "\n",
                HEADER + "B-7,,\"" + OEZDEMIR.surname() + "," + OEZDEMIR.givenNames() + ","
                        + OEZDEMIR.dateOfBirth() + "\n",
                "surname,given_names,date_of_birth\n" + OEZDEMIR.surname() + "," + OEZDEMIR.givenNames() + ","
                        + OEZDEMIR.dateOfBirth() + "\n",
                HEADER + "B-9,," + OEZDEMIR.surname() + ",," + OEZDEMIR.dateOfBirth() + ",tur,"
                        + OEZDEMIR.azrNumber() + ",SECRET\n");
        for (int i = 0; i < bad.size(); i++) {
            String csv = bad.get(i);
            rejected("bad baseline " + i, () -> o.lift.inventory().importBaseline(o.clerk, csv(csv)));
        }
    }

    private static String row(Subject s, String dateOfBirth, String azr) {
        return s.surname() + "," + s.givenNames() + "," + dateOfBirth + "," + s.nationality() + "," + azr + ",NORMAL";
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private void queryBySubject() {
        assertThat(o.lift.tracking().whereIsSubject(OEZDEMIR.surname(), OEZDEMIR.givenNames(),
                OEZDEMIR.dateOfBirth())).hasSize(2);
        assertThat(o.lift.tracking().whereIsAzrNumber(WASOWICZ.azrNumber())).hasSize(1);
        assertThat(o.lift.tracking().whereIsAzrNumber(SHORT_AZR)).isEmpty();
    }

    /** Runs something that must fail, and keeps everything its exception says. */
    private void rejected(ThrowingCallable call) {
        rejected("expected a rejection", call);
    }

    private void rejected(String what, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as(what).isNotNull();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(t, seen);
    }

    private void collect(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        exceptionTexts.add(String.valueOf(t.getMessage()));
        exceptionTexts.add(t.toString());
        exceptionTexts.add(String.valueOf(t.getLocalizedMessage()));
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        t.printStackTrace(new java.io.PrintStream(trace, true, StandardCharsets.UTF_8));
        exceptionTexts.add(trace.toString(StandardCharsets.UTF_8));
        collect(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, seen);
        }
    }

    private static String render(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
            sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        sb.append(' ').append(e.getMDCPropertyMap());
        if (e.getKeyValuePairs() != null) {
            sb.append(' ').append(e.getKeyValuePairs());
        }
        return sb.toString();
    }

    private String text(Key log) {
        StringBuilder sb = new StringBuilder();
        long n = o.storage.logs().length(log);
        if (n > 0) {
            for (LogEntry e : o.storage.logs().read(log, 0, (int) n)) {
                sb.append(new String(e.data(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Every form in which a subject's data could show. */
    private static Set<String> forbidden() {
        Set<String> out = new LinkedHashSet<>();
        for (Subject s : List.of(OEZDEMIR, WASOWICZ, MUELLER)) {
            out.add(s.surname());
            out.addAll(List.of(s.surname().split("-")));
            out.add(s.givenNames());
            out.addAll(List.of(s.givenNames().split(" ")));
            out.add(s.dateOfBirth().toString());
            out.add(s.dateOfBirth().format(GERMAN));
            out.add(s.azrNumber());
        }
        out.add(FUTURE_BIRTH.toString());
        out.add(FUTURE_BIRTH.format(GERMAN));
        out.add(SHORT_AZR);
        out.add("\\u00D6zdemir");
        out.add("\\u00d6zdemir");
        return out;
    }

    private static void assertNoPersonalData(String text) {
        for (String f : forbidden()) {
            assertThat(text).as("must not contain personal data").doesNotContain(f);
        }
    }
}
