package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.intake.DigitalDocument;
import io.github.aktenlift.intake.DigitalTransfer;
import io.github.aktenlift.intake.DigitalTransferStatus;
import io.github.aktenlift.intake.DigitalTransferStatus.Outcome;
import io.github.aktenlift.intake.TransferDocumentException;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.pdfa.ReportPdf;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Digital intake: a case file another authority sends digitally")
class DigitalIntakeTest {

    private static final LocalDate BORN = LocalDate.of(1990, 4, 2);
    private static final String AZR = "444455556666";
    private static final String ORIGIN = "Landkreis Beispiel, Ausländerbehörde";

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

    /** A small PDF/A document with this text, as a sender's system might produce. */
    static byte[] pdf(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportPdf.render("Schreiben " + text, List.of(new ReportPdf.Section("Inhalt",
                    List.of(new ReportPdf.Row("Text", text)))), Office.START, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static DigitalDocument document(String name, String type, byte[] bytes) {
        return new DigitalDocument(name, type, "application/pdf", sha256(bytes), () -> new ByteArrayInputStream(bytes));
    }

    private DigitalTransfer transfer(String id, Subject subject, List<DigitalDocument> documents) {
        Barcode b = d.lift.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0);
        return new DigitalTransfer(b, FileReference.of("DT-2026/" + (++references)), subject, ProtectionLevel.NORMAL, ORIGIN,
                id, d.clock.instant(), documents);
    }

    private DigitalTransfer transfer(String id, Subject subject) {
        return transfer(id, subject, List.of(document("antrag.pdf", "APPLICATION", pdf("Antrag " + id)),
                document("pass.pdf", "PASSPORT_COPY", pdf("Pass " + id))));
    }

    private EFile existing(String reference, String surname, String givenNames, String azr) {
        return d.procedure.createEFile(new EFileRequest("far-side-" + reference, reference,
                new SubjectQuery(surname, givenNames, BORN, azr)));
    }

    private List<String> intakeKeys() {
        return d.storage.content().list("intake", java.util.Optional.empty(), 1000).items().stream().map(i -> i.key().value()).toList();
    }

    private List<JournalEvent> history(Barcode b) {
        return d.history(b);
    }

    @Nested
    @DisplayName("taken in and imported")
    class Path1 {

        @Test
        @DisplayName("no box, no pickup, no scan: stored, journaled, VERIFIED at once, imported through the procedure with its own documents and an intake record, and answered once")
        void endToEnd() throws IOException {
            byte[] antrag = pdf("Antrag A");
            byte[] pass = pdf("Pass A");
            DigitalTransfer t = transfer("7a1e0c7e-0000-4000-8000-000000000001", ImportDesk.person("Haddad", "Omar", BORN, AZR),
                    List.of(document("antrag.pdf", "APPLICATION", antrag), document("pass.pdf", "PASSPORT_COPY", pass)));

            DigitalTransferStatus s = d.lift.digitalIntake().receive(d.clerk, t);
            assertThat(s.outcome()).isEqualTo(Outcome.WAITING);
            assertThat(s.barcode()).isEqualTo(t.barcode());
            assertThat(d.lift.tracking().whereIs(t.barcode()).orElseThrow().state()).isEqualTo(CaseFileState.VERIFIED);
            assertThat(history(t.barcode())).extracting(JournalEvent::kind).containsExactly(EventKind.DIGITAL_TRANSFER_RECEIVED);
            JournalEvent received = history(t.barcode()).get(0);
            assertThat(received.payload()).containsEntry("transfer", t.transferId()).containsEntry("origin", ORIGIN)
                    .containsEntry("documents", "2").containsEntry("item.01", "antrag.pdf;APPLICATION;application/pdf;"
                            + antrag.length + ";" + sha256(antrag));
            assertThat(received.payload().toString()).doesNotContain("Haddad", "Omar", AZR, BORN.toString());
            assertThat(intakeKeys()).containsExactlyInAnyOrder("intake/" + t.transferId() + "/01-antrag.pdf",
                    "intake/" + t.transferId() + "/02-pass.pdf", "intake/" + t.transferId() + "/record-" + t.barcode() + ".pdf");
            try (InputStream in = d.storage.content().get(Key.of("intake/" + t.transferId() + "/02-pass.pdf"))) {
                assertThat(in.readAllBytes()).isEqualTo(pass);
            }
            byte[] record;
            try (InputStream in = d.storage.content().get(Key.of(received.get("record")))) {
                record = in.readAllBytes();
            }
            assertThat(sha256(record)).isEqualTo(received.get("protocolPdf"));
            PdfAssertions.assertPdfA2b(record);
            assertThat(d.notifier.delivered()).anySatisfy(n -> {
                assertThat(n.type()).isEqualTo(NotificationType.TRANSFER_REGISTERED);
                assertThat(n.details()).containsEntry("barcode", t.barcode().value()).containsEntry("transfer", t.transferId());
            });

            ImportResult r = d.lift.imports().importCaseFile(d.importer, t.barcode());
            assertThat(r).isInstanceOf(ImportResult.Imported.class);
            String key = history(t.barcode()).stream().filter(e -> e.kind() == EventKind.IMPORT_SUBMITTED).findFirst()
                    .orElseThrow().get("key");
            ImportPackage pkg = d.procedure.received(key).get(0).pkg();
            assertThat(pkg.documents()).extracting(PackageItem::name).containsExactly("01-antrag.pdf", "02-pass.pdf");
            assertThat(pkg.documents()).extracting(PackageItem::documentType).containsExactly("APPLICATION", "PASSPORT_COPY");
            assertThat(pkg.documents()).extracting(PackageItem::sha256).containsExactly(sha256(antrag), sha256(pass));
            assertThat(pkg.scanProtocol().documentType()).isEqualTo("INTAKE_RECORD");
            assertThat(pkg.scanProtocol().sha256()).isEqualTo(sha256(record));
            assertThat(pkg.metadata()).containsEntry("intake", "digital").containsEntry("transferId", t.transferId())
                    .containsEntry("originAuthority", ORIGIN).containsEntry("barcode", t.barcode().value())
                    .allSatisfy((k, v) -> assertThat(v).doesNotContain("Haddad", "Omar", AZR));

            DigitalTransferStatus done = d.lift.digitalIntake().status(t.transferId()).orElseThrow();
            assertThat(done.outcome()).isEqualTo(Outcome.IMPORTED);
            assertThat(done.eFileId()).isEqualTo(((ImportResult.Imported) r).eFileId());
            assertThat(done.receiptId()).isEqualTo(((ImportResult.Imported) r).receiptId());
            assertThat(done.toAnswer()).isTrue();
            assertThat(d.lift.digitalIntake().toAnswer()).containsExactly(done);

            DigitalTransferStatus answered = d.lift.digitalIntake().answered(d.clerk, t.transferId());
            assertThat(answered.answered()).isTrue();
            assertThat(d.lift.digitalIntake().toAnswer()).isEmpty();
            assertThat(history(t.barcode()).get(history(t.barcode()).size() - 1)).satisfies(e -> {
                assertThat(e.kind()).isEqualTo(EventKind.DIGITAL_TRANSFER_ANSWERED);
                assertThat(e.payload()).containsEntry("outcome", "IMPORTED");
            });
            long journal = d.journalLength();
            assertThatThrownBy(() -> d.lift.digitalIntake().answered(d.clerk, t.transferId()))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("ALREADY_ANSWERED:IMPORTED"));
            assertThat(d.journalLength()).isEqualTo(journal);
            assertThat(d.lift.tracking().verify().isIntact()).isTrue();
            assertThat(d.lift.tracking().verifyDeep().isIntact()).isTrue();
        }

        @Test
        @DisplayName("matched like a paper transfer: the person's e-file found by AZR number is appended to")
        void matchedLikePaper() {
            EFile e = existing("ALT-77", "Nowak", "Jan", AZR);
            DigitalTransfer t = transfer("T-match-1", ImportDesk.person("Nowak", "Jan", BORN, AZR));
            d.lift.digitalIntake().receive(d.clerk, t);
            assertThat(d.lift.imports().importReady(d.importer).imported())
                    .singleElement().satisfies(i -> assertThat(i.eFileId()).isEqualTo(e.id()));
            assertThat(history(t.barcode())).filteredOn(x -> x.kind() == EventKind.EFILE_MATCHED).singleElement()
                    .satisfies(x -> assertThat(x.payload()).containsEntry("by", "AZR_NUMBER"));
            assertThat(d.procedure.eFiles()).hasSize(1);
        }

        @Test
        @DisplayName("held like a paper transfer: ambiguous names wait for the clerk, and the decision is imported")
        void heldLikePaper() {
            existing("ALT-1", "Kaya", "Ela", null);
            EFile b = existing("ALT-2", "KAYA", "Ela", null);
            DigitalTransfer t = transfer("T-held-1", ImportDesk.person("Kaya", "Ela", BORN, null));
            d.lift.digitalIntake().receive(d.clerk, t);
            assertThat(d.lift.imports().importReady(d.importer).held()).singleElement()
                    .satisfies(h -> assertThat(h.reasons()).containsExactly(MatchReason.AMBIGUOUS_SUBJECT));
            assertThat(d.lift.digitalIntake().status(t.transferId()).orElseThrow().outcome()).isEqualTo(Outcome.HELD);
            assertThat(d.lift.digitalIntake().toAnswer()).isEmpty();
            assertThatThrownBy(() -> d.lift.digitalIntake().answered(d.clerk, t.transferId()))
                    .isInstanceOf(IllegalTransitionException.class);

            d.lift.execute(d.clerk, DecideMatch.appendTo(t.barcode(), "clerk-9", b.id()));
            d.lift.imports().importReady(d.importer);
            assertThat(d.lift.digitalIntake().status(t.transferId()).orElseThrow())
                    .satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.IMPORTED))
                    .satisfies(s -> assertThat(s.eFileId()).isEqualTo(b.id()));
        }

        @Test
        @DisplayName("a procedure that answers no queries holds every digital transfer for the clerk, never creating an e-file")
        void procedureWithoutLookUps() {
            d.probe.declare(Set.of());
            DigitalTransfer t = transfer("T-nolookup-1", ImportDesk.person("Berg", "Ida", BORN, AZR));
            d.lift.digitalIntake().receive(d.clerk, t);
            assertThat(d.lift.imports().importReady(d.importer).held()).singleElement()
                    .satisfies(h -> assertThat(h.reasons()).containsExactly(MatchReason.PROCEDURE_CANNOT_LOOK_UP));
            assertThat(d.procedure.eFiles()).isEmpty();
        }

        @Test
        @DisplayName("a rejection reaches the office with the procedure's reason, is the sender's answer, and a retry that goes in is answered again")
        void rejectedThenRetried() {
            d.procedure.decideManually();
            DigitalTransfer t = transfer("T-reject-1", ImportDesk.person("Roth", "Eva", BORN, null));
            d.lift.digitalIntake().receive(d.clerk, t);
            String key = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.procedure.reject(key, "EFILE_LOCKED");
            assertThat(d.lift.imports().importCaseFile(d.importer, t.barcode())).isInstanceOf(ImportResult.Rejected.class);

            Notification n = d.notifier.delivered().stream().filter(x -> x.type() == NotificationType.IMPORT_REJECTED)
                    .findFirst().orElseThrow();
            assertThat(n.details()).containsEntry("barcode", t.barcode().value()).containsEntry("reason", "EFILE_LOCKED")
                    .containsEntry("detail", "rejected by the test");
            DigitalTransferStatus rejected = d.lift.digitalIntake().status(t.transferId()).orElseThrow();
            assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(rejected.reasonCode()).isEqualTo("EFILE_LOCKED");
            assertThat(d.lift.digitalIntake().toAnswer()).containsExactly(rejected);
            d.lift.digitalIntake().answered(d.clerk, t.transferId());
            assertThat(d.lift.digitalIntake().toAnswer()).isEmpty();

            d.lift.execute(d.clerk, new RetryImport(t.barcode()));
            assertThat(d.lift.digitalIntake().status(t.transferId()).orElseThrow().outcome()).isEqualTo(Outcome.WAITING);
            String second = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.procedure.accept(second);
            assertThat(d.lift.imports().importCaseFile(d.importer, t.barcode())).isInstanceOf(ImportResult.Imported.class);
            assertThat(d.lift.digitalIntake().toAnswer()).singleElement()
                    .satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.IMPORTED));
        }

        @Test
        @DisplayName("paper-only commands are refused: no box, no retention or destruction of paper, no paper-back recall")
        void noPaper() {
            DigitalTransfer t = transfer("T-paper-1", ImportDesk.person("Weiß", "Tom", BORN, null));
            d.lift.digitalIntake().receive(d.clerk, t);
            Barcode box = d.lift.inventory().issueBoxBarcodes(d.clerk, 1).get(0);
            d.lift.execute(d.clerk, new OpenBox(box));
            assertThatThrownBy(() -> d.lift.execute(d.clerk, new PackCaseFile(t.barcode(), box)))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> d.lift.execute(d.clerk, new RequestRecall(t.barcode(), RecallMode.PAPER_BACK)))
                    .isInstanceOf(IllegalTransitionException.class);
            d.lift.imports().importReady(d.importer);
            assertThat(d.lift.tracking().whereIs(t.barcode()).orElseThrow().state()).isEqualTo(CaseFileState.IMPORTED);
            long journal = d.journalLength();
            assertThatThrownBy(() -> d.lift.execute(d.clerk, new RetainPaper(t.barcode())))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThat(d.journalLength()).isEqualTo(journal);
        }
    }

    @Nested
    @DisplayName("bad input gives a typed error and keeps nothing")
    class BadInput {

        private void assertNothingKept(long journal) {
            assertThat(d.journalLength()).isEqualTo(journal);
            assertThat(intakeKeys()).isEmpty();
        }

        @Test
        @DisplayName("a document whose bytes differ from the declared SHA-256 names its position only")
        void hashMismatch() {
            byte[] good = pdf("gut");
            DigitalTransfer t = transfer("T-bad-1", ImportDesk.person("Roth", "Ina", BORN, null),
                    List.of(document("a.pdf", "APPLICATION", good), new DigitalDocument("b-Roth.pdf", "LETTER",
                            "application/pdf", sha256(good), () -> new ByteArrayInputStream(pdf("anders")))));
            long journal = d.journalLength();
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, t))
                    .isInstanceOfSatisfying(TransferDocumentException.class, e -> {
                        assertThat(e.position()).isEqualTo(2);
                        assertThat(e.problem()).isEqualTo(TransferDocumentException.Problem.HASH_MISMATCH);
                        assertThat(e.getMessage()).doesNotContain("Roth");
                    });
            assertNothingKept(journal);
            assertThat(d.lift.tracking().whereIs(t.barcode())).isEmpty();
        }

        @Test
        @DisplayName("a source that gives other bytes when read to be stored is caught, and what it wrote removed")
        void changingSource() {
            byte[] good = pdf("gut");
            AtomicInteger opened = new AtomicInteger();
            DigitalTransfer t = transfer("T-bad-2", ImportDesk.person("Roth", "Ina", BORN, null),
                    List.of(new DigitalDocument("a.pdf", "APPLICATION", "application/pdf", sha256(good),
                            () -> new ByteArrayInputStream(opened.getAndIncrement() == 0 ? good : pdf("anders")))));
            long journal = d.journalLength();
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, t))
                    .isInstanceOfSatisfying(TransferDocumentException.class,
                            e -> assertThat(e.problem()).isEqualTo(TransferDocumentException.Problem.HASH_MISMATCH));
            assertThat(opened).hasValue(2);
            assertNothingKept(journal);
        }

        @Test
        @DisplayName("an unreadable document, two documents of one name, and malformed fields are refused by position and path")
        void unreadableDuplicateMalformed() {
            byte[] good = pdf("gut");
            DigitalTransfer unreadable = transfer("T-bad-3", ImportDesk.person("Roth", "Ina", BORN, null),
                    List.of(new DigitalDocument("a.pdf", "APPLICATION", "application/pdf", sha256(good), () -> {
                        throw new IOException("gone");
                    })));
            DigitalTransfer twice = transfer("T-bad-4", ImportDesk.person("Roth", "Ina", BORN, null),
                    List.of(document("a.pdf", "APPLICATION", good), document("a.pdf", "LETTER", good)));
            DigitalTransfer malformed = transfer("T-bad-5", ImportDesk.person("Roth", "Ina", BORN, null),
                    List.of(document("a.pdf", "APPLICATION", good), new DigitalDocument("../b.pdf", "letter", "PDF",
                            "XYZ", () -> new ByteArrayInputStream(good))));
            DigitalTransfer empty = transfer("T-bad-6", ImportDesk.person("Roth", "Ina", BORN, null), List.of());
            long journal = d.journalLength();

            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, unreadable))
                    .isInstanceOfSatisfying(TransferDocumentException.class,
                            e -> assertThat(e.problem()).isEqualTo(TransferDocumentException.Problem.UNREADABLE));
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, twice))
                    .isInstanceOfSatisfying(TransferDocumentException.class, e -> {
                        assertThat(e.problem()).isEqualTo(TransferDocumentException.Problem.DUPLICATE_NAME);
                        assertThat(e.position()).isEqualTo(2);
                    });
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, malformed))
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                            .extracting(InvalidCommandException.FieldViolation::path)
                            .contains("documents[1].name", "documents[1].documentType", "documents[1].mediaType",
                                    "documents[1].sha256"));
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, empty))
                    .isInstanceOf(InvalidCommandException.class);
            assertNothingKept(journal);
        }

        @Test
        @DisplayName("a taken barcode or file reference is refused before anything is stored")
        void takenIdentifiers() {
            Barcode paper = d.bulk();
            long journal = d.journalLength();
            DigitalTransfer t = transfer("T-bad-7", ImportDesk.person("Roth", "Ina", BORN, null));
            DigitalTransfer sameBarcode = new DigitalTransfer(paper, t.reference(), t.subject(), t.protection(),
                    t.originAuthority(), t.transferId(), t.receivedAt(), t.documents());
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, sameBarcode))
                    .isInstanceOf(DuplicateIdentifierException.class);
            DigitalTransfer sameReference = new DigitalTransfer(t.barcode(), d.lift.tracking().whereIs(paper).orElseThrow()
                    .reference(), t.subject(), t.protection(), t.originAuthority(), t.transferId(), t.receivedAt(), t.documents());
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, sameReference))
                    .isInstanceOf(DuplicateIdentifierException.class);
            assertThat(d.journalLength()).isEqualTo(journal + 1); // the barcode issued for t
            assertThat(intakeKeys()).isEmpty();
        }
    }

    @Nested
    @DisplayName("taken in again")
    class Again {

        @Test
        @DisplayName("the same transfer again records nothing and answers its status; the same id with other content is refused")
        void repeated() {
            DigitalTransfer t = transfer("T-again-1", ImportDesk.person("Lund", "Per", BORN, null));
            DigitalTransferStatus first = d.lift.digitalIntake().receive(d.clerk, t);
            long journal = d.journalLength();
            assertThat(d.lift.digitalIntake().receive(d.clerk, t)).isEqualTo(first);
            assertThat(d.journalLength()).isEqualTo(journal);

            DigitalTransfer other = new DigitalTransfer(t.barcode(), t.reference(), t.subject(), t.protection(),
                    t.originAuthority(), t.transferId(), t.receivedAt(), List.of(document("x.pdf", "LETTER", pdf("x"))));
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, other))
                    .isInstanceOfSatisfying(DuplicateIdentifierException.class, e -> assertThat(e.id()).isEqualTo("T-again-1"));
            assertThat(d.journalLength()).isEqualTo(journal);
        }

        @Test
        @DisplayName("after a crash that stored the documents but did not register the transfer, a repeat reuses them and registers it once")
        void afterCrashBeforeRegistration() throws IOException {
            DigitalTransfer t = transfer("T-crash-1", ImportDesk.person("Lund", "Per", BORN, null));
            // what the crashed run left: its documents, under the transfer's keys
            List<ContentInfo> left = new ArrayList<>();
            for (int i = 0; i < t.documents().size(); i++) {
                DigitalDocument doc = t.documents().get(i);
                try (InputStream in = doc.content().open()) {
                    left.add(d.storage.content().create(Key.of("intake/T-crash-1/0" + (i + 1) + "-" + doc.name()), in));
                }
            }
            d.lift.digitalIntake().receive(d.clerk, t);
            assertThat(history(t.barcode())).extracting(JournalEvent::kind).containsExactly(EventKind.DIGITAL_TRANSFER_RECEIVED);
            assertThat(intakeKeys()).hasSize(3);
            assertThat(d.lift.imports().importReady(d.importer).imported()).hasSize(1);
        }

        @Test
        @DisplayName("an object under a document's key with other bytes is an integrity failure, never overwritten")
        void foreignObject() throws IOException {
            DigitalTransfer t = transfer("T-crash-2", ImportDesk.person("Lund", "Per", BORN, null));
            byte[] foreign = "not the document".getBytes(StandardCharsets.UTF_8);
            d.storage.content().create(Key.of("intake/T-crash-2/01-antrag.pdf"), new ByteArrayInputStream(foreign));
            long journal = d.journalLength();
            assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, t))
                    .isInstanceOf(io.github.aktenlift.spi.IntegrityException.class);
            try (InputStream in = d.storage.content().get(Key.of("intake/T-crash-2/01-antrag.pdf"))) {
                assertThat(in.readAllBytes()).isEqualTo(foreign);
            }
            assertThat(d.journalLength()).isEqualTo(journal);
        }
    }

    @Test
    @DisplayName("a replayed journal gives the same digital transfer: another instance on the same storage sees its status")
    void replayed() {
        DigitalTransfer t = transfer("T-replay-1", ImportDesk.person("Lund", "Per", BORN, null));
        d.lift.digitalIntake().receive(d.clerk, t);
        d.lift.imports().importReady(d.importer);
        try (Aktenlift other = d.open(d.storage, d.probe, d.notifier)) {
            assertThat(other.digitalIntake().status(t.transferId())).contains(d.lift.digitalIntake().status(t.transferId())
                    .orElseThrow());
            assertThat(other.digitalIntake().toAnswer()).hasSize(1);
        }
    }

    @Test
    @DisplayName("deep verification reads every document and the intake record back, and finds a flipped bit in one")
    void deepVerification() {
        DigitalTransfer t = transfer("T-deep-1", ImportDesk.person("Lund", "Per", BORN, null));
        d.lift.digitalIntake().receive(d.clerk, t);
        assertThat(d.lift.tracking().verifyDeep()).satisfies(r -> {
            assertThat(r.isIntact()).isTrue();
            assertThat(r.objectsChecked()).as("subject, two documents, intake record").isEqualTo(4);
        });
        d.storage.tamper().flipContentBit(Key.of("intake/T-deep-1/02-pass.pdf"), 100);
        assertThat(d.lift.tracking().verifyDeep()).satisfies(r -> {
            assertThat(r.isIntact()).isFalse();
            assertThat(r.problems()).extracting(p -> p.object()).contains("intake/T-deep-1/02-pass.pdf");
        });
    }

    @Test
    @DisplayName("the receipt time may not lie in the future")
    void futureReceipt() {
        DigitalTransfer t = transfer("T-future-1", ImportDesk.person("Lund", "Per", BORN, null));
        DigitalTransfer future = new DigitalTransfer(t.barcode(), t.reference(), t.subject(), t.protection(),
                t.originAuthority(), t.transferId(), Instant.parse("2099-01-01T00:00:00Z"), t.documents());
        assertThatThrownBy(() -> d.lift.digitalIntake().receive(d.clerk, future))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                        .extracting(InvalidCommandException.FieldViolation::path).containsExactly("receivedAt"));
    }
}
