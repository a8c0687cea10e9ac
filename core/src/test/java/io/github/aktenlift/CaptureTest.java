package io.github.aktenlift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Capture of scan deliveries")
class CaptureTest {

    /** Small A4 pages at 100 dpi keep the tests fast; the policy's minimum is lowered to match. */
    private static final PageGeometry PAGE = PageGeometry.a4(100);

    @TempDir
    Path tmp;

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START),
            Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100)), notifier);

    @AfterEach
    void close() {
        o.close();
    }

    private DeliverySpec.Builder spec(String id, List<Barcode> files) {
        return DeliverySpec.builder().deliveryId(id).geometry(PAGE).seed(id.hashCode())
                .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 3).sheetsPerDocument(1, 3);
    }

    private IngestReport ingest(Delivery d) {
        return o.lift.capture().ingest(o.scanner, d.directory());
    }

    private byte[] stored(Key key) throws IOException {
        try (InputStream in = o.storage.content().get(key)) {
            return in.readAllBytes();
        }
    }

    private void assertCaptured(IngestReport report, Barcode f) throws IOException {
        CaseFileOutcome.Captured c = report.captured().stream().filter(x -> x.barcode().equals(f.value())).findFirst()
                .orElseThrow(() -> new AssertionError(f + " not captured: " + report.problems()));
        for (CaseFileOutcome.StoredRendition r : c.renditions()) {
            PdfAssertions.assertPdfA2b(stored(r.key()));
        }
        PdfAssertions.assertPdfA2b(stored(c.protocolPdf()));
        CaseFileState state = o.lift.tracking().whereIs(f).orElseThrow().state();
        assertThat(state).isEqualTo(c.state())
                .isEqualTo(c.inspectionSample().isEmpty() ? CaseFileState.VERIFIED : CaseFileState.CAPTURED);
        // the journal anchors the protocol, the protocol anchors renditions and pages
        JournalEvent captured = o.lift.tracking().history(f).stream().filter(e -> e.kind() == EventKind.CAPTURED)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(captured.get("protocol")).isEqualTo(o.storage.content().head(c.protocolJson()).orElseThrow().sha256());
        JsonNode protocol = new ObjectMapper().readTree(stored(c.protocolJson()));
        assertThat(protocol.get("barcode").asText()).isEqualTo(f.value());
        for (CaseFileOutcome.StoredRendition r : c.renditions()) {
            assertThat(protocol.get("renditions").findValuesAsText("sha256")).contains(r.sha256());
        }
    }

    @Nested
    @DisplayName("a good delivery")
    class Good {

        @ParameterizedTest(name = "{0} pages")
        @MethodSource("io.github.aktenlift.CaptureTest#formats")
        @DisplayName("is captured: PDF/A-2b renditions that veraPDF accepts, a scan protocol, and tracking moved on")
        void captured(DeliverySpec.Formats formats) throws IOException {
            List<Barcode> files = o.prepareMany(3);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-" + formats, files).formats(formats).build());
            IngestReport report = ingest(d);
            assertThat(report.rejected()).as("problems: %s", report.problems()).isEmpty();
            assertThat(report.pages()).isEqualTo(d.pages());
            for (Barcode f : files) {
                assertCaptured(report, f);
            }
        }

        @Test
        @DisplayName("passes JPEG and G4 pages through without re-encoding: image streams equal the page files")
        void passthrough() throws IOException {
            List<Barcode> files = o.prepareMany(1);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-P", files)
                    .formats(DeliverySpec.Formats.MIXED).build());
            CaseFileOutcome.Captured c = ingest(d).captured().get(0);
            List<byte[]> sources = new ArrayList<>();
            for (Path p : d.files()) {
                if (!p.getFileName().toString().equals("index.json") && p.toString().endsWith(".jpg")) {
                    sources.add(Files.readAllBytes(p));
                }
            }
            int jpegStreams = 0;
            for (CaseFileOutcome.StoredRendition r : c.renditions()) {
                assertThat(r.reencodedPages()).isZero();
                try (PDDocument doc = Loader.loadPDF(stored(r.key()))) {
                    for (var page : doc.getPages()) {
                        for (COSName name : page.getResources().getXObjectNames()) {
                            PDImageXObject img = (PDImageXObject) page.getResources().getXObject(name);
                            if (img.getCOSObject().getFilters() instanceof COSName n && n.equals(COSName.DCT_DECODE)) {
                                byte[] raw = img.getCOSObject().createRawInputStream().readAllBytes();
                                assertThat(sources).anySatisfy(s -> assertThat(s).isEqualTo(raw));
                                jpegStreams++;
                            }
                        }
                    }
                }
            }
            assertThat(jpegStreams).isEqualTo(sources.size());
        }

        @Test
        @DisplayName("full inspection at very high protection: every document is drawn, and the file waits for two reviewers")
        void sampleAndFourEyes() throws IOException {
            Barcode f = o.nextFileBarcode();
            o.lift.execute(o.clerk, new io.github.aktenlift.casefile.RegisterCaseFile(f,
                    io.github.aktenlift.casefile.FileReference.of("AZ-VH"), Office.subject(3),
                    io.github.aktenlift.casefile.ProtectionLevel.VERY_HIGH));
            Barcode box = o.ship(List.of(f));
            o.receive(box, Set.of(f));
            o.lift.execute(o.scanner, new PrepareCaseFile(f));
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-VH", List.of(f)).build());
            CaseFileOutcome.Captured c = ingest(d).captured().get(0);
            assertThat(c.inspectionSample()).hasSize(d.caseFiles().get(0).documents());
            assertThat(c.state()).isEqualTo(CaseFileState.CAPTURED);
        }

        @Test
        @DisplayName("replaying a captured delivery takes nothing twice")
        void replay() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-R", files).build());
            ingest(d);
            long journal = o.journalLength();
            IngestReport again = ingest(d);
            assertThat(again.captured()).isEmpty();
            // a repeated delivery is no quality failure: its case files are reported as already captured
            assertThat(again.rejected()).isEmpty();
            assertThat(again.alreadyCaptured()).extracting(CaseFileOutcome.AlreadyCaptured::barcode)
                    .containsExactlyElementsOf(files.stream().map(Barcode::value).toList());
            assertThat(o.journalLength()).isEqualTo(journal);
        }
    }

    static Stream<DeliverySpec.Formats> formats() {
        return Stream.of(DeliverySpec.Formats.JPEG, DeliverySpec.Formats.G4, DeliverySpec.Formats.MIXED);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(ScanFault.TRUNCATED_IMAGE, CaptureProblem.Kind.TRUNCATED_IMAGE, DeliverySpec.Formats.MIXED),
                // garbage in a JPEG's scan data is found while it streams into its rendition, in a G4
                // strip by the walk before rendering
                Arguments.of(ScanFault.CORRUPT_IMAGE, CaptureProblem.Kind.CORRUPT_IMAGE, DeliverySpec.Formats.JPEG),
                Arguments.of(ScanFault.CORRUPT_IMAGE, CaptureProblem.Kind.CORRUPT_IMAGE, DeliverySpec.Formats.G4),
                Arguments.of(ScanFault.ZERO_BYTES, CaptureProblem.Kind.EMPTY_FILE, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.WRONG_FORMAT, CaptureProblem.Kind.WRONG_FORMAT, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.HUGE_DIMENSIONS, CaptureProblem.Kind.TOO_LARGE, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.HASH_MISMATCH, CaptureProblem.Kind.HASH_MISMATCH, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.MISSING_PAGE, CaptureProblem.Kind.MISSING_PAGE, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.EXTRA_PAGE, CaptureProblem.Kind.EXTRA_FILE, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.UNKNOWN_DOCUMENT_TYPE, CaptureProblem.Kind.UNKNOWN_DOCUMENT_TYPE, DeliverySpec.Formats.MIXED),
                Arguments.of(ScanFault.PATH_TRAVERSAL, CaptureProblem.Kind.UNSAFE_PATH, DeliverySpec.Formats.MIXED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @DisplayName("a bad page rejects its own case file only: typed problem naming case file and page, nothing stored, state kept, scan service notified")
    void badInput(ScanFault fault, CaptureProblem.Kind expected, DeliverySpec.Formats formats) throws IOException {
        List<Barcode> files = o.prepareMany(3);
        Barcode bad = files.get(1);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-F", files).formats(formats)
                .fault(fault, bad.value(), 1).build());
        IngestReport report = ingest(d);

        assertThat(report.captured()).extracting(CaseFileOutcome::barcode)
                .containsExactlyInAnyOrder(files.get(0).value(), files.get(2).value());
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.barcode()).isEqualTo(bad.value());
            assertThat(r.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo(expected);
                assertThat(p.barcode()).isEqualTo(bad.value());
                if (expected != CaptureProblem.Kind.UNKNOWN_DOCUMENT_TYPE) {
                    assertThat(p.page()).isNotEmpty();
                }
            });
        });
        assertThat(o.storage.content().list("renditions/" + bad.value(), Optional.empty(), 10).items()).isEmpty();
        assertThat(o.storage.content().list("protocols/" + bad.value(), Optional.empty(), 10).items()).isEmpty();
        assertThat(o.lift.tracking().whereIs(bad).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        assertThat(notifier.delivered()).filteredOn(n -> n.type() == NotificationType.QA_FAILED)
                .extracting(Notification::details).singleElement().satisfies(m -> assertThat(m.get("barcodes"))
                        .isEqualTo(bad.value()));
        for (Barcode good : List.of(files.get(0), files.get(2))) {
            assertCaptured(report, good);
        }
    }

    @Test
    @DisplayName("garbage in a late page's scan data is found while it renders: the case file's stored renditions are removed, and the store never took the broken one")
    void corruptJpegFoundWhileRendering() throws IOException {
        RecordingStorage storage = new RecordingStorage(new InMemoryStorage());
        try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(new MutableClock(Office.START))
                .ids(IdSource.sequential("s")).policies(Policies.defaults()
                        .withCapture(CapturePolicy.defaults().withMinimumDpi(100))).build()) {
            Barcode f = lift.policies().caseFileBarcodes().generate(1);
            lift.execute(o.clerk, new io.github.aktenlift.casefile.RegisterCaseFile(f,
                    io.github.aktenlift.casefile.FileReference.of("AZ-1"), Office.subject(1),
                    io.github.aktenlift.casefile.ProtectionLevel.NORMAL));
            Office.shipAndPrepare(lift, List.of(f.value()));
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-C")
                    .geometry(PAGE).seed(5).barcodes(f.value()).documentsPerFile(3, 3).sheetsPerDocument(2, 2)
                    .duplex(false).formats(DeliverySpec.Formats.JPEG).fault(ScanFault.CORRUPT_IMAGE, f.value(), 6).build());
            IngestReport report = lift.capture().ingest(o.scanner, d.directory());

            assertThat(report.rejected()).singleElement().satisfies(r -> assertThat(r.problems())
                    .singleElement().satisfies(p -> {
                        assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.CORRUPT_IMAGE);
                        assertThat(p.page()).endsWith("doc-3/p0002.jpg");
                    }));
            String base = "renditions/" + f.value() + "/1/";
            assertThat(storage.stored).as("stored, then removed").contains(base + "doc-1.pdf", base + "doc-2.pdf")
                    .doesNotContain(base + "doc-3.pdf");
            assertThat(storage.failed).containsExactly(base + "doc-3.pdf");
            assertThat(storage.content().list("renditions/" + f.value(), Optional.empty(), 10).items()).isEmpty();
            assertThat(storage.content().list("protocols/" + f.value(), Optional.empty(), 10).items()).isEmpty();
            assertThat(lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        }
    }

    @Test
    @DisplayName("a case file rejected before rendering still names its broken JPEG data")
    void corruptJpegReportedWithOtherProblems() throws IOException {
        List<Barcode> files = o.prepareMany(1);
        Barcode f = files.get(0);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-M", files).documentsPerFile(2, 2)
                .sheetsPerDocument(2, 2).duplex(false).formats(DeliverySpec.Formats.JPEG)
                .fault(ScanFault.MISSING_PAGE, f.value(), 1).fault(ScanFault.CORRUPT_IMAGE, f.value(), 3).build());
        assertThat(ingest(d).problems()).extracting(CaptureProblem::kind).containsExactlyInAnyOrder(
                CaptureProblem.Kind.MISSING_PAGE, CaptureProblem.Kind.CORRUPT_IMAGE);
    }

    @Nested
    @DisplayName("links in a delivery folder")
    class Links {

        /** One case file of two single-sheet JPEG documents; returns the delivery and its first page file. */
        private Delivery delivery(Barcode f) throws IOException {
            return ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-L", List.of(f)).documentsPerFile(2, 2)
                    .sheetsPerDocument(1, 1).duplex(false).formats(DeliverySpec.Formats.JPEG).build());
        }

        private Path firstPage(Delivery d) {
            return d.files().stream().filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().findFirst()
                    .orElseThrow();
        }

        @Test
        @DisplayName("a page file that links outside the folder is an unsafe path, and nothing is read through it")
        void pageLinkOutside() throws IOException {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f);
            Path page = firstPage(d);
            Path outside = Files.copy(page, tmp.resolve("outside.jpg"));
            Files.delete(page);
            Files.createSymbolicLink(page, outside);

            assertThat(ingest(d).rejected()).singleElement().satisfies(r -> assertThat(r.problems())
                    .anySatisfy(p -> {
                        assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.UNSAFE_PATH);
                        assertThat(p.page()).endsWith(page.getFileName().toString());
                    }));
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        }

        @Test
        @DisplayName("a document folder that is a link is an unsafe path, even when it leads back into the delivery")
        void folderLink() throws IOException {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f);
            Path folder = firstPage(d).getParent();
            Path moved = Files.move(folder, d.directory().resolve("moved"));
            Files.createSymbolicLink(folder, moved);

            assertThat(ingest(d).problems()).extracting(CaptureProblem::kind).contains(CaptureProblem.Kind.UNSAFE_PATH);
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        }

        @Test
        @DisplayName("a page file that links to a file inside the folder is refused: the format allows no links")
        void pageLinkInside() throws IOException {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f);
            Path page = firstPage(d);
            Path target = Files.move(page, d.directory().resolve("kept-" + page.getFileName()));
            Files.createSymbolicLink(page, target);

            IngestReport report = ingest(d);
            assertThat(report.captured()).isEmpty();
            assertThat(report.problems()).extracting(CaptureProblem::kind).containsExactly(CaptureProblem.Kind.UNSAFE_PATH);
        }
    }

    /** A storage whose content store notes which puts returned and which failed. */
    private static final class RecordingStorage implements io.github.aktenlift.spi.storage.Storage {
        private final InMemoryStorage delegate;
        final List<String> stored = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        private final io.github.aktenlift.spi.storage.ContentStore content;

        RecordingStorage(InMemoryStorage delegate) {
            this.delegate = delegate;
            io.github.aktenlift.spi.storage.ContentStore inner = delegate.content();
            this.content = new io.github.aktenlift.spi.storage.ContentStore() {
                @Override
                public io.github.aktenlift.spi.storage.ContentInfo put(Key key, InputStream data) {
                    try {
                        io.github.aktenlift.spi.storage.ContentInfo info = inner.put(key, data);
                        stored.add(key.value());
                        return info;
                    } catch (RuntimeException e) {
                        failed.add(key.value());
                        throw e;
                    }
                }

                @Override
                public io.github.aktenlift.spi.storage.ContentInfo create(Key key, InputStream data) {
                    try {
                        io.github.aktenlift.spi.storage.ContentInfo info = inner.create(key, data);
                        stored.add(key.value());
                        return info;
                    } catch (RuntimeException e) {
                        failed.add(key.value());
                        throw e;
                    }
                }

                @Override
                public InputStream get(Key key) {
                    return inner.get(key);
                }

                @Override
                public Optional<io.github.aktenlift.spi.storage.ContentInfo> head(Key key) {
                    return inner.head(key);
                }

                @Override
                public io.github.aktenlift.spi.storage.ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
                    return inner.list(prefix, startAfter, limit);
                }

                @Override
                public void delete(Key key) {
                    inner.delete(key);
                }
            };
        }

        @Override
        public io.github.aktenlift.spi.storage.ContentStore content() {
            return content;
        }

        @Override
        public io.github.aktenlift.spi.storage.RecordStore records() {
            return delegate.records();
        }

        @Override
        public io.github.aktenlift.spi.storage.LogStore logs() {
            return delegate.logs();
        }

        @Override
        public Set<io.github.aktenlift.spi.storage.StorageCapability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Nested
    @DisplayName("a rescan")
    class Rescan {

        private final Office strict = new Office(new InMemoryStorage(), new MutableClock(Office.START),
                Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100))
                        .withProtection(io.github.aktenlift.casefile.ProtectionLevel.NORMAL,
                                new io.github.aktenlift.casefile.ProtectionProfile(1.0, false, false)),
                notifier);

        @AfterEach
        void closeStrict() {
            strict.close();
        }

        @Test
        @DisplayName("replaces only the affected page: the others pass through byte for byte, untouched documents keep their renditions")
        void replacesOnlyAffectedPages() throws Exception {
            List<Barcode> files = strict.registerMany(1);
            Barcode f = files.get(0);
            Barcode box = strict.ship(files);
            strict.receive(box, Set.of(f));
            strict.lift.execute(strict.scanner, new PrepareCaseFile(f));
            Delivery first = ScanGenerator.writeDelivery(tmp.resolve("d1"), DeliverySpec.builder().deliveryId("D-1")
                    .geometry(PAGE).seed(11).barcodes(f.value()).documentsPerFile(2, 2).sheetsPerDocument(2, 2)
                    .formats(DeliverySpec.Formats.JPEG).duplex(false).build());
            CaseFileOutcome.Captured c1 = strict.lift.capture().ingest(strict.scanner, first.directory()).captured().get(0);
            assertThat(c1.state()).isEqualTo(CaseFileState.CAPTURED);
            strict.lift.execute(strict.scanner, new io.github.aktenlift.casefile.FailQualityCheck(f,
                    List.of("UNREADABLE:doc-1")));

            // the rescan delivery: doc-1's first page only, scanned anew
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode index =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(first.index().toFile());
            index.put("deliveryId", "D-2");
            com.fasterxml.jackson.databind.node.ObjectNode caseFile =
                    (com.fasterxml.jackson.databind.node.ObjectNode) index.get("caseFiles").get(0);
            com.fasterxml.jackson.databind.node.ArrayNode docs = (com.fasterxml.jackson.databind.node.ArrayNode) caseFile.get("documents");
            com.fasterxml.jackson.databind.node.ObjectNode doc1 = (com.fasterxml.jackson.databind.node.ObjectNode) docs.get(0);
            String doc1Id = doc1.get("documentId").asText();
            String doc2Id = docs.get(1).get("documentId").asText();
            docs.remove(1);
            com.fasterxml.jackson.databind.node.ArrayNode pages = (com.fasterxml.jackson.databind.node.ArrayNode) doc1.get("pages");
            while (pages.size() > 1) {
                pages.remove(1);
            }
            com.fasterxml.jackson.databind.node.ObjectNode page = (com.fasterxml.jackson.databind.node.ObjectNode) pages.get(0);
            Path rescanDir = tmp.resolve("d2");
            Path newPage = rescanDir.resolve(page.get("file").asText());
            Files.createDirectories(newPage.getParent());
            var written = ScanGenerator.withSeed(99).withGeometry(PAGE).writeJpeg(newPage, 1,
                    io.github.aktenlift.testkit.PageKind.LETTER);
            page.put("sha256", written.sha256());
            json.writeValue(rescanDir.resolve("index.json").toFile(), index);

            IngestReport report = strict.lift.capture().ingest(strict.scanner, rescanDir);
            assertThat(report.rejected()).as("problems: %s", report.problems()).isEmpty();
            CaseFileOutcome.Captured c2 = report.captured().get(0);
            assertThat(c2.pages()).isEqualTo(c1.pages());

            CaseFileOutcome.StoredRendition old1 = c1.renditions().stream().filter(r -> r.documentId().equals(doc1Id)).findFirst().orElseThrow();
            CaseFileOutcome.StoredRendition old2 = c1.renditions().stream().filter(r -> r.documentId().equals(doc2Id)).findFirst().orElseThrow();
            CaseFileOutcome.StoredRendition new1 = c2.renditions().stream().filter(r -> r.documentId().equals(doc1Id)).findFirst().orElseThrow();
            CaseFileOutcome.StoredRendition new2 = c2.renditions().stream().filter(r -> r.documentId().equals(doc2Id)).findFirst().orElseThrow();
            assertThat(new2).as("the untouched document keeps its rendition").isEqualTo(old2);
            assertThat(new1.key()).isNotEqualTo(old1.key());
            assertThat(new1.pages()).isEqualTo(old1.pages());
            PdfAssertions.assertPdfA2b(storedIn(strict, new1.key()));

            List<byte[]> before = dctStreams(storedIn(strict, old1.key()));
            List<byte[]> after = dctStreams(storedIn(strict, new1.key()));
            assertThat(after.get(0)).isEqualTo(Files.readAllBytes(newPage));
            for (int i = 1; i < before.size(); i++) {
                assertThat(after.get(i)).as("page %d carried over byte for byte", i + 1).isEqualTo(before.get(i));
            }
            JsonNode protocol = json.readTree(storedIn(strict, c2.protocolJson()));
            assertThat(protocol.get("rescan").asBoolean()).isTrue();
            assertThat(protocol.get("deviations").findValuesAsText("kind")).contains("RESCAN");
            assertThat(strict.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.CAPTURED);
        }

        private List<byte[]> dctStreams(byte[] pdf) throws IOException {
            List<byte[]> out = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                for (var p : doc.getPages()) {
                    for (COSName name : p.getResources().getXObjectNames()) {
                        PDImageXObject img = (PDImageXObject) p.getResources().getXObject(name);
                        out.add(img.getCOSObject().createRawInputStream().readAllBytes());
                    }
                }
            }
            return out;
        }
    }

    private static byte[] storedIn(Office office, Key key) throws IOException {
        try (InputStream in = office.storage.content().get(key)) {
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("unknown barcodes, duplicates and files in the wrong state are rejected one by one")
    void trackingChecks() throws IOException {
        List<Barcode> files = o.prepareMany(1);
        Barcode registeredOnly = o.register();
        Barcode stranger = o.nextFileBarcode();
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-T").geometry(PAGE)
                .barcodes(files.get(0).value(), registeredOnly.value(), stranger.value()).build());
        IngestReport report = ingest(d);
        assertThat(report.captured()).extracting(CaseFileOutcome::barcode).containsExactly(files.get(0).value());
        assertThat(report.problems()).extracting(CaptureProblem::barcode, CaptureProblem::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(registeredOnly.value(), CaptureProblem.Kind.WRONG_STATE),
                org.assertj.core.groups.Tuple.tuple(stranger.value(), CaptureProblem.Kind.UNKNOWN_BARCODE));
    }

    @Test
    @DisplayName("pages below the minimum resolution are refused")
    void resolution() throws IOException {
        List<Barcode> files = o.prepareMany(1);
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d"), spec("D-L", files).geometry(PageGeometry.a4(75)).build());
        assertThat(ingest(d).problems()).extracting(CaptureProblem::kind).contains(CaptureProblem.Kind.RESOLUTION);
    }

    @Test
    @DisplayName("an unreadable or foreign index rejects the delivery as a whole, naming the field")
    void badIndex() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        assertThatThrownBy(() -> o.lift.capture().ingest(o.scanner, dir)).isInstanceOfSatisfying(
                InvalidDeliveryException.class, e -> assertThat(e.field()).isEqualTo("index.json"));
        Files.writeString(dir.resolve("index.json"), "{ not json");
        assertThatThrownBy(() -> o.lift.capture().ingest(o.scanner, dir)).isInstanceOf(InvalidDeliveryException.class);
        Files.writeString(dir.resolve("index.json"), "{\"format\":\"other/9\",\"deliveryId\":\"D\",\"scanService\":\"s\","
                + "\"createdAt\":\"2026-03-04T10:00:00Z\",\"caseFiles\":[]}");
        assertThatThrownBy(() -> o.lift.capture().ingest(o.scanner, dir)).isInstanceOfSatisfying(
                InvalidDeliveryException.class, e -> assertThat(e.field()).isIn("caseFiles", "format"));
        Files.writeString(dir.resolve("index.json"), "{\"format\":\"aktenlift-delivery/1\",\"deliveryId\":\"D\","
                + "\"scanService\":\"s\",\"createdAt\":\"2026-03-04T10:00:00Z\",\"caseFiles\":[],\"surprise\":1}");
        assertThatThrownBy(() -> o.lift.capture().ingest(o.scanner, dir)).isInstanceOfSatisfying(
                InvalidDeliveryException.class, e -> assertThat(e.field()).isEqualTo("surprise"));
    }
}
