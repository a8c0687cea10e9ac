package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.MutableClock;
import io.github.aktenlift.OcrConfigurationException;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.tesseract.TesseractEngine;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.delivery.DeliveryIndexWriter;
import io.github.aktenlift.delivery.ScanDelivery;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;
import io.github.aktenlift.spi.ocr.RecognisedWord;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.KnownText;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.testkit.WrittenImage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Capture with an OCR engine")
class OcrEngineCaptureTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final List<String> WORDS = List.of("Antrag gemäß Straße", "Иванов Öztürk");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * An engine that "recognises" the same known words on every page, laid out on the page's own
     * size; pages whose file name contains {@code p0002} with low confidence, those containing
     * {@code fail} not at all.
     */
    static final class ScriptedEngine implements OcrEngine {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger atOnce = new AtomicInteger();
        volatile int mostAtOnce;
        final boolean available;

        ScriptedEngine(boolean available) {
            this.available = available;
        }

        @Override
        public String describe() {
            return "scripted 1.0 (deu)";
        }

        @Override
        public int parallelism() {
            return 2;
        }

        @Override
        public void check() throws OcrException {
            if (!available) {
                throw new OcrException(OcrException.Kind.UNAVAILABLE, "scripted engine switched off");
            }
        }

        @Override
        public RecognisedPage recognise(OcrRequest request) throws OcrException {
            calls.incrementAndGet();
            int now = atOnce.incrementAndGet();
            mostAtOnce = Math.max(mostAtOnce, now);
            try {
                String name = request.image().getFileName().toString();
                if (name.contains("fail")) {
                    throw new OcrException(OcrException.Kind.TIMEOUT, "scripted engine timed out on " + name);
                }
                double confidence = name.contains("p0002") ? 0.41 : 0.93;
                KnownText k = KnownText.layout(new PageGeometry(request.width(), request.height(), request.dpi()), 11,
                        WORDS);
                List<RecognisedWord> words = new ArrayList<>();
                for (int l = 0; l < k.lines().size(); l++) {
                    for (KnownText.Word w : k.lines().get(l)) {
                        words.add(new RecognisedWord(w.text(), l + 1, w.left(), w.top(), w.right(), w.bottom(),
                                confidence));
                    }
                }
                return new RecognisedPage(request.width(), request.height(), words, describe());
            } finally {
                atOnce.decrementAndGet();
            }
        }
    }

    private static Policies policies(OcrPolicy.Mode mode) {
        return Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100)
                .withOcr(OcrPolicy.of(mode)));
    }

    private Office office(OcrPolicy.Mode mode, OcrEngine engine) {
        return Office.configured(new InMemoryStorage(), new MutableClock(Office.START), policies(mode),
                b -> b.ocr(engine));
    }

    private Delivery delivery(Barcode f, DeliverySpec.Ocr ocr, int sheets) throws Exception {
        return ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-OCR").geometry(PAGE)
                .seed(5).barcodes(List.of(f.value())).documentsPerFile(1, 1).sheetsPerDocument(sheets, sheets)
                .formats(DeliverySpec.Formats.JPEG).duplex(false).ocr(ocr).build());
    }

    private static byte[] stored(Office o, Key key) throws Exception {
        try (InputStream in = o.storage().content().get(key)) {
            return in.readAllBytes();
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper s = new PDFTextStripper();
            s.setLineSeparator("\n");
            return s.getText(doc).strip();
        }
    }

    @Test
    @DisplayName("policy 'when not delivered': pages without OCR are recognised, the rendition is PDF/A-2u and searchable; the protocol records source, words and confidence, and lists the low-confidence page")
    void whenNotDelivered() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(true);
        try (Office o = office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, engine)) {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f, DeliverySpec.Ocr.NONE, 3);
            IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(report.problems()).isEmpty();
            assertThat(engine.calls).hasValue(3);
            assertThat(engine.mostAtOnce).isBetween(1, 2);
            CaseFileOutcome.Captured c = report.captured().get(0);
            byte[] pdf = stored(o, c.renditions().get(0).key());
            PdfAssertions.assertPdfA2u(pdf);
            String one = String.join("\n", WORDS);
            assertThat(text(pdf)).isEqualTo(one + "\n" + one + "\n" + one);

            JsonNode protocol = JSON.readTree(stored(o, c.protocolJson()));
            JsonNode pages = protocol.at("/documents/0/pages");
            assertThat(pages).hasSize(3);
            assertThat(pages.get(0).at("/text/source").asText()).isEqualTo("scripted 1.0 (deu)");
            assertThat(pages.get(0).at("/text/words").asInt()).isEqualTo(5);
            assertThat(pages.get(0).at("/text/meanConfidence").asDouble()).isEqualTo(0.93);
            assertThat(protocol.at("/renditions/0/format").asText()).isEqualTo("PDF/A-2u");
            assertThat(protocol.get("deviations")).anySatisfy(dev -> {
                assertThat(dev.get("kind").asText()).isEqualTo("LOW_OCR_CONFIDENCE");
                assertThat(dev.get("page").asText()).endsWith("p0002.jpg");
                assertThat(dev.get("meanConfidence").asDouble()).isEqualTo(0.41);
            });
            assertThat(protocol.get("deviations")).filteredOn(dev -> dev.get("kind").asText().equals("LOW_OCR_CONFIDENCE"))
                    .hasSize(1);
            PdfAssertions.assertPdfA2b(stored(o, c.protocolPdf()));
        }
    }

    @Test
    @DisplayName("policy 'when not delivered' leaves delivered OCR alone; 'always' recognises those pages too")
    void deliveredOrAlways() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(true);
        try (Office o = office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, engine)) {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f, DeliverySpec.Ocr.ALTO, 2);
            IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(report.problems()).isEmpty();
            assertThat(engine.calls).hasValue(0);
            JsonNode protocol = JSON.readTree(stored(o, report.captured().get(0).protocolJson()));
            assertThat(protocol.at("/documents/0/pages/0/text/source").asText()).isEqualTo("delivered ALTO");
        }
        ScriptedEngine always = new ScriptedEngine(true);
        try (Office o = office(OcrPolicy.Mode.ALWAYS, always)) {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("d2"), DeliverySpec.builder().deliveryId("D-OCR2")
                    .geometry(PAGE).seed(5).barcodes(List.of(f.value())).documentsPerFile(1, 1)
                    .sheetsPerDocument(2, 2).formats(DeliverySpec.Formats.JPEG).duplex(false)
                    .ocr(DeliverySpec.Ocr.ALTO).build());
            IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(report.problems()).isEmpty();
            assertThat(always.calls).hasValue(2);
            assertThat(text(stored(o, report.captured().get(0).renditions().get(0).key())))
                    .isEqualTo(String.join("\n", WORDS) + "\n" + String.join("\n", WORDS));
        }
    }

    @Test
    @DisplayName("an engine that fails on a page rejects the case file with OCR_FAILED naming the page; nothing is kept")
    void engineFails() throws Exception {
        ScriptedEngine engine = new ScriptedEngine(true);
        try (Office o = office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, engine)) {
            Barcode f = o.prepareMany(1).get(0);
            Delivery d = delivery(f, DeliverySpec.Ocr.NONE, 2);
            JsonNode index = JSON.readTree(d.index().toFile());
            com.fasterxml.jackson.databind.node.ObjectNode page =
                    (com.fasterxml.jackson.databind.node.ObjectNode) index.at("/caseFiles/0/documents/0/pages/1");
            String file = page.get("file").asText();
            String renamed = file.replace("p0002", "fail-p0002");
            Files.move(d.directory().resolve(file), d.directory().resolve(renamed));
            page.put("file", renamed);
            JSON.writeValue(d.index().toFile(), index);

            IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());

            assertThat(report.captured()).isEmpty();
            assertThat(report.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.OCR_FAILED);
                assertThat(p.page()).isEqualTo(renamed);
                assertThat(p.detail()).contains("TIMEOUT").contains("scripted");
            });
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
            assertThat(o.storage().content().list("renditions/" + f.value(), Optional.empty(), 1).items()).isEmpty();
        }
    }

    @Nested
    @DisplayName("start-up")
    class StartUp {

        @Test
        @DisplayName("a policy that demands OCR without an engine refuses to start, saying what to do")
        void noEngine() {
            assertThatThrownBy(() -> new Office(new InMemoryStorage(), new MutableClock(Office.START),
                    policies(OcrPolicy.Mode.ALWAYS), io.github.aktenlift.spi.notification.Notifier.none()))
                    .isInstanceOf(OcrConfigurationException.class)
                    .hasMessageContaining("ALWAYS").hasMessageContaining("ocr(...)");
        }

        @Test
        @DisplayName("an engine that cannot run (its program or language missing) refuses to start")
        void engineCannotRun() {
            assertThatThrownBy(() -> office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, new ScriptedEngine(false)))
                    .isInstanceOf(OcrConfigurationException.class).hasMessageContaining("switched off");
            assertThatThrownBy(() -> office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, TesseractEngine.builder()
                    .command(tmp.resolve("no-tesseract").toString()).build()))
                    .isInstanceOf(OcrConfigurationException.class).hasMessageContaining("UNAVAILABLE");
        }

        @Test
        @DisplayName("policy 'never' needs no engine, and renditions stay PDF/A-2b")
        void never() throws Exception {
            try (Office o = Office.of(new InMemoryStorage(), policies(OcrPolicy.Mode.NEVER),
                    io.github.aktenlift.spi.notification.Notifier.none())) {
                Barcode f = o.prepareMany(1).get(0);
                IngestReport report = o.lift.capture().ingest(o.scanner, delivery(f, DeliverySpec.Ocr.NONE, 1).directory());
                byte[] pdf = stored(o, report.captured().get(0).renditions().get(0).key());
                PdfAssertions.assertPdfA2b(pdf);
                assertThat(text(pdf)).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("with Debian's Tesseract: a generated German page is recognised and its rendition is searchable")
    void tesseract() throws Exception {
        TesseractEngine engine = TesseractEngine.builder().languages("deu").timeout(Duration.ofSeconds(60)).build();
        try {
            engine.check();
        } catch (OcrException e) {
            Assumptions.abort("tesseract with German is not installed here (adapters-tesseract/src/test/tesseract/"
                    + "install.sh installs it where apt-get can): " + e.getMessage());
        }
        PageGeometry strip = new PageGeometry(2480, 900, 300);
        KnownText known = KnownText.layout(strip, 12, List.of("Bescheid der Ausländerbehörde",
                "Ihr Antrag auf Erteilung einer Aufenthaltserlaubnis", "Bitte beachten Sie die Frist von vier Wochen"));
        try (Office o = office(OcrPolicy.Mode.WHEN_NOT_DELIVERED, engine)) {
            Barcode f = o.prepareMany(1).get(0);
            Path dir = Files.createDirectories(tmp.resolve("t"));
            String file = f.value() + "/doc-1/p0001.jpg";
            WrittenImage image = ScanGenerator.withSeed(9).write(PageFormat.JPEG, dir.resolve(file), known, true);
            ScanDelivery delivery = new ScanDelivery("D-TESS", "scan-service-1", Instant.parse("2026-03-04T10:00:00Z"),
                    List.of(new ScanDelivery.CaseFile(f.value(), 1, "op-1", Instant.parse("2026-03-04T09:00:00Z"),
                            new ScanDelivery.Scanner("Synthetic S-1", 300, ScanDelivery.ColorMode.GRAYSCALE, false),
                            List.of(new ScanDelivery.Document("doc-1", "DECISION", null, false, List.of(
                                    ScanDelivery.Page.front(file, image.sha256(), 1, 300,
                                            ScanDelivery.PageColor.GRAYSCALE)))))));
            Files.write(dir.resolve("index.json"), DeliveryIndexWriter.toJson(delivery));

            IngestReport report = o.lift.capture().ingest(o.scanner, dir);

            assertThat(report.problems()).isEmpty();
            byte[] pdf = stored(o, report.captured().get(0).renditions().get(0).key());
            PdfAssertions.assertPdfA2u(pdf);
            assertThat(text(pdf)).contains("Ausländerbehörde", "Aufenthaltserlaubnis", "Frist");
            JsonNode protocol = JSON.readTree(stored(o, report.captured().get(0).protocolJson()));
            assertThat(protocol.at("/documents/0/pages/0/text/source").asText()).startsWith("tesseract 5");
            assertThat(protocol.at("/documents/0/pages/0/text/words").asInt()).isGreaterThanOrEqualTo(15);
        }
    }
}
