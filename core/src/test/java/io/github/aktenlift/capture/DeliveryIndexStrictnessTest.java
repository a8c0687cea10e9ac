package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.MutableClock;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.NotificationType;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The delivery index is read strictly and within bounds")
class DeliveryIndexStrictnessTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final InMemoryNotifier notifier = new InMemoryNotifier();
    private final InMemoryStorage storage = new InMemoryStorage();
    private Office o = office(CapturePolicy.defaults().withMinimumDpi(100));

    private Office office(CapturePolicy policy) {
        return new Office(storage, new MutableClock(Office.START), Policies.defaults().withCapture(policy), notifier);
    }

    @AfterEach
    void close() {
        o.close();
    }

    /** A good delivery of the given case files, one small document each. */
    private Delivery delivery(String id, List<Barcode> files) throws IOException {
        return ScanGenerator.writeDelivery(tmp.resolve(id), DeliverySpec.builder().deliveryId(id).geometry(PAGE)
                .seed(7).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 1)
                .sheetsPerDocument(1, 2).build());
    }

    private static ObjectNode index(Delivery d) throws IOException {
        return (ObjectNode) JSON.readTree(d.index().toFile());
    }

    private static ObjectNode caseFile(ObjectNode index, int n) {
        return (ObjectNode) index.get("caseFiles").get(n);
    }

    private static void write(Delivery d, Object index) throws IOException {
        Files.writeString(d.index(), index instanceof String s ? s : JSON.writeValueAsString(index));
    }

    private IngestReport ingest(Delivery d) {
        return o.lift.capture().ingest(o.scanner, d.directory());
    }

    private InvalidDeliveryException refused(Path folder) {
        try {
            o.lift.capture().ingest(o.scanner, folder);
        } catch (InvalidDeliveryException e) {
            return e;
        }
        throw new AssertionError("the delivery was taken");
    }

    /** Nothing of the delivery was taken: no content stored, the case files still prepared. */
    private void nothingTaken(List<Barcode> files) {
        assertThat(storage.content().list("", Optional.empty(), 10).items()).isEmpty();
        for (Barcode f : files) {
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
        }
    }

    /** The first case file was rejected for its entry, naming the field; the second was captured. */
    private static void firstRejectedAt(IngestReport report, List<Barcode> files, String pointer) {
        assertThat(report.captured()).extracting(CaseFileOutcome::barcode).containsExactly(files.get(1).value());
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.barcode()).isEqualTo(files.get(0).value());
            assertThat(r.problems()).extracting(CaptureProblem::kind).containsOnly(CaptureProblem.Kind.INVALID_ENTRY);
            assertThat(r.problems()).extracting(CaptureProblem::detail).anySatisfy(s -> assertThat(s)
                    .startsWith(pointer + ":"));
        });
    }

    @Nested
    @DisplayName("the file")
    class TheFile {

        @Test
        @DisplayName("a FIFO in the index's place is refused as one, at once, without opening it")
        void fifo() throws Exception {
            Path dir = Files.createDirectories(tmp.resolve("fifo"));
            Process mk = new ProcessBuilder("mkfifo", dir.resolve("index.json").toString()).start();
            assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is available");
            InvalidDeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(dir));
            assertThat(e.field()).isEqualTo("index.json");
            assertThat(e.getMessage()).contains("FIFO").doesNotContain("missing");
        }

        @Test
        @DisplayName("a link to /dev/zero is refused as a link")
        void linkToDevZero() throws Exception {
            Path zero = Path.of("/dev/zero");
            assumeTrue(Files.exists(zero), "/dev/zero exists");
            Path dir = Files.createDirectories(tmp.resolve("zero"));
            Files.createSymbolicLink(dir.resolve("index.json"), zero);
            InvalidDeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(dir));
            assertThat(e.field()).isEqualTo("index.json");
            assertThat(e.getMessage()).contains("link").doesNotContain("missing");
        }

        @Test
        @DisplayName("a directory in the index's place is refused as one")
        void directory() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("dir").resolve("index.json")).getParent();
            assertThat(refused(dir).getMessage()).contains("directory");
        }

        @Test
        @DisplayName("a sparse 3 GB index is refused by its size before a byte is read")
        void sparse() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("sparse"));
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("index.json").toFile(), "rw")) {
                f.setLength(3L << 30);
            }
            InvalidDeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(dir));
            assertThat(e.field()).isEqualTo("index.json");
            assertThat(e.getMessage()).contains("larger than 64 MiB");
        }

        @Test
        @DisplayName("the size limit is the policy's")
        void policyLimit() throws IOException {
            o.close();
            o = office(CapturePolicy.defaults().withMinimumDpi(100).withIndexLimits(1000, 10, 10));
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-SIZE", files);
            assertThat(Files.size(d.index())).isGreaterThan(1000);
            assertThat(refused(d.directory()).getMessage()).contains("larger than 1000 bytes");
            nothingTaken(files);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16"})
        @DisplayName("UTF-16 and UTF-32, with or without a byte order mark, are refused")
        void notUtf8(String charset) throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-ENC", files);
            String text = Files.readString(d.index());
            Files.write(d.index(), text.getBytes(Charset.forName(charset)));
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.field()).isEqualTo("index.json");
            assertThat(e.getMessage()).contains("UTF-8");
            nothingTaken(files);
        }

        @Test
        @DisplayName("a UTF-8 byte order mark is refused")
        void byteOrderMark() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-BOM", files);
            Files.writeString(d.index(), "\uFEFF" + Files.readString(d.index()), StandardCharsets.UTF_8);
            assertThat(refused(d.directory()).getMessage()).contains("byte order mark");
        }

        @Test
        @DisplayName("bytes that are not UTF-8 (a Latin-1 letter) are refused with their line")
        void latin1() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-LAT", files);
            ObjectNode index = index(d);
            ((ObjectNode) caseFile(index, 0).get("scanner")).put("model", "Scanner M\u00fcller");
            Files.write(d.index(), JSON.writeValueAsString(index).getBytes(StandardCharsets.ISO_8859_1));
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.getMessage()).contains("UTF-8").contains("line 1").doesNotContain("M\u00fcller");
            nothingTaken(files);
        }
    }

    @Nested
    @DisplayName("the JSON")
    class TheJson {

        @Test
        @DisplayName("content after the index's closing brace is refused, with its line and column")
        void trailingGarbage() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-TR", files);
            Files.writeString(d.index(), Files.readString(d.index()) + "\n}garbage");
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.getMessage()).contains("after the index").containsPattern("line \\d+, column \\d+");
            nothingTaken(files);
        }

        @Test
        @DisplayName("a second JSON value after the index is refused as well")
        void secondValue() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-TR2", files);
            Files.writeString(d.index(), Files.readString(d.index()) + " {}");
            assertThat(refused(d.directory()).getMessage()).contains("after the index");
        }

        @Test
        @DisplayName("nesting 100,000 deep fails the delivery with its place, without a stack overflow")
        void deepNesting() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DEEP", files);
            String text = JSON.writeValueAsString(index(d));
            write(d, text.replaceFirst("\"operator\":", "\"x\":" + "[".repeat(100_000) + "]".repeat(100_000)
                    + ",\"operator\":"));
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.getMessage()).contains("beyond the limits of the format").containsPattern("line \\d+");
            nothingTaken(files);
        }

        @Test
        @DisplayName("a string of a million characters fails the delivery with its place, and is not quoted")
        void longString() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-LONG", files);
            ObjectNode index = index(d);
            caseFile(index, 0).put("operator", "Q".repeat(1_000_000));
            write(d, index);
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.getMessage()).contains("beyond the limits of the format").doesNotContain("QQQ");
            nothingTaken(files);
        }

        @Test
        @DisplayName("a delivery field given twice fails the delivery, naming it")
        void duplicateTopLevelKey() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DUP", files);
            String text = JSON.writeValueAsString(index(d));
            write(d, text.replaceFirst("\\{", "{\"deliveryId\":\"D-OTHER\","));
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.field()).isEqualTo("deliveryId");
            assertThat(e.getMessage()).contains("twice");
            nothingTaken(files);
        }

        @Test
        @DisplayName("a key given twice inside one case file rejects that case file only")
        void duplicateKeyInCaseFile() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DUP2", files);
            String text = JSON.writeValueAsString(index(d));
            write(d, text.replaceFirst("\"operator\":", "\"operator\":\"op-9\",\"operator\":"));
            firstRejectedAt(ingest(d), files, "/caseFiles/0/operator");
        }

        @Test
        @DisplayName("a fraction for a whole number is not cut to one")
        void fraction() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-FR", files);
            ObjectNode index = index(d);
            caseFile(index, 0).put("sheets", caseFile(index, 0).get("sheets").asInt() + 0.0);
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/sheets");
        }

        @Test
        @DisplayName("a string for a number is not taken as the number")
        void stringForNumber() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-STR", files);
            ObjectNode index = index(d);
            ObjectNode page = (ObjectNode) caseFile(index, 0).get("documents").get(0).get("pages").get(0);
            page.put("resolutionDpi", page.get("resolutionDpi").asText());
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/documents/0/pages/0/resolutionDpi");
        }

        @Test
        @DisplayName("a number or a string for true or false is not taken")
        void notBoolean() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-BOOL", files);
            ObjectNode index = index(d);
            ((ObjectNode) caseFile(index, 0).get("scanner").get("settings")).put("duplex", 1);
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/scanner/settings/duplex");
        }

        @Test
        @DisplayName("a missing field rejects its own case file, not the delivery")
        void missingField() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-MISS", files);
            ObjectNode index = index(d);
            caseFile(index, 0).remove("operator");
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/operator");
        }

        @Test
        @DisplayName("a case file that is not an object rejects its own place, not the delivery")
        void notAnObject() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-NOBJ", files);
            ObjectNode index = index(d);
            ((ArrayNode) index.get("caseFiles")).insert(0, "F-NOT-AN-OBJECT");
            write(d, index);
            IngestReport report = ingest(d);
            assertThat(report.captured()).hasSize(2);
            assertThat(report.rejected()).singleElement().satisfies(r -> {
                assertThat(r.barcode()).isEqualTo("caseFiles[0]");
                assertThat(r.problems()).extracting(CaptureProblem::detail)
                        .containsExactly("/caseFiles/0: must be an object");
            });
        }

        @Test
        @DisplayName("an unknown field inside a case file rejects that case file only")
        void unknownField() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-UNK", files);
            ObjectNode index = index(d);
            caseFile(index, 0).put("surname", "Mustermann");
            write(d, index);
            IngestReport report = ingest(d);
            firstRejectedAt(report, files, "/caseFiles/0");
            assertThat(report.problems()).extracting(CaptureProblem::detail).noneMatch(s -> s.contains("Mustermann"));
        }
    }

    @Nested
    @DisplayName("the calendar")
    class TheCalendar {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"2026-02-30T09:00:00Z", "2026-13-01T09:00:00Z", "2026-03-04T24:00:00Z",
            "2026-03-04T23:59:60Z", "2026-03-04T09:61Z"})
        @DisplayName("an impossible scan time rejects the case file; it never reaches the protocol")
        void scannedAt(String when) throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-CAL", files);
            ObjectNode index = index(d);
            caseFile(index, 0).put("scannedAt", when);
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/scannedAt");
        }

        @Test
        @DisplayName("a scan time without seconds, as the format allows, is taken")
        void withoutSeconds() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-MIN", files);
            ObjectNode index = index(d);
            caseFile(index, 0).put("scannedAt", "2026-03-01T09:15Z");
            write(d, index);
            assertThat(ingest(d).rejected()).isEmpty();
        }

        @Test
        @DisplayName("an impossible document date rejects the case file")
        void documentDate() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DATE", files);
            ObjectNode index = index(d);
            ((ObjectNode) caseFile(index, 0).get("documents").get(0)).put("date", "2024-02-30");
            write(d, index);
            firstRejectedAt(ingest(d), files, "/caseFiles/0/documents/0/date");
        }

        @Test
        @DisplayName("an impossible creation time fails the delivery, naming the field")
        void createdAt() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-CRE", files);
            ObjectNode index = index(d);
            index.put("createdAt", "2026-02-29T10:00:00Z");
            write(d, index);
            assertThat(refused(d.directory()).field()).isEqualTo("createdAt");
            nothingTaken(files);
        }
    }

    @Nested
    @DisplayName("the delivery id")
    class TheDeliveryId {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {".", ".."})
        @DisplayName("'.' and '..' fail the delivery before a page is rendered")
        void dots(String id) throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DOT", files);
            ObjectNode index = index(d);
            index.put("deliveryId", id);
            write(d, index);
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.field()).isEqualTo("deliveryId");
            nothingTaken(files);
            assertThat(notifier.delivered()).isEmpty();
        }

        @Test
        @DisplayName("dots inside an id are still fine")
        void dotsInside() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-DOT2", files);
            ObjectNode index = index(d);
            index.put("deliveryId", "...D.1");
            write(d, index);
            assertThat(ingest(d).captured()).hasSize(2);
        }
    }

    @Nested
    @DisplayName("the policy's limits")
    class Limits {

        @Test
        @DisplayName("more case files than the policy allows fail the delivery")
        void caseFiles() throws IOException {
            o.close();
            o = office(CapturePolicy.defaults().withMinimumDpi(100).withIndexLimits(1 << 20, 2, 100));
            List<Barcode> files = o.prepareMany(3);
            Delivery d = delivery("D-MANY", files);
            InvalidDeliveryException e = refused(d.directory());
            assertThat(e.field()).isEqualTo("caseFiles");
            assertThat(e.getMessage()).contains("more than 2 case files");
            nothingTaken(files);
        }

        @Test
        @DisplayName("more pages than the policy allows reject that case file only")
        void pages() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-PAGES", files);
            ObjectNode index = index(d);
            int pages = caseFile(index, 1).get("documents").get(0).get("pages").size();
            o.close();
            o = office(CapturePolicy.defaults().withMinimumDpi(100).withIndexLimits(1 << 20, 10, pages));
            ArrayNode first = (ArrayNode) caseFile(index, 0).get("documents").get(0).get("pages");
            while (first.size() <= pages) {
                first.add(first.get(0).deepCopy());
            }
            write(d, index);
            IngestReport report = ingest(d);
            firstRejectedAt(report, files, "/caseFiles/0/documents");
            assertThat(report.rejected().get(0).problems()).extracting(CaptureProblem::detail)
                    .containsExactly("/caseFiles/0/documents: more than " + pages + " pages listed, the policy's limit");
        }

        @Test
        @DisplayName("a case file listing 300,000 pages is rejected for it, and its pages are not all kept")
        void threeHundredThousandPages() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-300K", files);
            ObjectNode index = index(d);
            String page = JSON.writeValueAsString(caseFile(index, 0).get("documents").get(0).get("pages").get(0));
            ((ArrayNode) caseFile(index, 0).get("documents").get(0).get("pages")).removeAll();
            String text = JSON.writeValueAsString(index);
            int at = text.indexOf("\"pages\":[]") + "\"pages\":[".length();
            try (Writer w = Files.newBufferedWriter(d.index())) {
                w.write(text, 0, at);
                for (int i = 0; i < 300_000; i++) {
                    w.write(i == 0 ? page : "," + page);
                }
                w.write(text, at, text.length() - at);
            }
            assertThat(Files.size(d.index())).isLessThan(CapturePolicy.DEFAULT_MAX_INDEX_BYTES);
            IngestReport report = ingest(d);
            firstRejectedAt(report, files, "/caseFiles/0/documents");
            assertThat(report.rejected().get(0).problems()).extracting(CaptureProblem::detail).containsExactly(
                    "/caseFiles/0/documents: more than 20000 pages listed, the policy's limit");
        }
    }

    @Nested
    @DisplayName("notifications")
    class Notifications {

        @Test
        @DisplayName("a delivery with 300 unknown barcodes gives one notification naming the first 100, not 300")
        void oneSummary() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            Delivery d = delivery("D-UNKN", files);
            ObjectNode index = index(d);
            ArrayNode caseFiles = (ArrayNode) index.get("caseFiles");
            for (int i = 0; i < 300; i++) {
                caseFiles.add(caseFile(index, 0).deepCopy().put("barcode", String.format("U%06d", i)));
            }
            write(d, index);
            IngestReport report = ingest(d);
            assertThat(report.captured()).hasSize(2);
            assertThat(report.rejected()).hasSize(300);
            List<Notification> sent = notifier.delivered().stream().filter(n -> n.type() == NotificationType.QA_FAILED)
                    .toList();
            assertThat(sent).singleElement().satisfies(n -> {
                assertThat(n.id()).isEqualTo("capture-D-UNKN");
                assertThat(n.details()).containsEntry("delivery", "D-UNKN").containsEntry("caseFiles", "302")
                        .containsEntry("rejected", "300").containsEntry("unlisted", "200")
                        .containsEntry("problems", "UNKNOWN_BARCODE");
                assertThat(n.details().get("barcodes").split(",")).hasSize(100).startsWith("U000000", "U000001");
            });
        }

        @Test
        @DisplayName("a delivery without rejections sends none")
        void none() throws IOException {
            List<Barcode> files = o.prepareMany(2);
            assertThat(ingest(delivery("D-OK", files)).rejected()).isEmpty();
            assertThat(notifier.delivered()).noneMatch(n -> n.type() == NotificationType.QA_FAILED);
        }
    }
}
