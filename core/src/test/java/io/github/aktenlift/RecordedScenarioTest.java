package io.github.aktenlift;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A golden master of what Aktenlift stores: one deterministic scenario through the whole lifecycle
 * (baseline, barcodes, logistics, capture with a rejected case file and a rescan, visual QA, import,
 * transfers, holds, a recall, a destruction run, due notifications) on in-memory storage, and the
 * SHA-256 over every byte it leaves behind — journal, checkpoints, subject register, every content
 * object (renditions, scan protocols, baseline) — and over what went out to the procedure and the
 * notifier. A change to the library's inside must leave all of it byte-identical: hashes recorded
 * in existing journals and protocols stay valid. A deliberate change of a stored format changes the
 * constant below, in a commit that says why.
 */
@DisplayName("The bytes a recorded scenario stores")
class RecordedScenarioTest {

    /**
     * Recorded before core's internals moved into their own packages (issue 12), and unchanged by
     * that move; re-recorded once since, for issue 13: registrations now record the SHA-256 of the
     * subject entry they name ({@code subjectSha256}), so that deep verification can check it. With
     * that one payload key left out, the old digest {@code 21f5b1f5…8deb} still came out. Re-recorded
     * for issue 21: a capture's renditions and protocols are stored under its number
     * ({@code renditions/<barcode>/<capture>/…}, {@code protocols/<barcode>/<capture>.json}) instead of
     * its delivery, the {@code CAPTURED} event records that number ({@code capture}), and the
     * protocols list the new rendition keys; the digest before was {@code ec301bdf…2bc5}. What was
     * sent changed with it ({@code 8cf69cab…0f33} before): the hand-over's idempotency key derives
     * from the protocol's SHA-256, and the protocol PDF it carries lists the rendition keys. And for
     * issue 13's tamper contract: captures by ingest also record the SHA-256 of the stored protocol
     * PDF ({@code protocolPdf}), so that a PDF replaced together with the store's own hash of it is
     * caught by deep verification. Re-recorded for issue 16 (item 7): the scan protocol PDF is laid
     * out as a document — header, "Seite i von n", the pages and renditions as tables, signature
     * lines ({@code 4b9b06fe…9f82} before); its JSON, the renditions and the journal's facts are
     * unchanged, only the protocol PDF's bytes and the hashes that name them.
     */
    private static final String STORED = "9f59e8c0ab51d591ead8b63a93b097ff0294bde720307b8b566db90524e651e7";
    /**
     * Re-recorded for issue 21 twice: capture's rejections of a delivery go out as one notification
     * per delivery ({@code capture-<deliveryId>}, the rejected barcodes listed) instead of one per
     * case file; and the hand-over changed with the capture numbers (above). Re-recorded for issue 16
     * (item 7): the packages carry the protocol PDF in its document layout ({@code dfca1f17…e61} before).
     */
    private static final String SENT = "fa03cbe9b20d0eaba6a9cef1ff7b647201d3544cc7c046564b9e84f3ca3f38f9";

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final List<Key> LOGS = List.of(Key.of("journal/events"), Key.of("journal/checkpoints"),
            Key.of("subjects/entries"));

    @TempDir
    Path tmp;

    @Test
    @DisplayName("are the same, byte for byte, as the library stored before")
    void sameBytes() throws IOException {
        Digests d = run();
        assertThat(d.stored()).as("journal, checkpoints, subjects and content").isEqualTo(STORED);
        assertThat(d.sent()).as("packages and notifications sent").isEqualTo(SENT);
    }

    @Test
    @DisplayName("are the same in two runs, so that the comparison above can fail only for a real change")
    void deterministic() throws IOException {
        assertThat(run()).isEqualTo(run());
    }

    private record Digests(String stored, String sent) {
    }

