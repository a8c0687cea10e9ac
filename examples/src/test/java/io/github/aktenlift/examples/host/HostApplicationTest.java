package io.github.aktenlift.examples.host;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A host application with Aktenlift embedded")
class HostApplicationTest {

    private static final Actor CLERK = Actor.of("host-clerk-3", "Ausländerbehörde");
    private static final Actor SYSTEM = Actor.of("host-import", "Ausländerbehörde");
    private static final Actor SCAN = Actor.of("scan-op-1", "Scan-Dienstleister");

    @TempDir
    Path tmp;

    private final HostClock clock = new HostClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage();
    private final CaseSoftware cases = new CaseSoftware(clock);
    private final CaseSoftware.Person ayse = new CaseSoftware.Person("Öztürk", "Ayşe", LocalDate.of(1988, 4, 1),
            "100000000001");
    private final CaseSoftware.Person jan = new CaseSoftware.Person("Kowalski", "Jan", LocalDate.of(1979, 11, 30),
            null);
    private final CaseSoftware.Person lina = new CaseSoftware.Person("Haddad", "Lina", LocalDate.of(2001, 7, 9),
            "100000000003");
    private HostApplication host;
    private String ayseFile;

    @BeforeEach
    void start() {
        ayseFile = cases.openEFile("AB-2019/0815", ayse, null); // the office's own e-files
        cases.openEFile("AB-2021/0042", jan, null);
        host = new HostApplication(cases, storage, clock);
    }

    @AfterEach
    void stop() {
        host.close();
    }

