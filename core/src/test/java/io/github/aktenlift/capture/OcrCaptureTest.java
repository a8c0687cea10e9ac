package io.github.aktenlift.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Office;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.pdfa.PdfAssertions;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.textlayer.OcrFormat;
import io.github.aktenlift.textlayer.OcrReader;
import io.github.aktenlift.textlayer.PageText;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Capture of pages delivered with their OCR result")
class OcrCaptureTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Office o = Office.of(new InMemoryStorage(),
            Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100)), new InMemoryNotifier());

    @AfterEach
    void close() {
        o.close();
    }

    private Delivery delivery(Barcode f, DeliverySpec.Ocr ocr, DeliverySpec.Formats formats) throws Exception {
        return ScanGenerator.writeDelivery(tmp.resolve("d"), DeliverySpec.builder().deliveryId("D-OCR").geometry(PAGE)
                .seed(5).barcodes(List.of(f.value())).documentsPerFile(1, 1).sheetsPerDocument(2, 2)
                .formats(formats).duplex(false).ocr(ocr).build());
    }

    private static ObjectNode index(Delivery d) throws Exception {
        return (ObjectNode) JSON.readTree(d.index().toFile());
    }

    private static ArrayNode pages(ObjectNode index) {
        return (ArrayNode) index.get("caseFiles").get(0).get("documents").get(0).get("pages");
    }

    private IngestReport ingest(Delivery d, ObjectNode index) throws Exception {
        JSON.writeValue(d.index().toFile(), index);
        return o.lift.capture().ingest(o.scanner, d.directory());
    }

    private byte[] stored(io.github.aktenlift.spi.storage.Key key) throws Exception {
        try (InputStream in = o.storage().content().get(key)) {
            return in.readAllBytes();
        }
    }

    /** The text the delivered OCR files hold, page after page, as extraction should give it. */
    private static String delivered(Delivery d, ObjectNode index, OcrFormat format) throws Exception {
        ImageInspector inspector = new ImageInspector(100_000_000L, 20_000);
        List<String> out = new ArrayList<>();
        for (var page : pages(index)) {
            ImageInfo info = inspector.inspect(d.directory().resolve(page.get("file").asText()));
            PageText t = OcrReader.read(Files.readAllBytes(d.directory().resolve(page.get("ocr").get("file").asText())),
                    format, info.pages().isEmpty() ? info.width() : info.pages().get(0).width(),
                    info.pages().isEmpty() ? info.height() : info.pages().get(0).height(), 100, 100, "test");
            out.add(t.lines().stream().map(l -> l.words().stream().map(PageText.Word::text)
                    .collect(Collectors.joining(" "))).collect(Collectors.joining("\n")));
        }
        return String.join("\n", out);
    }

    @Test
    @DisplayName("ALTO beside JPEG pages: the rendition is PDF/A-2u and its text extracts as delivered")
    void alto() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(f, DeliverySpec.Ocr.ALTO, DeliverySpec.Formats.JPEG);
        IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
        assertThat(report.problems()).isEmpty();
        byte[] pdf = stored(report.captured().get(0).renditions().get(0).key());
        PdfAssertions.assertPdfA2u(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            assertThat(stripper.getText(doc).strip()).isEqualTo(delivered(d, index(d), OcrFormat.ALTO));
        }
    }

    @Test
    @DisplayName("hOCR beside G4 pages: the same")
    void hocr() throws Exception {
        Barcode f = o.prepareMany(1).get(0);
        Delivery d = delivery(f, DeliverySpec.Ocr.HOCR, DeliverySpec.Formats.G4);
        IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
        assertThat(report.problems()).isEmpty();
        byte[] pdf = stored(report.captured().get(0).renditions().get(0).key());
        PdfAssertions.assertPdfA2u(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            assertThat(stripper.getText(doc).strip()).isEqualTo(delivered(d, index(d), OcrFormat.HOCR));
        }
    }

    @Nested
    @DisplayName("bad OCR rejects its case file with a problem naming the page, and changes nothing")
    class Bad {

        private Barcode f;
        private Delivery d;
        private ObjectNode index;
        private ObjectNode page;
        private Path ocr;

        private void deliver() throws Exception {
            f = o.prepareMany(1).get(0);
            d = delivery(f, DeliverySpec.Ocr.ALTO, DeliverySpec.Formats.JPEG);
            index = index(d);
            page = (ObjectNode) pages(index).get(1);
            ocr = d.directory().resolve(page.get("ocr").get("file").asText());
        }

        /** Replaces the OCR file's content, its hash in the index with it. */
        private void replace(String xml) throws Exception {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            Files.write(ocr, bytes);
            ((ObjectNode) page.get("ocr")).put("sha256",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }

        private void assertRejected(CaptureProblem.Kind kind, String detail) throws Exception {
            IngestReport report = ingest(d, index);
            assertThat(report.captured()).isEmpty();
            assertThat(report.problems()).as("problems: %s", report.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo(kind);
                assertThat(p.barcode()).isEqualTo(f.value());
                assertThat(p.page()).isEqualTo(page.get("file").asText());
                assertThat(p.detail()).contains(detail);
            });
            assertThat(o.lift.tracking().whereIs(f).orElseThrow().state()).isEqualTo(CaseFileState.PREPARED);
            assertThat(o.storage().content().list("renditions/" + f.value(), Optional.empty(), 1).items()).isEmpty();
        }

        @Test
        @DisplayName("malformed XML")
        void malformed() throws Exception {
            deliver();
            replace(Files.readString(ocr).replace("</TextLine>", ""));
            assertRejected(CaptureProblem.Kind.OCR_INVALID, "not well-formed");
        }

        @Test
        @DisplayName("entity expansion")
        void entityExpansion() throws Exception {
            deliver();
            String alto = Files.readString(ocr);
            replace(alto.replace("<alto ", "<!DOCTYPE alto [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><alto ")
                    .replaceFirst("CONTENT=\"[^\"]*\"", "CONTENT=\"&b;\""));
            assertRejected(CaptureProblem.Kind.OCR_INVALID, "document type declaration");
        }

        @Test
        @DisplayName("a box outside the page")
        void outside() throws Exception {
            deliver();
            replace(Files.readString(ocr).replaceFirst("<String CONTENT=\"([^\"]*)\" HPOS=\"[0-9]+\"",
                    "<String CONTENT=\"$1\" HPOS=\"" + (PAGE.widthPx() + 3) + "\""));
            assertRejected(CaptureProblem.Kind.OCR_OUTSIDE_PAGE, "outside the page");
        }

        @Test
        @DisplayName("another page size than the image's")
        void pageSize() throws Exception {
            deliver();
            replace(Files.readString(ocr).replace("HEIGHT=\"" + PAGE.heightPx() + "\">\n<PrintSpace",
                    "HEIGHT=\"" + (PAGE.heightPx() + 40) + "\">\n<PrintSpace"));
            assertRejected(CaptureProblem.Kind.OCR_PAGE_SIZE, "the image " + PAGE.widthPx() + "x" + PAGE.heightPx());
        }

        @Test
        @DisplayName("an OCR file the index does not list")
        void notListed() throws Exception {
            deliver();
            page.remove("ocr");
            IngestReport report = ingest(d, index);
            assertThat(report.captured()).isEmpty();
            assertThat(report.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.EXTRA_FILE);
                assertThat(p.page()).isEqualTo(d.directory().relativize(ocr).toString());
            });
        }

        @Test
        @DisplayName("an OCR file with another hash than the index's")
        void wrongHash() throws Exception {
            deliver();
            Files.writeString(ocr, Files.readString(ocr).replace("WC=\"0.96\"", "WC=\"0.95\""));
            assertRejected(CaptureProblem.Kind.HASH_MISMATCH, "its OCR file");
        }

        @Test
        @DisplayName("an OCR file listed but not delivered")
        void missing() throws Exception {
            deliver();
            Files.delete(ocr);
            assertRejected(CaptureProblem.Kind.MISSING_PAGE, "OCR file");
        }

        @Test
        @DisplayName("an OCR file that is a symbolic link, or has a second name (a hard link)")
        void links() throws Exception {
            deliver();
            Path elsewhere = d.directory().resolve("elsewhere.alto.xml");
            Files.move(ocr, elsewhere);
            Files.createSymbolicLink(ocr, elsewhere);
            assertRejected(CaptureProblem.Kind.UNSAFE_PATH, "symbolic link");
            Files.delete(ocr);
            Files.createLink(ocr, elsewhere);
            IngestReport report = ingest(d, index);
            assertThat(report.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo(CaptureProblem.Kind.UNSAFE_PATH);
                assertThat(p.detail()).contains("hard link");
            });
        }

        @Test
        @DisplayName("an OCR file outside the case file's folder")
        void foreign() throws Exception {
            deliver();
            Files.move(ocr, d.directory().resolve("elsewhere.alto.xml"));
            ((ObjectNode) page.get("ocr")).put("file", "elsewhere.alto.xml");
            assertRejected(CaptureProblem.Kind.FOREIGN_FOLDER, "OCR file");
        }
    }
}