    private Digests run() throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory(tmp, "run");
        InMemoryStorage storage = new InMemoryStorage();
        MutableClock clock = new MutableClock(Office.START);
        InMemorySpecialistProcedure procedure = new InMemorySpecialistProcedure(clock);
        InMemoryNotifier notifier = new InMemoryNotifier();
        Policies policies = Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100))
                .withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(0.0, false, false));
        Actor clerk = Actor.of("clerk-1", "office");
        Actor scanner = Actor.of("scan-op-3", "scan-center");
        try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("g"))
                .policies(policies).checkpointInterval(40).notifier(notifier).procedure(procedure)
                .captureParallelism(1).build()) {
            List<Barcode> issued = lift.inventory().issueCaseFileBarcodes(clerk, 9);
            StringBuilder csv = new StringBuilder(
                    "file_reference,barcode,surname,given_names,date_of_birth,nationality,azr_number,protection_level\n");
            for (int i = 0; i < 7; i++) {
                csv.append("AZ-").append(i).append(',').append(issued.get(i).value()).append(",Surname").append(i)
                        .append(",Given").append(i).append(",0").append(i + 1).append(".02.1980,SYR,")
                        .append(String.format("%012d", 100_000_000_000L + i)).append(',')
                        .append(i == 6 ? "HIGH" : "NORMAL").append('\n');
            }
            lift.inventory().importBaseline(clerk,
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
            for (var e : lift.inventory().baseline()) {
                lift.execute(clerk, new RegisterCaseFile(e.barcode().orElseThrow(), e.reference(), e.subject(),
                        e.protection()));
            }
            List<String> bulk = issued.subList(0, 7).stream().map(Barcode::value).toList();
            Office.shipAndPrepare(lift, bulk);
            clock.advance(Duration.ofHours(3));

            Delivery first = ScanGenerator.writeDelivery(dir.resolve("d1"), DeliverySpec.builder().clock(clock).deliveryId("D-1")
                    .geometry(PAGE).seed(17).barcodes(bulk).documentsPerFile(1, 3).sheetsPerDocument(1, 3)
                    .formats(DeliverySpec.Formats.MIXED).fault(ScanFault.HASH_MISMATCH, bulk.get(2), 1).build());
            IngestReport r1 = lift.capture().ingest(scanner, first.directory());
            assertThat(r1.rejected()).hasSize(1);
            clock.advance(Duration.ofHours(1));

            // the HIGH file is drawn for inspection: fail it, rescan it, pass it with four eyes if needed
            Barcode high = issued.get(6);
            if (lift.tracking().whereIs(high).orElseThrow().state() == CaseFileState.CAPTURED) {
                lift.execute(clerk, new FailQualityCheck(high, List.of("PAGE_SKEWED:1")));
                Delivery rescan = ScanGenerator.writeDelivery(dir.resolve("d2"), DeliverySpec.builder().clock(clock)
                        .deliveryId("D-2").geometry(PAGE).seed(18).barcodes(List.of(high.value()))
                        .documentsPerFile(1, 2).sheetsPerDocument(1, 2).formats(DeliverySpec.Formats.JPEG).build());
                lift.capture().ingest(scanner, rescan.directory());
            }
            for (int reviewer = 1; lift.tracking().whereIs(high).orElseThrow().state() == CaseFileState.CAPTURED;
                    reviewer++) {
                lift.execute(clerk, new PassQualityCheck(high, "qa-" + reviewer));
            }
            // the rejected file comes again, whole
            Delivery again = ScanGenerator.writeDelivery(dir.resolve("d3"), DeliverySpec.builder().clock(clock).deliveryId("D-3")
                    .geometry(PAGE).seed(19).barcodes(List.of(bulk.get(2))).documentsPerFile(1, 2)
                    .sheetsPerDocument(1, 2).formats(DeliverySpec.Formats.G4).build());
            lift.capture().ingest(scanner, again.directory());
            clock.advance(Duration.ofHours(1));

            // transfers from other authorities: one of a known person, one new
            lift.execute(clerk, new RegisterTransfer(issued.get(7), FileReference.of("AZ-T1"), Office.subject(901),
                    ProtectionLevel.NORMAL, "Ausländerbehörde Musterstadt", LocalDate.of(2026, 3, 1)));
            lift.execute(clerk, new RegisterTransfer(issued.get(8), FileReference.of("AZ-T2"),
                    lift.subject(issued.get(0)).orElseThrow(), ProtectionLevel.NORMAL, "Landkreis Beispiel",
                    LocalDate.of(2026, 3, 2)));

            ImportReport imports = lift.imports().importReady(clerk);
            for (int round = 0; round < 5 && !lift.tracking().workList(CaseFileState.VERIFIED).isEmpty(); round++) {
                clock.advance(Duration.ofHours(2));
                imports = lift.imports().poll(clerk);
            }
            assertThat(imports).isNotNull();
            for (Barcode b : lift.tracking().caseFiles()) {
                if (lift.tracking().whereIs(b).orElseThrow().state() == CaseFileState.IMPORTED) {
                    lift.execute(clerk, new RetainPaper(b));
                }
            }
            lift.execute(clerk, new PlaceHold(issued.get(1), HoldReason.OPEN_OBJECTION));
            lift.execute(clerk, new RequestRecall(issued.get(3), RecallMode.PAPER_BACK));
            clock.advance(Duration.ofHours(30));
            lift.notifications().raiseDue();
            lift.execute(clerk, new ServeRecall(issued.get(3)));

            clock.advance(policies.retention().retention().plus(Duration.ofDays(1)));
            lift.notifications().raiseDue();
            DestructionList list = lift.destruction().prepare(clerk);
            lift.destruction().confirm(clerk, list.id(), "VN-2026/1");
            lift.tracking().checkpoint();
            assertThat(lift.tracking().verify().isIntact()).isTrue();
            assertThat(lift.tracking().countsPerState().get(CaseFileState.DESTROYED)).isPositive();
            // the scenario went where it should, so that the digests cover all of it
            assertThat(lift.tracking().history(high)).extracting(e -> e.kind().name())
                    .contains("QA_FAILED", "QA_REVIEWED", "QA_PASSED", "IMPORT_CONFIRMED", "DESTROYED");
            assertThat(notifier.delivered()).extracting(n -> n.type().name()).contains("QA_FAILED",
                    "TRANSFER_REGISTERED", "OVERDUE", "RECALL_SERVED", "PICKUP_PROPOSED", "DESTRUCTION_DUE",
                    "DESTRUCTION_CONFIRMED");
            assertThat(procedure.imports()).hasSize(7);
        }
        return new Digests(stored(storage), sent(procedure, notifier));
    }

    private static String stored(InMemoryStorage storage) throws IOException {
        MessageDigest md = sha256();
        for (Key log : LOGS) {
            update(md, "log " + log.value() + "\n");
            for (long next = 0; ; ) {
                List<LogEntry> page = storage.logs().read(log, next, 1000);
                if (page.isEmpty()) {
                    break;
                }
                for (LogEntry e : page) {
                    update(md, e.sequence() + " " + e.data().length + "\n");
                    md.update(e.data());
                    next = e.sequence() + 1;
                }
            }
        }
        Optional<Key> after = Optional.empty();
        do {
            ContentPage page = storage.content().list("", after, 500);
            for (ContentInfo info : page.items()) {
                update(md, "content " + info.key().value() + " " + info.size() + " " + info.sha256() + "\n");
                try (InputStream in = storage.content().get(info.key())) {
                    md.update(in.readAllBytes());
                }
            }
            after = page.next();
        } while (after.isPresent());
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sent(InMemorySpecialistProcedure procedure, InMemoryNotifier notifier) {
        MessageDigest md = sha256();
        for (Map.Entry<String, ?> e : new TreeMap<>(procedure.imports()).entrySet()) {
            update(md, "import " + e.getKey() + " " + e.getValue() + "\n");
            for (InMemorySpecialistProcedure.Received r : procedure.received(e.getKey())) {
                update(md, r.pkg().eFileId() + " " + new TreeMap<>(r.pkg().metadata()) + " " + r.itemHashes() + "\n");
            }
        }
        List<String> notes = new ArrayList<>();
        for (Notification n : notifier.delivered()) {
            notes.add(n.id() + " " + n.type() + " " + n.recipient() + " " + n.createdAt() + " "
                    + new TreeMap<>(n.details()));
        }
        notes.forEach(n -> update(md, n + "\n"));
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
    }
}
