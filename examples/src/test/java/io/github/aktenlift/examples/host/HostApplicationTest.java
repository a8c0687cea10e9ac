package io.github.aktenlift.examples.host;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A host application with Aktenlift embedded")
class HostApplicationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    private static final Actor CLERK = Actor.of("host-clerk-3", "Ausländerbehörde");
    private static final Actor SCAN = Actor.of("scan-op-1", "Scan-Dienstleister");

    @TempDir
    Path tmp;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final CaseSoftware cases = new CaseSoftware(CLOCK);
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
        host = new HostApplication(cases, storage, CLOCK);
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
                DeliverySpec.builder().deliveryId("D-1").geometry(PageGeometry.a4(200)).seed(5)
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    @DisplayName("gets the scans into its own e-files: a clerk files two, refuses one, and the tracking records both")
    void scansComeHome() throws Exception {
        Barcode a = host.registerPaperFile(CLERK, "AB-2019/0815", ayse);
        Barcode j = host.registerPaperFile(CLERK, "AB-2021/0042", jan);
        Barcode l = host.registerPaperFile(CLERK, "AB-2026/0001", lina); // no e-file yet
        IngestReport report = scanAndCapture(List.of(a, j, l));
        assertThat(report.rejected()).isEmpty();

        assertThat(host.handOverVerified(CLERK)).isEqualTo(3);
        assertThat(host.handOverVerified(CLERK)).as("nothing twice").isZero();
        assertThat(cases.inbox()).hasSize(3);
        assertThat(cases.eFileByReference("AB-2026/0001")).as("opened for the new file").isPresent();

        CaseSoftware.Submission forAyse = cases.submissionByExternalKey("import-" + a.value() + "-1").orElseThrow();
        CaseSoftware.Submission forJan = cases.submissionByExternalKey("import-" + j.value() + "-1").orElseThrow();
        CaseSoftware.Submission forLina = cases.submissionByExternalKey("import-" + l.value() + "-1").orElseThrow();
        assertThat(forAyse.eFileId()).isEqualTo(ayseFile);
        String receipt = cases.file(forAyse.id());
        cases.file(forLina.id());
        cases.refuse(forJan.id(), "WRONG_PERSON");

        assertThat(host.collectDecisions(CLERK)).isEqualTo(3);
        Aktenlift lift = host.aktenlift();
        assertThat(lift.tracking().whereIs(a).orElseThrow().state()).isEqualTo(CaseFileState.IMPORTED);
        assertThat(lift.tracking().whereIs(l).orElseThrow().state()).isEqualTo(CaseFileState.IMPORTED);
        assertThat(lift.tracking().whereIs(j).orElseThrow().state()).isEqualTo(CaseFileState.IMPORT_REJECTED);
        JournalEvent confirmed = lift.tracking().history(a).get(lift.tracking().history(a).size() - 1);
        assertThat(confirmed.payload()).containsEntry("eFile", ayseFile).containsEntry("receipt", receipt);
        assertThat(lift.tracking().history(j).get(lift.tracking().history(j).size() - 1).payload())
                .containsEntry("reason", "WRONG_PERSON");

        // the e-file holds the renditions byte for byte, plus the scan protocol
        CaseFileOutcome.Captured captured = report.captured().stream().filter(c -> c.barcode().equals(a.value()))
                .findFirst().orElseThrow();
        List<CaseSoftware.Document> filed = cases.documents(ayseFile);
        assertThat(filed).hasSize(captured.renditions().size() + 1);
        for (CaseFileOutcome.StoredRendition r : captured.renditions()) {
            CaseSoftware.Document d = filed.stream().filter(x -> x.name().equals(r.documentId() + ".pdf")).findFirst()
                    .orElseThrow();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(d.content())))
                    .isEqualTo(r.sha256()).isEqualTo(sha256(r.key()));
        }
        assertThat(filed).anySatisfy(d -> assertThat(d.type()).isEqualTo("SCAN_PROTOCOL"));
    }

    @Test
    @DisplayName("retries a refused import under a new key once the clerk's problem is solved")
    void retry() throws Exception {
        Barcode j = host.registerPaperFile(CLERK, "AB-2021/0042", jan);
        scanAndCapture(List.of(j));
        host.handOverVerified(CLERK);
        cases.refuse(cases.inbox().get(0).id(), "EFILE_LOCKED");
        host.collectDecisions(CLERK);
        assertThat(host.aktenlift().tracking().whereIs(j).orElseThrow().state()).isEqualTo(CaseFileState.IMPORT_REJECTED);

        assertThat(host.handOverVerified(CLERK)).isEqualTo(1);
        CaseSoftware.Submission second = cases.submissionByExternalKey("import-" + j.value() + "-2").orElseThrow();
        cases.file(second.id());
        host.collectDecisions(CLERK);

        assertThat(host.aktenlift().tracking().whereIs(j).orElseThrow().state()).isEqualTo(CaseFileState.IMPORTED);
    }

    @Test
    @DisplayName("keeps the persons' data out of Aktenlift's journal: names and AZR numbers appear in no event")
    void noPersonalDataInJournal() throws Exception {
        Barcode a = host.registerPaperFile(CLERK, "AB-2019/0815", ayse);
        scanAndCapture(List.of(a));
        host.handOverVerified(CLERK);
        for (JournalEvent e : host.aktenlift().tracking().history(a)) {
            assertThat(e.payload().values().toString()).doesNotContain("Öztürk", "Ayşe", "1988-04-01", "100000000001");
        }
        assertThat(host.aktenlift().subject(a).orElseThrow().surname()).isEqualTo("Öztürk");
    }
}
