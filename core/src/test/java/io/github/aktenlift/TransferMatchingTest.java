package io.github.aktenlift;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ProcedureCapability;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Matching transfers to e-files")
class TransferMatchingTest {

    private static final LocalDate BORN = LocalDate.of(1985, 9, 14);
    private static final String AZR = "111122223333";

    @TempDir
    Path tmp;

    private ImportDesk d;
    private int references;

    @BeforeEach
    void open() {
        d = new ImportDesk(tmp);
    }

    @AfterEach
    void close() {
        d.close();
    }

    /** An e-file the procedure already keeps (created on its side, not by Aktenlift). */
    private EFile existing(String reference, String surname, String givenNames, String azr) {
        return d.procedure.createEFile(new EFileRequest("far-side-" + reference, reference,
                new SubjectQuery(surname, givenNames, BORN, azr)));
    }

    /** Registers a transfer and brings it to VERIFIED. */
    private Barcode verifiedTransfer(String surname, String givenNames, String azr) {
        Barcode f = d.transfer(FileReference.of("T-2026/" + (++references)), ImportDesk.person(surname, givenNames, BORN, azr));
        d.verify(List.of(f));
        return f;
    }

    private ImportResult importNow(Barcode f) {
        return d.lift.imports().importCaseFile(d.importer, f);
    }

    private JournalEvent last(Barcode f, EventKind kind) {
        List<JournalEvent> found = d.history(f).stream().filter(e -> e.kind() == kind).toList();
        assertThat(found).as("%s events", kind).isNotEmpty();
        return found.get(found.size() - 1);
    }

    private long count(Barcode f, EventKind kind) {
        return d.history(f).stream().filter(e -> e.kind() == kind).count();
    }

    private String importedInto(ImportResult r) {
        assertThat(r).isInstanceOf(ImportResult.Imported.class);
        return ((ImportResult.Imported) r).eFileId();
    }

    @Nested
    @DisplayName("exactly one match is appended to")
    class Unique {

        @Test
        @DisplayName("by AZR number, also when the procedure spells the name differently")
        void byAzrNumber() {
            EFile e = existing("ALT-1997/12", "Meyer", "Karl", AZR);
            Barcode f = verifiedTransfer("Meier", "Karl", AZR);
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
            assertThat(last(f, EventKind.EFILE_MATCHED).payload()).containsEntry("by", "AZR_NUMBER").containsEntry("eFile", e.id());
            assertThat(d.procedure.eFiles()).hasSize(1);
        }

        @Test
        @DisplayName("by file reference, when no AZR number is known")
        void byReference() {
            EFile e = existing("T-2026/1", "Nowak", "Piotr", null);
            Barcode f = verifiedTransfer("Nowak", "Piotr", null);
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
            assertThat(last(f, EventKind.EFILE_MATCHED).get("by")).isEqualTo("FILE_REFERENCE");
        }

        @ParameterizedTest(name = "kept as \"{0}, {1}\", arrives as \"{2}, {3}\"")
        @CsvSource({
                "Müller, Jürgen, MUELLER, juergen",
                "Mueller, Juergen, Müller, Jürgen",
                "Müller, Jürgen, 'Mu\u0308ller', 'Ju\u0308rgen'",
                "Strauß, Anna Maria, STRAUSS, '  anna   maria '",
                "Çelik, José, Celik, Jose",
                "Öztürk, Ayşe, OEZTUERK, Ayse",
                "Groß-Schäfer, Hans-Peter, gross schaefer, Hans Peter"})
        @DisplayName("by name and date of birth, whatever the umlauts, transliterations, diacritics, case and whitespace")
        void bySubject(String keptSurname, String keptGiven, String surname, String given) {
            EFile e = existing("ALT-7", keptSurname, keptGiven, null);
            Barcode f = verifiedTransfer(surname, given, null);
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
            assertThat(last(f, EventKind.EFILE_MATCHED).get("by")).isEqualTo("SUBJECT");
            assertThat(d.procedure.eFiles()).hasSize(1);
        }

        @Test
        @DisplayName("the same person's earlier import, under another spelling, confirms the match")
        void localRecordAgrees() {
            EFile e = existing("AZ-OLD-1", "Müller", "Jürgen", null);
            Barcode earlier = d.bulk(FileReference.of("AZ-OLD-1"), ImportDesk.person("Müller", "Jürgen", BORN, null));
            d.verify(List.of(earlier));
            assertThat(importedInto(importNow(earlier))).isEqualTo(e.id());

            Barcode f = verifiedTransfer("MUELLER", "Juergen", null);
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
        }
    }