    /** Pickup, goods receipt, a generated scan delivery, capture, and QA for whatever was drawn. */
    private IngestReport scanAndCapture(List<Barcode> files) throws IOException {
        Aktenlift lift = host.aktenlift();
        Barcode box = lift.inventory().issueBoxBarcodes(CLERK, 1).get(0);
        lift.execute(CLERK, new OpenBox(box));
        files.forEach(f -> lift.execute(CLERK, new PackCaseFile(f, box)));
        lift.execute(CLERK, new SealBox(box, SealNumber.of("S-1")));
        lift.execute(CLERK, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), List.of(box)));
        lift.execute(CLERK, new CollectPickup("P-1", new HandoverProtocol(CLERK.id(), "carrier-1",
                Map.of(box, SealNumber.of("S-1")))));
        lift.execute(SCAN, new ReceiveBox(box, SealNumber.of("S-1"), Set.copyOf(files)));
        files.forEach(f -> lift.execute(SCAN, new PrepareCaseFile(f)));
        IngestReport report = lift.capture().ingest(SCAN, ScanGenerator.writeDelivery(tmp.resolve("d"),
                DeliverySpec.builder().deliveryId("D-1").clock(clock).geometry(PageGeometry.a4(200)).seed(5)
                        .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 2)
                        .sheetsPerDocument(1, 2).build()).directory());
        for (Barcode f : files) {
            if (lift.tracking().whereIs(f).orElseThrow().state() == CaseFileState.CAPTURED) {
                lift.execute(SCAN, new PassQualityCheck(f, "qa-1"));
            }
        }
        return report;
    }

    private String sha256(Key key) throws Exception {
        try (InputStream in = storage.content().get(key)) {
            return HexFormat.of().formatHex(sha256(in.readAllBytes()));
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The host's clock, moved on by the test. */
    private static final class HostClock extends Clock {
        private Instant now;

        HostClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The submission waiting in the case software's inbox for an e-file. */
    private CaseSoftware.Submission waitingFor(String eFileId) {
        return cases.inbox().stream().filter(x -> x.eFileId().equals(eFileId)).findFirst().orElseThrow();
    }

    private CaseFileState state(Barcode f) {
        return host.aktenlift().tracking().whereIs(f).orElseThrow().state();
    }

    @Test
    @DisplayName("gets the scans into its own e-files: a clerk files two, refuses one, and the tracking records both")
    void scansComeHome() throws Exception {
        Barcode a = host.registerPaperFile(CLERK, "AB-2019/0815", ayse);
        Barcode j = host.registerPaperFile(CLERK, "AB-2021/0042", jan);
        Barcode l = host.registerPaperFile(CLERK, "AB-2026/0001", lina); // no e-file yet
        IngestReport report = scanAndCapture(List.of(a, j, l));
        assertThat(report.rejected()).isEmpty();

        ImportReport handedOver = host.importVerified(SYSTEM);
        assertThat(handedOver.pending()).hasSize(3);
        assertThat(host.importVerified(SYSTEM).results()).as("nothing twice").isEmpty();
        assertThat(cases.inbox()).hasSize(3);
        String linaFile = cases.eFileByReference("AB-2026/0001").orElseThrow(() -> new AssertionError("opened for the new file"));
        String janFile = cases.eFileByReference("AB-2021/0042").orElseThrow();

        String receipt = cases.file(waitingFor(ayseFile).id());
        cases.file(waitingFor(linaFile).id());
        cases.refuse(waitingFor(janFile).id(), "WRONG_PERSON");

        assertThat(host.collectDecisions(SYSTEM).results()).as("not asked again before the adapter's 15 minutes")
                .isEmpty();
        clock.advance(Duration.ofMinutes(15));
        ImportReport decided = host.collectDecisions(SYSTEM);
        assertThat(decided.imported()).extracting(ImportResult.Imported::barcode).containsExactlyInAnyOrder(a, l);
        assertThat(decided.rejected()).singleElement().satisfies(r -> {
            assertThat(r.barcode()).isEqualTo(j);
            assertThat(r.reasonCode()).isEqualTo("WRONG_PERSON");
        });
        assertThat(state(a)).isEqualTo(CaseFileState.IMPORTED);
        assertThat(state(l)).isEqualTo(CaseFileState.IMPORTED);
        assertThat(state(j)).isEqualTo(CaseFileState.IMPORT_REJECTED);
        Aktenlift lift = host.aktenlift();
        JournalEvent confirmed = lift.tracking().history(a).get(lift.tracking().history(a).size() - 1);
        assertThat(confirmed.payload()).containsEntry("eFile", ayseFile).containsEntry("receipt", receipt);
        assertThat(lift.tracking().history(j).get(lift.tracking().history(j).size() - 1).payload())
                .containsEntry("reason", "WRONG_PERSON");

        // the e-file holds the renditions byte for byte, plus the scan protocol
        CaseFileOutcome.Captured captured = report.captured().stream().filter(c -> c.barcode().equals(a.value()))
                .findFirst().orElseThrow();
        List<CaseSoftware.Document> filed = cases.documents(ayseFile);
        assertThat(filed).hasSize(captured.renditions().size() + 1);
        List<String> renditions = new ArrayList<>();
        for (CaseFileOutcome.StoredRendition r : captured.renditions()) {
            assertThat(sha256(r.key())).isEqualTo(r.sha256());
            renditions.add(r.sha256());
        }
        assertThat(filed.stream().filter(d -> !d.type().equals("SCAN_PROTOCOL"))
                .map(d -> HexFormat.of().formatHex(sha256(d.content())))).containsExactlyInAnyOrderElementsOf(renditions);
        assertThat(filed).anySatisfy(d -> assertThat(d.type()).isEqualTo("SCAN_PROTOCOL"));
    }

    @Test
    @DisplayName("retries a refused import under a new key once the clerk's problem is solved; the e-file gets it once")
    void retry() throws Exception {
        Barcode j = host.registerPaperFile(CLERK, "AB-2021/0042", jan);
        scanAndCapture(List.of(j));
        host.importVerified(SYSTEM);
        CaseSoftware.Submission first = cases.inbox().get(0);
        cases.refuse(first.id(), "EFILE_LOCKED");
        clock.advance(Duration.ofMinutes(15));
        assertThat(host.collectDecisions(SYSTEM).rejected()).hasSize(1);
        assertThat(state(j)).isEqualTo(CaseFileState.IMPORT_REJECTED);
        assertThat(host.importVerified(SYSTEM).results()).as("a refused import waits for the clerk").isEmpty();

        host.retry(CLERK, j);
        assertThat(host.importVerified(SYSTEM).pending()).hasSize(1);
        CaseSoftware.Submission second = cases.inbox().get(0);
        assertThat(second.externalKey()).isNotEqualTo(first.externalKey());
        cases.file(second.id());
        clock.advance(Duration.ofMinutes(15));
        assertThat(host.collectDecisions(SYSTEM).imported()).hasSize(1);

        assertThat(state(j)).isEqualTo(CaseFileState.IMPORTED);
        String janFile = cases.eFileByReference("AB-2021/0042").orElseThrow();
        assertThat(cases.documents(janFile)).as("filed once").hasSize(second.documents().size());
    }

    @Test
    @DisplayName("appends a file from another authority to the person's e-file, though the sender spelt the name transliterated")
    void transferMatched() throws Exception {
        CaseSoftware.Person asSent = new CaseSoftware.Person("Oeztuerk", "Ayse", LocalDate.of(1988, 4, 1), null);
        Barcode t = host.registerTransfer(CLERK, "AB-2026/0002", asSent, "Stadt Musterstadt, Ausländerbehörde",
                LocalDate.of(2026, 2, 27));
        scanAndCapture(List.of(t));

        host.importVerified(SYSTEM);
        assertThat(waitingFor(ayseFile).eFileId()).as("her e-file, no new one").isEqualTo(ayseFile);
        assertThat(cases.eFileByReference("AB-2026/0002")).isEmpty();
        cases.file(waitingFor(ayseFile).id());
        clock.advance(Duration.ofMinutes(15));
        assertThat(host.collectDecisions(SYSTEM).imported()).singleElement()
                .satisfies(i -> assertThat(i.eFileId()).isEqualTo(ayseFile));
        assertThat(host.aktenlift().tracking().history(t)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.EFILE_MATCHED);
            assertThat(e.payload()).containsEntry("by", "SUBJECT");
        });
    }

    @Test
    @DisplayName("holds a transfer whose AZR number and name point at different e-files, until a clerk decides")
    void transferHeld() throws Exception {
        // Jan's name and date of birth, but Ayşe's AZR number: never guess
        CaseSoftware.Person mixed = new CaseSoftware.Person("Kowalski", "Jan", LocalDate.of(1979, 11, 30),
                ayse.azrNumber());
        Barcode t = host.registerTransfer(CLERK, "AB-2026/0003", mixed, "Stadt Musterstadt, Ausländerbehörde",
                LocalDate.of(2026, 2, 27));
        scanAndCapture(List.of(t));

        assertThat(host.importVerified(SYSTEM).held()).singleElement().satisfies(h -> {
            assertThat(h.reasons()).containsExactly(MatchReason.AZR_NUMBER_VS_SUBJECT);
            assertThat(h.candidateEFileIds()).contains(ayseFile);
        });
        assertThat(cases.inbox()).as("nothing handed over").isEmpty();

        host.aktenlift().execute(CLERK, DecideMatch.appendTo(t, CLERK.id(), ayseFile));
        assertThat(host.importVerified(SYSTEM).pending()).hasSize(1);
        assertThat(waitingFor(ayseFile).eFileId()).isEqualTo(ayseFile);
    }

    @Test
    @DisplayName("keeps the persons' data out of Aktenlift's journal: names and AZR numbers appear in no event")
    void noPersonalDataInJournal() throws Exception {
        Barcode a = host.registerPaperFile(CLERK, "AB-2019/0815", ayse);
        scanAndCapture(List.of(a));
        host.importVerified(SYSTEM);
        for (JournalEvent e : host.aktenlift().tracking().history(a)) {
            assertThat(e.payload().values().toString()).doesNotContain("Öztürk", "Ayşe", "1988-04-01", "100000000001");
        }
        assertThat(host.aktenlift().subject(a).orElseThrow().surname()).isEqualTo("Öztürk");
    }
}
