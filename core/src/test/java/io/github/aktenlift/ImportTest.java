package io.github.aktenlift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.RenditionMode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.notification.Recipient;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Import into the specialist procedure")
class ImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ImportDesk d;

    @BeforeEach
    void open() {
        d = new ImportDesk(tmp);
    }

    @AfterEach
    void close() {
        d.close();
    }

    private ImportResult importNow(Barcode f) {
        return d.lift.imports().importCaseFile(d.importer, f);
    }

    private CaseFileState stateOf(Barcode f) {
        return d.lift.tracking().whereIs(f).orElseThrow().state();
    }

    private List<JournalEvent> events(Barcode f, EventKind kind) {
        return d.history(f).stream().filter(e -> e.kind() == kind).toList();
    }

    private JournalEvent last(Barcode f, EventKind kind) {
        List<JournalEvent> found = events(f, kind);
        assertThat(found).as("%s events of %s", kind, f).isNotEmpty();
        return found.get(found.size() - 1);
    }

    private JsonNode protocolOf(Barcode f) throws IOException {
        JournalEvent captured = last(f, EventKind.CAPTURED);
        try (InputStream in = d.storage.content().get(Key.of("protocols/" + f.value() + "/" + captured.get("capture")
                + ".json"))) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    private static SubjectQuery query(Subject s) {
        return new SubjectQuery(s.surname(), s.givenNames(), s.dateOfBirth(), s.azrNumber());
    }

    private ImportPackage received(String key) {
        List<InMemorySpecialistProcedure.Received> got = d.procedure.received(key);
        assertThat(got).as("packages received under %s", key).hasSize(1);
        return got.get(0).pkg();
    }

    @Nested
    @DisplayName("a confirmed receipt")
    class Receipt {

        @Test
        @DisplayName("a verified file goes into the e-file kept under its reference and becomes IMPORTED with the receipt")
        void importedIntoExistingEFile() throws IOException {
            EFile existing = d.procedure.createEFile(new EFileRequest("far-side-1", "AZ-BULK-1", query(Office.subject(1))));
            Barcode f = d.verifiedBulk();

            ImportResult r = importNow(f);

            assertThat(r).isInstanceOfSatisfying(ImportResult.Imported.class, i -> {
                assertThat(i.eFileId()).isEqualTo(existing.id());
                assertThat(i.receiptId()).isNotBlank();
            });
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORTED);
            assertThat(d.procedure.eFiles()).containsExactly(existing);
            JournalEvent matched = last(f, EventKind.EFILE_MATCHED);
            JournalEvent submitted = last(f, EventKind.IMPORT_SUBMITTED);
            JournalEvent confirmed = last(f, EventKind.IMPORT_CONFIRMED);
            assertThat(matched.payload()).containsEntry("by", "FILE_REFERENCE").containsEntry("eFile", existing.id());
            String key = submitted.get("key");
            assertThat(key).matches("akl-" + f.value() + "-0-[0-9a-f]{32}");
            assertThat(submitted.payload()).containsEntry("eFile", existing.id()).containsEntry("attempt", "0")
                    .containsEntry("protocol", last(f, EventKind.CAPTURED).get("protocol"));
            assertThat(confirmed.payload()).containsEntry("key", key).containsEntry("eFile", existing.id())
                    .containsEntry("receipt", ((ImportResult.Imported) r).receiptId());
            assertThat(d.procedure.imports()).containsOnlyKeys(key);
        }

        @Test
        @DisplayName("the package holds the latest capture's renditions with their protocol hashes, the protocol PDF/A and ids only")
        void packageContents() throws IOException {
            Barcode f = d.verifiedBulk();
            importNow(f);
            ImportPackage pkg = received(last(f, EventKind.IMPORT_SUBMITTED).get("key"));

            JsonNode protocol = protocolOf(f);
            List<String> protocolHashes = new ArrayList<>();
            protocol.get("renditions").forEach(r -> protocolHashes.add(r.get("sha256").asText()));
            assertThat(pkg.documents()).extracting(PackageItem::sha256).containsExactlyInAnyOrderElementsOf(protocolHashes);
            assertThat(pkg.documents()).extracting(PackageItem::name).allMatch(n -> n.matches("[0-9]{2}-.+\\.pdf"));
            String capture = last(f, EventKind.CAPTURED).get("capture");
            assertThat(pkg.scanProtocol().sha256()).isEqualTo(d.storage.content()
                    .head(Key.of("protocols/" + f.value() + "/" + capture + ".pdf")).orElseThrow().sha256());
            assertThat(pkg.scanProtocol().documentType()).isEqualTo("SCAN_PROTOCOL");
            assertThat(pkg.metadata()).containsEntry("barcode", f.value()).containsEntry("fileReference", "AZ-BULK-1")
                    .containsEntry("deliveryId", last(f, EventKind.CAPTURED).get("delivery"))
                    .containsEntry("scanProtocolSha256", last(f, EventKind.CAPTURED).get("protocol"));
            Subject s = Office.subject(1);
            String all = pkg.metadata().toString() + pkg;
            assertThat(all).doesNotContain(s.surname(), s.givenNames(), s.dateOfBirth().toString(), s.azrNumber());
        }

        @Test
        @DisplayName("a file of the bulk project without an e-file gets a new one, created under a key from its barcode")
        void newEFileForBulkFile() {
            Barcode f = d.verifiedBulk();
            ImportResult r = importNow(f);
            assertThat(d.procedure.eFiles()).singleElement().satisfies(e -> {
                assertThat(e.fileReference()).isEqualTo("AZ-BULK-1");
                assertThat(((ImportResult.Imported) r).eFileId()).isEqualTo(e.id());
            });
            assertThat(last(f, EventKind.EFILE_MATCHED).payload()).containsEntry("by", "NONE");
            // the creation is keyed by the barcode: asking again finds the same e-file
            assertThat(d.procedure.createEFile(new EFileRequest("efile-" + f.value(), "AZ-BULK-1", query(Office.subject(1)))))
                    .isEqualTo(d.procedure.eFiles().get(0));
        }

        @Test
        @DisplayName("an answer lost on the way back is asked for again under the same derived key: one import, one receipt")
        void lostAnswerSameKey() {
            Barcode f = d.verifiedBulk();
            d.probe.loseNextAnswer("importPackage");
            long before = d.journalLength();

            ImportResult first = importNow(f);
            assertThat(first).isInstanceOfSatisfying(ImportResult.Failed.class,
                    x -> assertThat(x.error()).isInstanceOf(UnavailableException.class));
            assertThat(d.journalLength()).isEqualTo(before);
            assertThat(d.procedure.imports()).hasSize(1);
            String key = d.procedure.imports().keySet().iterator().next();

            ImportResult second = importNow(f);
            assertThat(second).isInstanceOf(ImportResult.Imported.class);
            assertThat(last(f, EventKind.IMPORT_SUBMITTED).get("key")).isEqualTo(key);
            assertThat(d.procedure.imports()).containsOnlyKeys(key);
            assertThat(d.procedure.received(key)).hasSize(1);
            assertThat(events(f, EventKind.IMPORT_CONFIRMED)).hasSize(1);
        }
    }

    @Nested
    @DisplayName("a pending import")
    class Pending {

        @BeforeEach
        void manual() {
            d.procedure.decideManually();
        }

        @Test
        @DisplayName("is polled with a doubling backoff, and becomes IMPORTED only when the receipt arrives")
        void pollWithBackoff() {
            Barcode f = d.verifiedBulk();
            ImportReport first = d.lift.imports().importReady(d.importer);
            ImportResult.Pending p = first.pending().get(0);
            Instant t0 = d.clock.instant();
            assertThat(p.nextPollAt()).isEqualTo(t0.plusSeconds(30));
            assertThat(stateOf(f)).isEqualTo(CaseFileState.VERIFIED);
            assertThat(events(f, EventKind.IMPORT_SUBMITTED)).hasSize(1);

            assertThat(d.lift.imports().poll(d.importer).results()).isEmpty();
            assertThat(d.lift.imports().importReady(d.importer).results()).as("a pending file is not handed over again").isEmpty();
            assertThat(d.probe.calls("status")).isZero();

            d.clock.advance(Duration.ofSeconds(30));
            assertThat(d.lift.imports().poll(d.importer).pending()).singleElement()
                    .satisfies(x -> assertThat(x.nextPollAt()).isEqualTo(d.clock.instant().plusSeconds(60)));
            d.clock.advance(Duration.ofSeconds(59));
            assertThat(d.lift.imports().poll(d.importer).results()).isEmpty();
            d.clock.advance(Duration.ofSeconds(1));
            assertThat(d.lift.imports().poll(d.importer).pending()).singleElement()
                    .satisfies(x -> assertThat(x.nextPollAt()).isEqualTo(d.clock.instant().plusSeconds(120)));
            assertThat(d.probe.calls("status")).isEqualTo(2);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.VERIFIED);

            d.procedure.accept(p.idempotencyKey());
            d.clock.advance(Duration.ofSeconds(120));
            assertThat(d.lift.imports().poll(d.importer).imported()).extracting(ImportResult::barcode).containsExactly(f);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORTED);
            assertThat(events(f, EventKind.IMPORT_CONFIRMED)).singleElement()
                    .satisfies(e -> assertThat(e.get("key")).isEqualTo(p.idempotencyKey()));
            assertThat(d.probe.calls("importPackage")).isEqualTo(1);
        }

        @Test
        @DisplayName("the backoff doubles up to one hour and never asks sooner than the procedure's retryAfter")
        void backoffLimits() {
            d.verifiedBulk();
            List<Long> waits = new ArrayList<>();
            Instant next = d.lift.imports().importReady(d.importer).pending().get(0).nextPollAt();
            waits.add(Duration.between(d.clock.instant(), next).toSeconds());
            for (int i = 0; i < 9; i++) {
                d.clock.advanceTo(next);
                next = d.lift.imports().poll(d.importer).pending().get(0).nextPollAt();
                waits.add(Duration.between(d.clock.instant(), next).toSeconds());
            }
            assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3600L, 3600L, 3600L);

            d.probe.retryAfter(Duration.ofHours(5));
            d.clock.advanceTo(next);
            next = d.lift.imports().poll(d.importer).pending().get(0).nextPollAt();
            assertThat(Duration.between(d.clock.instant(), next)).isEqualTo(Duration.ofHours(5));
        }

        @Test
        @DisplayName("a restarted instance polls the hand-overs recorded in the journal at once")
        void restart() {
            Barcode f = d.verifiedBulk();
            String key = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.procedure.accept(key);
            try (Aktenlift restarted = d.open(d.storage, d.probe, d.notifier)) {
                ImportReport r = restarted.imports().poll(d.importer);
                assertThat(r.imported()).extracting(ImportResult::barcode).containsExactly(f);
                assertThat(restarted.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.IMPORTED);
            }
            assertThat(d.probe.calls("importPackage")).isEqualTo(1);
            assertThat(d.procedure.imports()).containsOnlyKeys(key);
        }
    }

    @Nested
    @DisplayName("a rejected import")
    class Rejection {

        @BeforeEach
        void manual() {
            d.procedure.decideManually();
        }

        @Test
        @DisplayName("records the reason, notifies the office, and after correction a retry hands over under a new key")
        void rejectNotifyRetry() {
            Barcode f = d.verifiedBulk();
            String k1 = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.procedure.reject(k1, "EFILE_LOCKED");
            d.clock.advance(Duration.ofMinutes(1));

            ImportReport polled = d.lift.imports().poll(d.importer);
            assertThat(polled.rejected()).singleElement().satisfies(r -> {
                assertThat(r.reasonCode()).isEqualTo("EFILE_LOCKED");
                assertThat(r.idempotencyKey()).isEqualTo(k1);
            });
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORT_REJECTED);
            assertThat(last(f, EventKind.IMPORT_REJECTED).payload()).containsEntry("reason", "EFILE_LOCKED")
                    .containsEntry("key", k1);
            assertThat(d.notifier.delivered()).filteredOn(n -> n.type() == NotificationType.IMPORT_REJECTED)
                    .singleElement().satisfies(n -> {
                        assertThat(n.recipient()).isEqualTo(Recipient.role("office"));
                        assertThat(n.details()).containsEntry("barcode", f.value()).containsEntry("reason", "EFILE_LOCKED");
                    });
            assertThat(d.lift.imports().importReady(d.importer).results()).as("a rejected file waits for the retry").isEmpty();

            d.lift.execute(d.clerk, new RetryImport(f));
            String k2 = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            assertThat(k2).isNotEqualTo(k1).startsWith("akl-" + f.value() + "-1-");
            d.procedure.accept(k2);
            d.clock.advance(Duration.ofMinutes(1));
            assertThat(d.lift.imports().poll(d.importer).imported()).hasSize(1);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORTED);

            // the same documents went over twice, but only the second hand-over was accepted
            assertThat(received(k2).documents()).extracting(PackageItem::sha256)
                    .containsExactlyElementsOf(received(k1).documents().stream().map(PackageItem::sha256).toList());
            assertThat(d.procedure.imports().values()).filteredOn(o -> o instanceof ImportOutcome.Accepted).hasSize(1);
        }

        @Test
        @DisplayName("a retry never imports again what the procedure accepted after all: the earlier receipt is confirmed")
        void acceptedAfterAll() {
            Barcode f = d.verifiedBulk();
            String k1 = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            // the clerk gives up on the pending import by hand, and queues it again
            d.lift.execute(d.clerk, new RejectImport(f, "NO_ANSWER"));
            d.lift.execute(d.clerk, new RetryImport(f));
            assertThat(d.lift.imports().importReady(d.importer).results()).as("the earlier hand-over is still open").isEmpty();

            d.clock.advance(Duration.ofMinutes(1));
            ImportReport stillPending = d.lift.imports().poll(d.importer);
            assertThat(stillPending.pending()).singleElement()
                    .satisfies(p -> assertThat(p.idempotencyKey()).isEqualTo(k1));

            d.procedure.accept(k1);
            d.clock.advance(Duration.ofMinutes(1));
            ImportReport r = d.lift.imports().poll(d.importer);
            assertThat(r.imported()).hasSize(1);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORTED);
            assertThat(last(f, EventKind.IMPORT_CONFIRMED).get("key")).isEqualTo(k1);
            assertThat(d.probe.calls("importPackage")).isEqualTo(1);
            assertThat(d.procedure.imports()).containsOnlyKeys(k1);
        }

        @Test
        @DisplayName("an earlier hand-over the procedure rejected does not block the retry's new one")
        void rejectedEarlierDoesNotBlock() {
            Barcode f = d.verifiedBulk();
            String k1 = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.lift.execute(d.clerk, new RejectImport(f, "NO_ANSWER"));
            d.lift.execute(d.clerk, new RetryImport(f));
            d.procedure.reject(k1, "EFILE_LOCKED");
            d.clock.advance(Duration.ofMinutes(1));

            ImportReport r = d.lift.imports().poll(d.importer);
            assertThat(r.pending()).singleElement().satisfies(p -> assertThat(p.idempotencyKey()).isNotEqualTo(k1));
            assertThat(d.notifier.delivered()).as("the earlier rejection was handled by hand already").isEmpty();
        }

        @Test
        @DisplayName("while the notifier is down the rejection is not recorded: the office is told before the journal says so")
        void notifierDown() {
            Barcode f = d.verifiedBulk();
            String k1 = d.lift.imports().importReady(d.importer).pending().get(0).idempotencyKey();
            d.procedure.reject(k1, "EFILE_LOCKED");
            d.clock.advance(Duration.ofMinutes(1));
            d.notifier.failNext(1);
            long before = d.journalLength();

            assertThat(d.lift.imports().poll(d.importer).failed()).singleElement()
                    .satisfies(x -> assertThat(x.error()).isInstanceOf(UnavailableException.class));
            assertThat(stateOf(f)).isEqualTo(CaseFileState.VERIFIED);
            assertThat(d.journalLength()).isEqualTo(before);

            assertThat(d.lift.imports().poll(d.importer).rejected()).hasSize(1);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.IMPORT_REJECTED);
            assertThat(d.notifier.delivered()).extracting(Notification::id).containsExactly("import-rejected-" + k1);
        }
    }

    @Nested
    @DisplayName("a failed attempt")
    class Failures {

        @Test
        @DisplayName("an unreachable procedure ends the attempt with UnavailableException and records nothing; the next run imports")
        void unavailable() {
            Barcode f = d.verifiedBulk();
            d.probe.failNext("importPackage", 1);
            long before = d.journalLength();
            assertThat(d.lift.imports().importReady(d.importer).failed()).singleElement()
                    .satisfies(x -> assertThat(x.error()).isInstanceOf(UnavailableException.class));
            assertThat(d.journalLength()).isEqualTo(before);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.VERIFIED);

            assertThat(d.lift.imports().importReady(d.importer).imported()).hasSize(1);
            assertThat(d.procedure.eFiles()).as("the e-file is created once").hasSize(1);
        }

        @Test
        @DisplayName("a rendition replaced in storage, so that it no longer has the hash its scan protocol records, is not handed over")
        void replacedRendition() throws IOException {
            Barcode f = d.verifiedBulk();
            String key = protocolOf(f).get("renditions").get(0).get("key").asText();
            d.storage.content().put(Key.of(key), new ByteArrayInputStream("%PDF- not the rendition".getBytes(
                    StandardCharsets.US_ASCII)));
            long before = d.journalLength();

            ImportResult r = importNow(f);
            assertThat(r).isInstanceOfSatisfying(ImportResult.Failed.class,
                    x -> assertThat(x.error()).isInstanceOf(IntegrityException.class).hasMessageContaining(key));
            assertThat(d.probe.calls("importPackage")).isZero();
            assertThat(d.journalLength()).isEqualTo(before);
        }

        @Test
        @DisplayName("a rendition whose stored bytes rotted is refused while it is read for the hand-over: nothing is imported")
        void rottenRendition() throws IOException {
            Barcode f = d.verifiedBulk();
            String key = protocolOf(f).get("renditions").get(0).get("key").asText();
            d.storage.tamper().flipContentBit(Key.of(key), 100);
            long before = d.journalLength();

            ImportResult r = importNow(f);
            assertThat(r).isInstanceOfSatisfying(ImportResult.Failed.class,
                    x -> assertThat(x.error()).isInstanceOf(IntegrityException.class));
            assertThat(d.procedure.imports()).isEmpty();
            assertThat(d.journalLength()).isEqualTo(before);
            assertThat(stateOf(f)).isEqualTo(CaseFileState.VERIFIED);
        }

        @Test
        @DisplayName("a capture recorded without stored renditions cannot be imported: NO_SCAN_PROTOCOL")
        void noRenditions() {
            Barcode f = d.bulk();
            d.prepare(List.of(f));
            d.lift.execute(d.scanner, new RecordCapture(f, "EXT-1", List.of(new CapturedDocument("doc-1", "APPLICATION", 2,
                    false))));
            d.lift.execute(d.scanner, new PassQualityCheck(f, "qa-1"));
            assertThat(importNow(f)).isInstanceOfSatisfying(ImportResult.Failed.class,
                    x -> assertThat(x.error()).isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.reasons()).containsExactly("NO_SCAN_PROTOCOL")));
        }
    }

    @Test
    @DisplayName("two instances importing the same file at the same moment hand over one key and record one receipt")
    void twoInstancesRace() {
        Barcode f = d.verifiedBulk();
        List<ImportResult> other = new ArrayList<>();
        try (Aktenlift second = d.open(d.storage, d.probe, d.notifier)) {
            // the first instance's hand-over reaches the procedure just after the second instance imported the file
            ProcedureProbe interleaving = new ProcedureProbe(d.probe) {
                @Override
                public ImportOutcome importPackage(ImportPackage pkg) {
                    if (other.isEmpty()) {
                        other.add(second.imports().importCaseFile(d.importer, f));
                    }
                    return super.importPackage(pkg);
                }
            };
            try (Aktenlift first = d.open(d.storage, interleaving, d.notifier)) {
                ImportResult mine = first.imports().importCaseFile(d.importer, f);
                assertThat(mine).isInstanceOf(ImportResult.Imported.class);
                assertThat(other).singleElement().isInstanceOf(ImportResult.Imported.class).isEqualTo(mine);
            }
        }
        assertThat(d.procedure.imports()).hasSize(1);
        assertThat(d.procedure.eFiles()).hasSize(1);
        d.lift.refresh();
        assertThat(events(f, EventKind.IMPORT_SUBMITTED)).hasSize(1);
        assertThat(events(f, EventKind.IMPORT_CONFIRMED)).hasSize(1);
        assertThat(events(f, EventKind.EFILE_MATCHED)).hasSize(1);
    }

    @Test
    @DisplayName("with one rendition per case file, the package carries that one rendition, typed CASE_FILE")
    void perCaseFileRendition() throws IOException {
        try (ImportDesk whole = new ImportDesk(tmp.resolve("whole"), ImportDesk.POLICIES.withCapture(
                ImportDesk.POLICIES.capture().withRenditionMode(RenditionMode.PER_CASE_FILE)))) {
            Barcode f = whole.verifiedBulk();
            assertThat(whole.lift.imports().importCaseFile(whole.importer, f)).isInstanceOf(ImportResult.Imported.class);
            String key = whole.history(f).stream().filter(e -> e.kind() == EventKind.IMPORT_SUBMITTED).findFirst()
                    .orElseThrow().get("key");
            ImportPackage pkg = whole.procedure.received(key).get(0).pkg();
            assertThat(pkg.documents()).singleElement().satisfies(item -> {
                assertThat(item.name()).isEqualTo("01-case-file.pdf");
                assertThat(item.documentType()).isEqualTo("CASE_FILE");
            });
            assertThat(pkg.metadata()).containsEntry("file.01-case-file.pdf.document", "*")
                    .containsKey("document.doc-1.type");
        }
    }

    @Test
    @DisplayName("files with an open scan-on-demand recall are imported first, and the recall is served by the receipt")
    void recalledFirst() {
        List<Barcode> files = List.of(d.bulk(), d.bulk(), d.bulk());
        d.verify(files);
        d.lift.execute(d.clerk, new RequestRecall(files.get(2), RecallMode.SCAN_ON_DEMAND));

        ImportReport r = d.lift.imports().importReady(d.importer);

        assertThat(r.results()).extracting(ImportResult::barcode).containsExactly(files.get(2), files.get(0), files.get(1));
        assertThat(r.imported()).hasSize(3);
        assertThat(d.lift.tracking().whereIs(files.get(2)).orElseThrow().openRecall()).isEmpty();
        assertThat(events(files.get(2), EventKind.RECALL_SERVED)).hasSize(1);
    }

    @Test
    @DisplayName("after a rescan the package carries the latest renditions: the rescanned document's new one, the untouched one as it was")
    void latestCaptureOnly() throws IOException {
        Barcode f = d.lift.inventory().issueCaseFileBarcodes(d.clerk, 1).get(0);
        d.lift.execute(d.clerk, new RegisterCaseFile(f, FileReference.of("AZ-HIGH-1"), Office.subject(7),
                ProtectionLevel.HIGH));
        d.prepare(List.of(f));
        Delivery first = d.delivery("D-FIRST", List.of(f), spec -> spec.documentsPerFile(2, 2).sheetsPerDocument(2, 2)
                .formats(DeliverySpec.Formats.JPEG).duplex(false));
        IngestReport r1 = d.lift.capture().ingest(d.scanner, first.directory());
        CaseFileOutcome.Captured c1 = r1.captured().get(0);
        d.lift.execute(d.scanner, new FailQualityCheck(f, List.of("UNREADABLE:doc-1")));

        // the rescan delivery brings the first document's first page anew, nothing else
        ObjectNode index = (ObjectNode) JSON.readTree(first.index().toFile());
        index.put("deliveryId", "D-RESCAN");
        ArrayNode docs = (ArrayNode) index.get("caseFiles").get(0).get("documents");
        while (docs.size() > 1) {
            docs.remove(1);
        }
        ArrayNode pages = (ArrayNode) docs.get(0).get("pages");
        while (pages.size() > 1) {
            pages.remove(1);
        }
        ObjectNode page = (ObjectNode) pages.get(0);
        Path rescan = tmp.resolve("D-RESCAN");
        Path file = rescan.resolve(page.get("file").asText());
        Files.createDirectories(file.getParent());
        page.put("sha256", ScanGenerator.withSeed(99).withGeometry(ImportDesk.PAGE).writeJpeg(file, 1, PageKind.LETTER)
                .sha256());
        JSON.writeValue(rescan.resolve("index.json").toFile(), index);
        IngestReport r2 = d.lift.capture().ingest(d.scanner, rescan);
        assertThat(r2.rejected()).as("problems: %s", r2.problems()).isEmpty();
        d.lift.execute(d.scanner, new PassQualityCheck(f, "qa-1"));
        d.lift.execute(d.scanner, new PassQualityCheck(f, "qa-2"));

        assertThat(importNow(f)).isInstanceOf(ImportResult.Imported.class);
        ImportPackage pkg = received(last(f, EventKind.IMPORT_SUBMITTED).get("key"));
        CaseFileOutcome.Captured c2 = r2.captured().get(0);
        assertThat(pkg.documents()).extracting(PackageItem::sha256)
                .containsExactlyInAnyOrderElementsOf(c2.renditions().stream().map(CaseFileOutcome.StoredRendition::sha256).toList());
        String rescanned = docs.get(0).get("documentId").asText();
        String oldHash = c1.renditions().stream().filter(x -> x.documentId().equals(rescanned)).findFirst().orElseThrow().sha256();
        assertThat(pkg.documents()).extracting(PackageItem::sha256).doesNotContain(oldHash);
        for (CaseFileOutcome.StoredRendition untouched : c1.renditions()) {
            if (!untouched.documentId().equals(rescanned)) {
                assertThat(pkg.documents()).extracting(PackageItem::sha256).contains(untouched.sha256());
            }
        }
        assertThat(pkg.metadata()).containsEntry("deliveryId", "D-RESCAN");
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("an unknown barcode is UnknownIdentifierException, and nothing is asked or recorded")
        void unknownBarcode() {
            long before = d.journalLength();
            assertThatThrownBy(() -> importNow(Barcode.of("F999999999X")))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> assertThat(e.id()).isEqualTo("F999999999X"));
            assertThat(d.journalLength()).isEqualTo(before);
            assertThat(d.probe.calls()).isEmpty();
        }

        @Test
        @DisplayName("a file that is not VERIFIED, or already IMPORTED, is IllegalTransitionException naming its state")
        void wrongState() {
            Barcode registered = d.bulk();
            Barcode imported = d.verifiedBulk();
            importNow(imported);
            long before = d.journalLength();
            assertThatThrownBy(() -> importNow(registered)).isInstanceOfSatisfying(IllegalTransitionException.class,
                    e -> assertThat(e.currentState()).isEqualTo("REGISTERED"));
            assertThatThrownBy(() -> importNow(imported)).isInstanceOfSatisfying(IllegalTransitionException.class,
                    e -> assertThat(e.currentState()).isEqualTo("IMPORTED"));
            assertThat(d.journalLength()).isEqualTo(before);
            assertThat(d.procedure.imports()).hasSize(1);
        }

        @Test
        @DisplayName("a null actor or barcode is InvalidValueException")
        void nulls() {
            Barcode f = d.bulk();
            assertThatThrownBy(() -> d.lift.imports().importCaseFile(null, f)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> d.lift.imports().importCaseFile(d.importer, null)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> d.lift.imports().importReady(null)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> d.lift.imports().poll(null)).isInstanceOf(InvalidValueException.class);
        }

        @Test
        @DisplayName("without a procedure there are no imports: IllegalStateException says how to configure one")
        void noProcedure() {
            try (Aktenlift plain = Aktenlift.builder().storage(new InMemoryStorage()).build()) {
                assertThatThrownBy(plain::imports).isInstanceOf(IllegalStateException.class).hasMessageContaining("procedure(");
            }
        }
    }

    @Test
    @DisplayName("the journal records matches, hand-overs and receipts with ids and hashes only")
    void journalHasNoPersonalData() {
        Subject s = new Subject("Ödeneß-Quaxtrel", "Wilhelmina Jolanthe", LocalDate.of(1977, 7, 7), null,
                "424242424242");
        Barcode f = d.bulk(FileReference.of("AZ-PD-1"), s);
        d.verify(List.of(f));
        importNow(f);
        for (JournalEvent e : d.history(f)) {
            String text = e.payload().toString();
            assertThat(text).doesNotContain("Ödeneß", "Oedeness", "Quaxtrel", "Wilhelmina", "1977-07-07", "424242424242");
        }
        assertThat(d.notifier.delivered()).map(n -> n.details().toString()).noneMatch(t -> t.contains("Quaxtrel"));
        Map<String, String> metadata = received(last(f, EventKind.IMPORT_SUBMITTED).get("key")).metadata();
        assertThat(metadata.toString()).doesNotContain("Quaxtrel", "Wilhelmina", "1977-07-07", "424242424242");
    }
}