    @Nested
    @DisplayName("no match at all")
    class NoMatch {

        @Test
        @DisplayName("creates an e-file exactly once, even when the procedure's answer to the creation is lost")
        void createdOnce() {
            Barcode f = verifiedTransfer("Kowalczyk", "Ewa", AZR);
            d.probe.loseNextAnswer("createEFile");
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Failed.class,
                    x -> assertThat(x.error()).isInstanceOf(UnavailableException.class));
            assertThat(d.procedure.eFiles()).hasSize(1);

            String eFile = importedInto(importNow(f));
            assertThat(d.procedure.eFiles()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(eFile);
                assertThat(e.fileReference()).isEqualTo("T-2026/1");
            });
            assertThat(d.procedure.findByAzrNumber(AZR)).extracting(EFile::id).containsExactly(eFile);
        }

        @Test
        @DisplayName("a different letter is a different person: Muller does not go into Müller's e-file")
        void neverGuesses() {
            EFile mueller = existing("ALT-8", "Müller", "Jürgen", null);
            Barcode f = verifiedTransfer("Muller", "Jürgen", null);
            String eFile = importedInto(importNow(f));
            assertThat(eFile).isNotEqualTo(mueller.id());
            assertThat(d.procedure.eFiles()).hasSize(2);
            assertThat(last(f, EventKind.EFILE_MATCHED).get("by")).isEqualTo("NONE");
        }
    }

    @Nested
    @DisplayName("ambiguous or conflicting evidence")
    class HeldForDecision {

        @Test
        @DisplayName("two e-files for one name and birthday hold the file, notify the office, and the clerk's choice is imported")
        void ambiguousThenDecided() {
            EFile a = existing("ALT-1", "Yılmaz", "Ali", null);
            EFile b = existing("ALT-2", "Yilmaz", "Ali", "999988887777");
            Barcode f = verifiedTransfer("YILMAZ", "ali", null);

            ImportResult r = importNow(f);
            assertThat(r).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.AMBIGUOUS_SUBJECT);
                assertThat(h.candidateEFileIds()).containsExactlyInAnyOrder(a.id(), b.id());
            });
            assertThat(d.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.VERIFIED);
            assertThat(d.procedure.imports()).isEmpty();
            Notification n = d.notifier.delivered().stream().filter(x -> x.type() == NotificationType.MATCH_NEEDS_DECISION)
                    .findFirst().orElseThrow();
            assertThat(n.details()).containsEntry("barcode", f.value()).containsEntry("reasons", "AMBIGUOUS_SUBJECT")
                    .containsKey("candidates");
            assertThat(n.details().toString()).doesNotContain("lmaz", "Ali", "1985");
            JournalEvent held = last(f, EventKind.MATCH_HELD);
            assertThat(held.payload()).containsEntry("reasons", "AMBIGUOUS_SUBJECT");
            assertThat(held.payload().toString()).doesNotContain("lmaz", "Ali", "1985");

            // held files wait for the decision: not taken again, not notified again
            long journal = d.journalLength();
            assertThat(d.lift.imports().importReady(d.importer).results()).isEmpty();
            assertThat(importNow(f)).isInstanceOf(ImportResult.Held.class);
            assertThat(d.journalLength()).isEqualTo(journal);
            assertThat(matchNotices()).hasSize(1);
            assertThat(d.lift.imports().held()).extracting(ImportResult::barcode).containsExactly(f);

            d.lift.execute(d.clerk, DecideMatch.appendTo(f, "clerk-9", b.id()));
            assertThat(d.lift.imports().held()).isEmpty();
            ImportReport after = d.lift.imports().importReady(d.importer);
            assertThat(after.imported()).singleElement().satisfies(i -> assertThat(i.eFileId()).isEqualTo(b.id()));
            assertThat(last(f, EventKind.EFILE_MATCHED).payload()).containsEntry("by", "DECISION")
                    .containsEntry("eFile", b.id()).containsEntry("reviewer", "clerk-9");
            assertThat(d.procedure.eFiles()).hasSize(2);
        }

        @Test
        @DisplayName("AZR number and name pointing at different e-files conflict; a decision for a new e-file creates it once")
        void conflictThenNew() {
            EFile byNumber = existing("ALT-3", "Petrović", "Milan", AZR);
            EFile byName = existing("ALT-4", "Horvat", "Ivana", null);
            Barcode f = verifiedTransfer("Horvat", "Ivana", AZR);

            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.AZR_NUMBER_VS_SUBJECT);
                assertThat(h.candidateEFileIds()).containsExactlyInAnyOrder(byNumber.id(), byName.id());
            });
            assertThat(matchNotices()).singleElement().satisfies(n -> {
                assertThat(n.details()).containsEntry("barcode", f.value()).containsEntry("reasons", "AZR_NUMBER_VS_SUBJECT");
            });

            d.lift.execute(d.clerk, DecideMatch.createNew(f, "clerk-9"));
            d.probe.failNext("importPackage", 1);
            assertThat(d.lift.imports().importReady(d.importer).failed()).hasSize(1);
            String eFile = importedInto(importNow(f));
            assertThat(eFile).isNotIn(byNumber.id(), byName.id());
            assertThat(d.procedure.eFiles()).hasSize(3);
            assertThat(last(f, EventKind.EFILE_MATCHED).payload()).containsEntry("by", "DECISION").doesNotContainKey("eFile");
            assertThat(last(f, EventKind.IMPORT_SUBMITTED).get("eFile")).isEqualTo(eFile);
        }

        @Test
        @DisplayName("the procedure naming an e-file other than the one Aktenlift imported this person's files into holds the file")
        void localRecordDiffers() {
            // the person's bulk file went into the e-file kept under its reference, spelled otherwise there
            EFile old = existing("AZ-OLD-2", "Schmitt", "Lena", null);
            Barcode earlier = d.bulk(FileReference.of("AZ-OLD-2"), ImportDesk.person("Schmidt", "Lena", BORN, AZR));
            d.verify(List.of(earlier));
            assertThat(importedInto(importNow(earlier))).isEqualTo(old.id());
            // meanwhile the procedure has a second e-file with the person's number and name
            EFile duplicate = existing("ALT-5", "Schmidt", "Lena", AZR);

            Barcode f = verifiedTransfer("Schmidt", "Lena", AZR);
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.LOCAL_RECORD_DIFFERS);
                assertThat(h.candidateEFileIds()).containsExactlyInAnyOrder(old.id(), duplicate.id());
            });
        }

        @Test
        @DisplayName("an e-file into which Aktenlift imported another person's file is never appended to without a decision")
        void eFileHoldsOtherPerson() {
            // the procedure carries this person's AZR number on another person's e-file
            EFile wrong = existing("AZ-Q-1", "Quast", "Otto", AZR);
            Barcode other = d.bulk(FileReference.of("AZ-Q-1"), ImportDesk.person("Quast", "Otto", BORN, "555555555555"));
            d.verify(List.of(other));
            assertThat(importedInto(importNow(other))).isEqualTo(wrong.id());

            Barcode f = verifiedTransfer("Brandt", "Mia", AZR);
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class,
                    h -> assertThat(h.reasons()).containsExactly(MatchReason.EFILE_HOLDS_OTHER_PERSON));
        }
    }

    @Nested
    @DisplayName("a procedure that does not declare the look-ups matching needs")
    class Undeclared {

        private long lookUps() {
            return d.probe.calls("findByAzrNumber") + d.probe.calls("findByFileReference") + d.probe.calls("findBySubject");
        }

        @Test
        @DisplayName("answering no queries: every transfer is held with its own reason, nothing is asked, nothing created, and the clerk may name any e-file")
        void noneDeclared() {
            EFile e = existing("ALT-9", "Okafor", "Chidi", AZR);
            d.probe.declare(Set.of());
            Barcode f = verifiedTransfer("Okafor", "Chidi", AZR);
            long before = lookUps();

            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
                assertThat(h.candidateEFileIds()).isEmpty();
            });
            assertThat(lookUps()).as("look-ups called").isEqualTo(before);
            assertThat(d.probe.calls("createEFile")).isZero();
            assertThat(d.procedure.eFiles()).hasSize(1);
            assertThat(last(f, EventKind.MATCH_HELD).get("reasons")).isEqualTo("PROCEDURE_CANNOT_LOOK_UP");
            assertThat(matchNotices()).singleElement()
                    .satisfies(n -> assertThat(n.details()).containsEntry("reasons", "PROCEDURE_CANNOT_LOOK_UP"));

            // the clerk found the e-file in the e-file system: no candidate named it, and it is taken
            d.lift.execute(d.clerk, DecideMatch.appendTo(f, "clerk-9", e.id()));
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
            assertThat(d.procedure.eFiles()).hasSize(1);
        }

        @Test
        @DisplayName("answering no queries: Aktenlift's own record of the person's earlier import is offered as the candidate, still held")
        void noneDeclaredLocalRecordIsCandidate() {
            EFile old = existing("AZ-OLD-3", "Haddad", "Rana", null);
            Barcode earlier = d.bulk(FileReference.of("AZ-OLD-3"), ImportDesk.person("Haddad", "Rana", BORN, null));
            d.verify(List.of(earlier));
            assertThat(importedInto(importNow(earlier))).isEqualTo(old.id());
            d.probe.declare(Set.of());

            Barcode f = verifiedTransfer("Haddad", "Rana", null);
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
                assertThat(h.candidateEFileIds()).containsExactly(old.id());
            });
        }

        @Test
        @DisplayName("answering no queries: a file of the bulk project gets its own e-file, created once under its key")
        void bulkFileCreates() {
            d.probe.declare(Set.of());
            long before = lookUps();
            Barcode b = d.verifiedBulk();
            String eFile = importedInto(importNow(b));
            assertThat(lookUps()).isEqualTo(before);
            assertThat(d.procedure.eFiles()).singleElement().satisfies(x -> assertThat(x.id()).isEqualTo(eFile));
            assertThat(last(b, EventKind.EFILE_MATCHED).get("by")).isEqualTo("NONE");
        }

        @Test
        @DisplayName("a look-up by AZR number alone: asked, and its unique answer is still held, since name and reference were not asked")
        void partlyDeclared() {
            EFile e = existing("ALT-10", "Sato", "Yuki", AZR);
            d.probe.declare(Set.of(ProcedureCapability.FIND_BY_AZR_NUMBER));
            Barcode f = verifiedTransfer("Sato", "Yuki", AZR);
            long byReference = d.probe.calls("findByFileReference");
            long bySubject = d.probe.calls("findBySubject");

            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> {
                assertThat(h.reasons()).containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
                assertThat(h.candidateEFileIds()).containsExactly(e.id());
            });
            assertThat(d.probe.calls("findByAzrNumber")).isPositive();
            assertThat(d.probe.calls("findByFileReference")).isEqualTo(byReference);
            assertThat(d.probe.calls("findBySubject")).isEqualTo(bySubject);
        }

        @Test
        @DisplayName("without an AZR number, reference and name look-ups are all a transfer needs: a unique match is appended to")
        void azrLookUpNotNeededWithoutNumber() {
            EFile e = existing("ALT-11", "Lindqvist", "Sara", null);
            d.probe.declare(Set.of(ProcedureCapability.FIND_BY_FILE_REFERENCE, ProcedureCapability.FIND_BY_SUBJECT));
            Barcode f = verifiedTransfer("Lindqvist", "Sara", null);
            assertThat(importedInto(importNow(f))).isEqualTo(e.id());
            assertThat(last(f, EventKind.EFILE_MATCHED).get("by")).isEqualTo("SUBJECT");
        }

        @Test
        @DisplayName("a held conflict among the answers it gave keeps its own reason beside the missing look-up")
        void conflictKeptBesideMissing() {
            existing("ALT-12", "Kaya", "Emre", null);
            existing("ALT-13", "Kaya", "Emre", null);
            d.probe.declare(Set.of(ProcedureCapability.FIND_BY_SUBJECT));
            Barcode f = verifiedTransfer("Kaya", "Emre", null);
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Held.class, h -> assertThat(h.reasons())
                    .containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP, MatchReason.AMBIGUOUS_SUBJECT));
        }
    }

    @Nested
    @DisplayName("a matching decision with bad input")
    class BadDecision {

        @Test
        @DisplayName("an e-file id that is not a candidate, a file without a held match, or an unknown barcode is refused and changes nothing")
        void refused() {
            existing("ALT-1", "Yılmaz", "Ali", null);
            existing("ALT-2", "Yilmaz", "Ali", null);
            Barcode held = verifiedTransfer("Yilmaz", "Ali", null);
            importNow(held);
            Barcode notHeld = verifiedTransfer("Novak", "Jan", null);
            long journal = d.journalLength();

            assertThatThrownBy(() -> d.lift.execute(d.clerk, DecideMatch.appendTo(held, "clerk-9", "EAKTE-404")))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> assertThat(e.id()).isEqualTo("EAKTE-404"));
            assertThatThrownBy(() -> d.lift.execute(d.clerk, DecideMatch.createNew(notHeld, "clerk-9")))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("NO_MATCH_HELD"));
            assertThatThrownBy(() -> d.lift.execute(d.clerk, DecideMatch.createNew(Barcode.of("F999999999X"), "clerk-9")))
                    .isInstanceOf(UnknownIdentifierException.class);
            assertThatThrownBy(() -> d.lift.execute(d.clerk, new DecideMatch(held, "clerk 9 with spaces", null)))
                    .isInstanceOfSatisfying(InvalidCommandException.class,
                            e -> assertThat(e.violations()).extracting(InvalidCommandException.FieldViolation::path)
                                    .containsExactly("reviewerId"));
            assertThat(d.journalLength()).isEqualTo(journal);
            assertThat(d.lift.imports().held()).extracting(ImportResult::barcode).containsExactly(held);
        }

        @Test
        @DisplayName("a decision for a file that is no longer VERIFIED is IllegalTransitionException")
        void wrongState() {
            Barcode f = verifiedTransfer("Berg", "Ole", null);
            importNow(f);
            assertThatThrownBy(() -> d.lift.execute(d.clerk, DecideMatch.createNew(f, "clerk-9")))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Test
    @DisplayName("held, rejected, failed and imported transfers leave no personal data in log lines, errors, journal or notifications")
    void noPersonalDataAnywhere() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.github.aktenlift");
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.setLevel(Level.TRACE);
        logger.addAppender(logs);
        List<String> texts = new ArrayList<>();
        try {
            existing("ALT-1", "Żółkiewska", "Bożena", null);
            existing("ALT-2", "Zolkiewska", "Bozena", null);
            Barcode held = verifiedTransfer("ŻÓŁKIEWSKA", "Bożena", null);
            Barcode failed = verifiedTransfer("Quirrenbach", "Eudoxia", "246813579024");
            d.procedure.decideManually();
            texts.add(importNow(held).toString());
            d.probe.failNext("importPackage", 1);
            ImportResult f = importNow(failed);
            assertThat(f).isInstanceOf(ImportResult.Failed.class);
            texts.add(((ImportResult.Failed) f).error().toString());
            String key = ((ImportResult.Pending) importNow(failed)).idempotencyKey();
            d.procedure.reject(key, "EFILE_LOCKED");
            texts.add(importNow(failed).toString());
            d.lift.execute(d.clerk, new RetryImport(failed));
            d.procedure.accept(d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey());
            texts.add(importNow(failed).toString());
            for (Barcode b : List.of(held, failed)) {
                d.history(b).forEach(e -> texts.add(e.payload().toString()));
            }
            d.notifier.delivered().forEach(n -> texts.add(n.toString()));
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
            logs.stop();
        }
        logs.list.forEach(e -> texts.add(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))));
        assertThat(logs.list).as("the imports were logged").isNotEmpty();
        assertThat(texts).noneMatch(t -> t.contains("kiewska") || t.contains("Bożena") || t.contains("Bozena")
                || t.contains("Quirrenbach") || t.contains("Eudoxia") || t.contains("246813579024") || t.contains("1985-09-14"));
    }

    @Test
    @DisplayName("a transfer's package names its origin authority, not its subject")
    void originInMetadata() {
        Barcode f = verifiedTransfer("Wójcik", "Zofia", AZR);
        importNow(f);
        String key = last(f, EventKind.IMPORT_SUBMITTED).get("key");
        assertThat(d.procedure.received(key).get(0).pkg().metadata())
                .containsEntry("originAuthority", "Stadt Musterstadt, Ausländerbehörde")
                .allSatisfy((k, v) -> assertThat(v).doesNotContain("Wójcik", "Zofia", AZR, BORN.toString()));
        assertThat(d.procedure.imports().get(key)).isInstanceOf(ImportOutcome.Accepted.class);
        Subject s = d.lift.subject(f).orElseThrow();
        assertThat(s.surname()).isEqualTo("Wójcik");
    }

    /** The held-match notices; other outcomes (a transfer registered, say) are notified too. */
    private List<Notification> matchNotices() {
        return d.notifier.delivered().stream().filter(x -> x.type() == NotificationType.MATCH_NEEDS_DECISION).toList();
    }
}
