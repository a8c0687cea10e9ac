package io.github.aktenlift;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Reader;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.inventory.Label;
import io.github.aktenlift.inventory.LabelSheet;
import io.github.aktenlift.pdfa.PdfAssertions;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Barcode labels")
class LabelSheetTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private final Office o = new Office();

    @AfterEach
    void close() {
        o.close();
    }

    private static byte[] write(List<Label> labels) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LabelSheet.write(labels, NOW, out);
        return out.toByteArray();
    }

    /**
     * Renders every page at 300 dpi, cuts it into the label cells, and decodes each cell's Code 128
     * symbol; cells without a label give {@code null}, so positions are checked too.
     */
    static List<String> decode(byte[] pdf) throws IOException {
        List<String> codes = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < doc.getNumberOfPages(); p++) {
                BufferedImage page = renderer.renderImageWithDPI(p, 300, ImageType.GRAY);
                int cellWidth = page.getWidth() / LabelSheet.COLUMNS;
                int cellHeight = page.getHeight() / LabelSheet.ROWS;
                for (int row = 0; row < LabelSheet.ROWS; row++) {
                    for (int col = 0; col < LabelSheet.COLUMNS; col++) {
                        codes.add(decodeCell(page.getSubimage(col * cellWidth, row * cellHeight, cellWidth, cellHeight)));
                    }
                }
            }
        }
        return codes;
    }

    private static String decodeCell(BufferedImage cell) {
        int[] pixels = cell.getRGB(0, 0, cell.getWidth(), cell.getHeight(), null, 0, cell.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(cell.getWidth(), cell.getHeight(), pixels)));
        try {
            Result r = new Code128Reader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128)));
            return r.getText();
        } catch (NotFoundException | com.google.zxing.FormatException e) {
            return null;
        }
    }

    @Nested
    @DisplayName("a sheet")
    class Sheet {

        @Test
        @DisplayName("is PDF/A-2b, and every label's symbol decodes back to its barcode, in order, 24 to a page,"
                + " also for the longest barcode and caption")
        void decodable() throws IOException {
            List<Barcode> files = o.lift.inventory().issueCaseFileBarcodes(o.clerk, 26);
            List<Barcode> boxes = o.lift.inventory().issueBoxBarcodes(o.clerk, 3);
            List<Label> labels = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                labels.add(Label.caseFile(files.get(i), FileReference.of("AB-2026/" + (i + 1))));
            }
            boxes.forEach(b -> labels.add(Label.box(b)));
            // the longest barcode there may be, with a long run of digits and letters mixed
            labels.add(Label.of(Barcode.of("A1B2C3D4E5F6G7H8J9K0-1234567890123456789")));
            labels.add(Label.caseFile(files.get(0), FileReference.of("32.1-AB-2026/0815-" + "9".repeat(40))));

            byte[] pdf = write(labels);

            PdfAssertions.assertPdfA2b(pdf);
            List<String> expected = new ArrayList<>(labels.stream().map(l -> l.barcode().value()).toList());
            expected.addAll(Collections.nCopies(2 * LabelSheet.PER_SHEET - labels.size(), null));
            assertThat(decode(pdf)).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("draws the bars as vectors: no image on any page, and the plain-text barcode and caption are text")
        void vectors() throws IOException {
            Barcode f = o.register();
            byte[] pdf = write(List.of(Label.caseFile(f, FileReference.of("AB-2026/4711"))));
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(doc.getNumberOfPages()).isEqualTo(1);
                PDPage page = doc.getPage(0);
                assertThat(page.getResources().getXObjectNames()).isEmpty();
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                assertThat(text).contains(f.value(), "Akte AB-2026/4711");
            }
        }

        @Test
        @DisplayName("is byte for byte the same for the same labels and time")
        void deterministic() throws IOException {
            List<Label> labels = o.lift.inventory().issueBoxBarcodes(o.clerk, 5).stream().map(Label::box).toList();
            assertThat(write(labels)).isEqualTo(write(labels));
        }
    }

    @Nested
    @DisplayName("for what the tracking knows")
    class FromTracking {

        @Test
        @DisplayName("lists every case file and every box by barcode, whatever their state")
        void listsEverything() throws IOException {
            Barcode registered = o.fileIn(CaseFileState.REGISTERED);
            Barcode packed = o.fileIn(CaseFileState.PACKED);
            Barcode box = o.lift.tracking().whereIs(packed).orElseThrow().box().orElseThrow();
            Barcode emptyBox = o.openBox();

            assertThat(o.lift.tracking().caseFiles()).containsExactly(
                    Stream.of(registered, packed).sorted().toArray(Barcode[]::new));
            assertThat(o.lift.tracking().boxes()).containsExactly(
                    Stream.of(box, emptyBox).sorted().toArray(Barcode[]::new));

            List<Label> labels = new ArrayList<>();
            o.lift.tracking().caseFiles().forEach(b -> labels.add(Label.caseFile(b,
                    o.lift.tracking().whereIs(b).orElseThrow().reference())));
            o.lift.tracking().boxes().forEach(b -> labels.add(Label.box(b)));
            assertThat(decode(write(labels)).subList(0, 4))
                    .containsExactlyElementsOf(labels.stream().map(l -> l.barcode().value()).toList());
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        @DisplayName("an empty list, naming the field, and writes nothing")
        void empty() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> LabelSheet.write(List.of(), NOW, out))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.getMessage()).contains("labels"));
            assertThat(out.size()).isZero();
        }

        @Test
        @DisplayName("a caption longer than a label line, or with control characters")
        void captions() {
            Barcode b = o.nextFileBarcode();
            assertThatThrownBy(() -> new Label(b, "x".repeat(Label.MAX_CAPTION + 1)))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("caption");
            assertThatThrownBy(() -> new Label(b, "line\nbreak"))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("caption");
            assertThatThrownBy(() -> new Label(null, ""))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("barcode");
        }

        @Test
        @DisplayName("nothing for a long file reference: the caption falls back to the reference alone")
        void longReference() {
            Barcode b = o.nextFileBarcode();
            String ref = "R".repeat(62);
            assertThat(Label.caseFile(b, FileReference.of(ref)).caption()).isEqualTo(ref);
        }
    }
}
