package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Evidence objects of a capture are written once")
class EvidenceWrittenOnceTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    /** Every capture is drawn for inspection, so that it stays CAPTURED and can fail its check. */
    private final Policies policies = Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100))
            .withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(1.0, false, false));
    private final Office o = Office.of(new InMemoryStorage(), policies, notifier);

    @AfterEach
    void close() {
        o.close();
    }

    private Delivery delivery(String dir, String id, List<Barcode> files) throws Exception {
        return ScanGenerator.writeDelivery(tmp.resolve(dir), DeliverySpec.builder().deliveryId(id).geometry(PAGE)
                .seed(7).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(2, 2)
                .sheetsPerDocument(2, 2).formats(DeliverySpec.Formats.JPEG).duplex(false).build());
    }

    /** Every stored object under renditions/ and protocols/, with its hash. */
    private Map<String, String> evidence() {
        Map<String, String> out = new TreeMap<>();
        for (String prefix : List.of("renditions", "protocols")) {
            Optional<Key> after = Optional.empty();
            while (true) {
                var page = o.storage().content().list(prefix, after, 100);
                for (ContentInfo i : page.items()) {
                    out.put(i.key().value(), i.sha256());
                }
                if (page.next().isEmpty()) {
                    break;
                }
                after = page.next();
            }
        }
        return out;
    }

    private void assertDeepClean() {
        DeepVerificationReport deep = o.lift.tracking().verifyDeep();
        assertThat(deep.problems()).as("deep verification").isEmpty();
        assertThat(deep.isIntact()).isTrue();
    }

    /**
     * A rescan delivery of one case file under the given delivery id: the first page of its first
     * document scanned anew; with {@code wrongHash} the index gives that page a wrong SHA-256, which
     * is found only while it streams into its rendition (after something was stored).
     */
    private Path rescan(Delivery first, String dir, String deliveryId, long seed, boolean wrongHash) throws Exception {
        ObjectNode index = (ObjectNode) JSON.readTree(first.index().toFile());
        index.put("deliveryId", deliveryId);
        ObjectNode caseFile = (ObjectNode) index.get("caseFiles").get(0);
        ArrayNode docs = (ArrayNode) caseFile.get("documents");
        docs.remove(1);
        ArrayNode pages = (ArrayNode) docs.get(0).get("pages");
        while (pages.size() > 1) {
            pages.remove(1);
        }
        ObjectNode page = (ObjectNode) pages.get(0);
        Path rescanDir = tmp.resolve(dir);
        Path newPage = rescanDir.resolve(page.get("file").asText());
        Files.createDirectories(newPage.getParent());
        var written = ScanGenerator.withSeed(seed).withGeometry(PAGE).writeJpeg(newPage, 1, PageKind.LETTER);
        page.put("sha256", wrongHash ? "0".repeat(64) : written.sha256());
        JSON.writeValue(rescanDir.resolve("index.json").toFile(), index);
        return rescanDir;
    }

    @Test
    @DisplayName("a rescan that reuses the delivery id leaves the earlier capture's renditions and protocols as they were")
    void rescanReusingDeliveryId() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery first = delivery("d1", "D-1", List.of(f));
        IngestReport r1 = o.lift.capture().ingest(o.scanner, first.directory());
        assertThat(r1.captured()).hasSize(1);
        Map<String, String> before = evidence();
        o.lift.execute(o.scanner, new FailQualityCheck(f, List.of("UNREADABLE:doc-1")));

        IngestReport r2 = o.lift.capture().ingest(o.scanner, rescan(first, "d2", "D-1", 99, false));
        assertThat(r2.rejected()).as("problems: %s", r2.problems()).isEmpty();
        assertThat(r2.captured()).hasSize(1);

        Map<String, String> after = evidence();
        assertThat(after).as("every object of the first capture is still there, unchanged").containsAllEntriesOf(before);
        assertThat(r2.captured().get(0).protocolJson().value()).isNotIn(before.keySet());
        assertDeepClean();
    }

    @Test
    @DisplayName("a failed rescan removes only what it wrote itself, and a later rescan still finds the previous capture")
    void failedRescanThenPartialRescan() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery first = delivery("d1", "D-1", List.of(f));
        assertThat(o.lift.capture().ingest(o.scanner, first.directory()).captured()).hasSize(1);
        Map<String, String> before = evidence();
        o.lift.execute(o.scanner, new FailQualityCheck(f, List.of("UNREADABLE:doc-1")));

        IngestReport failed = o.lift.capture().ingest(o.scanner, rescan(first, "d2", "D-1", 99, true));
        assertThat(failed.problems()).extracting(CaptureProblem::kind).contains(CaptureProblem.Kind.HASH_MISMATCH);
        assertThat(evidence()).as("the failed rescan left nothing, and took nothing away").isEqualTo(before);
        assertDeepClean();

        IngestReport again = o.lift.capture().ingest(o.scanner, rescan(first, "d3", "D-1", 98, false));
        assertThat(again.rejected()).as("problems: %s", again.problems()).isEmpty();
        assertThat(again.captured()).hasSize(1);
        assertThat(evidence()).containsAllEntriesOf(before);
        assertDeepClean();
    }

    @Test
    @DisplayName("two ingests of one delivery at the same time: each case file is recorded once, the other ingest changes nothing and says so")
    void racingIngestsOnOneInstance() throws Exception {
        List<Barcode> files = o.prepareMany(3);
        Delivery d = delivery("d", "D-RACE", files);
        List<IngestReport> reports = race(List.of(o.lift, o.lift), d.directory());
        assertOneCaptureEach(files, reports);
    }

    @Test
    @DisplayName("two instances on one storage ingesting one delivery: each case file is recorded once")
    void racingIngestsOnTwoInstances() throws Exception {
        List<Barcode> files = o.prepareMany(3);
        Delivery d = delivery("d", "D-RACE", files);
        try (Aktenlift second = Aktenlift.builder().storage(o.storage()).clock(new MutableClock(Office.START))
                .ids(IdSource.sequential("t")).policies(policies).notifier(notifier).build()) {
            List<IngestReport> reports = race(List.of(o.lift, second), d.directory());
            assertOneCaptureEach(files, reports);
        }
    }

    private List<IngestReport> race(List<Aktenlift> instances, Path delivery) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<IngestReport>> futures = new ArrayList<>();
            for (Aktenlift lift : instances) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return lift.capture().ingest(o.scanner, delivery);
                }));
            }
            start.countDown();
            List<IngestReport> out = new ArrayList<>();
            for (Future<IngestReport> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertOneCaptureEach(List<Barcode> files, List<IngestReport> reports) {
        o.lift.refresh(); // the other instance's appends
        for (Barcode f : files) {
            long captured = reports.stream().flatMap(r -> r.captured().stream())
                    .filter(c -> c.barcode().equals(f.value())).count();
            assertThat(captured).as("captures of %s", f).isEqualTo(1);
            assertThat(o.lift.tracking().history(f)).filteredOn(e -> e.kind() == EventKind.CAPTURED).hasSize(1);
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.CAPTURED);
        }
        for (IngestReport r : reports) {
            assertThat(r.problems()).as("the loser's problems say what happened")
                    .allSatisfy(p -> assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.CAPTURE_CONFLICT));
        }
        assertThat(notifier.delivered()).as("no quality failure was notified")
                .noneMatch(n -> n.type() == NotificationType.QA_FAILED);
        // nothing stored beside what the journal names: the loser kept nothing
        Set<String> named = new java.util.HashSet<>();
        for (IngestReport r : reports) {
            for (CaseFileOutcome.Captured c : r.captured()) {
                named.add(c.protocolJson().value());
                named.add(c.protocolPdf().value());
                c.renditions().forEach(x -> named.add(x.key().value()));
            }
        }
        assertThat(evidence().keySet()).containsExactlyInAnyOrderElementsOf(named);
        assertDeepClean();
    }

    @Test
    @DisplayName("objects left by a capture that stopped before recording are kept; the capture takes the next number")
    void leftoversOfAStoppedCapture() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Key leftover = Key.of("renditions/" + f.value() + "/1/doc-1.pdf");
        o.storage().content().put(leftover, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
        IngestReport r = o.lift.capture().ingest(o.scanner, delivery("d", "D-L", List.of(f)).directory());
        assertThat(r.rejected()).as("problems: %s", r.problems()).isEmpty();
        assertThat(r.captured().get(0).protocolJson().value()).isEqualTo("protocols/" + f.value() + "/2.json");
        assertThat(o.lift.tracking().history(f)).filteredOn(e -> e.kind() == EventKind.CAPTURED)
                .singleElement().satisfies(e -> assertThat(e.get("capture")).isEqualTo("2"));
        assertThat(o.storage().content().head(leftover).orElseThrow().size()).isEqualTo(3);
        assertDeepClean();
    }

    @Test
    @DisplayName("a capture recorded without a number (before numbers existed) keeps its protocol under its delivery, where deep verification looks")
    void capturesWithoutNumberKeepTheirKeys() throws Exception {
        List<Barcode> files = o.prepareMany(2);
        Barcode a = files.get(0);
        Barcode old = files.get(1);
        CaseFileOutcome.Captured c = o.lift.capture().ingest(o.scanner, delivery("d", "D-A", List.of(a)).directory())
                .captured().get(0);
        // the other case file as an older version stored it: protocol under the delivery's id, no number
        Key json = Key.of("protocols/" + old.value() + "/D-OLD.json");
        Key pdf = Key.of("protocols/" + old.value() + "/D-OLD.pdf");
        ContentInfo stored;
        try (var in = o.storage().content().get(c.protocolJson())) {
            stored = o.storage().content().put(json, in);
        }
        try (var in = o.storage().content().get(c.protocolPdf())) {
            o.storage().content().put(pdf, in);
        }
        o.lift.execute(o.scanner, new io.github.aktenlift.casefile.RecordCapture(old, "D-OLD",
                List.of(new io.github.aktenlift.casefile.CapturedDocument("doc-1", "APPLICATION", 1, false)),
                stored.sha256()));
        assertThat(o.lift.tracking().history(old)).filteredOn(e -> e.kind() == EventKind.CAPTURED)
                .singleElement().satisfies(e -> assertThat(e.get("capture")).isNull());
        assertDeepClean();

        o.storage().content().delete(json);
        assertThat(o.lift.tracking().verifyDeep().problems()).extracting(p -> p.object())
                .as("deep verification reads the delivery-named key").contains(json.value());
    }

    @Test
    @DisplayName("a repeated delivery says already captured and notifies no quality failure")
    void repeatedDelivery() throws Exception {
        List<Barcode> files = o.prepareMany(2);
        Delivery d = delivery("d", "D-AGAIN", files);
        assertThat(o.lift.capture().ingest(o.scanner, d.directory()).captured()).hasSize(2);
        Map<String, String> before = evidence();
        IngestReport again = o.lift.capture().ingest(o.scanner, d.directory());
        assertThat(again.rejected()).isEmpty();
        assertThat(again.alreadyCaptured()).extracting(CaseFileOutcome.AlreadyCaptured::barcode)
                .containsExactlyElementsOf(files.stream().map(Barcode::value).toList());
        assertThat(notifier.delivered()).noneMatch(n -> n.type() == NotificationType.QA_FAILED);
        assertThat(evidence()).isEqualTo(before);
        assertDeepClean();
    }
}
