package io.github.aktenlift.pdfa;

import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b;
import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2u;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.testkit.KnownText;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.textlayer.OcrFormat;
import io.github.aktenlift.textlayer.OcrProblem;
import io.github.aktenlift.textlayer.OcrReader;
import io.github.aktenlift.textlayer.PageText;

@DisplayName("The invisible text layer of a rendition")
class TextLayerTest {

    private static final PageGeometry PAGE = PageGeometry.a4(150);
    private static final Instant CREATED = Instant.parse("2026-03-04T10:00:00Z");
    /** German with umlauts and ß, Latin diacritics, Cyrillic and Arabic names. */
    private static final List<String> LINES = List.of(
            "Antrag auf Erteilung einer Aufenthaltserlaubnis gemäß",
            "Straße Größe Prüfung Weiß Müller Schröder",
            "Ćosić Dvořák Nguyễn Öztürk",
            "Иванов Ольга Кузнецова",
            "Herr محمد أحمد aus Kairo",
            "محمد أحمد",
            "Frist vier Wochen 25,00 Euro");

    @TempDir
    Path tmp;

    private final ScanGenerator generator = ScanGenerator.withSeed(11).withGeometry(PAGE);

    @Test
    @DisplayName("delivered ALTO over a JPEG page: the text extracts as written, every word within its box, PDF/A-2u, the image passed through byte for byte")
    void altoOverJpeg() throws Exception {
        KnownText known = KnownText.layout(PAGE, 11, LINES);
        Path jpeg = tmp.resolve("p.jpg");
        generator.write(PageFormat.JPEG, jpeg, known, false);
        ImageInfo info = PdfARendererTest.inspect(jpeg);
        PageText text = OcrReader.read(known.alto(4).getBytes(StandardCharsets.UTF_8), OcrFormat.ALTO,
                info.width(), info.height(), info.dpiX(), info.dpiY(), "delivered ALTO");

        byte[] pdf = render(List.of(new PageSource(jpeg, info, 1, () -> text)));

        assertPdfA2u(pdf);
        assertThat(xmp(pdf)).contains("<pdfaid:conformance>U</pdfaid:conformance>");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(extract(doc)).isEqualTo(known.text());
            assertWithinBoxes(doc, 1, known);
            PDImageXObject image = (PDImageXObject) doc.getPage(0).getResources()
                    .getXObject(COSName.getPDFName("Im0"));
            try (InputStream raw = image.getCOSObject().createRawInputStream()) {
                assertThat(raw.readAllBytes()).isEqualTo(Files.readAllBytes(jpeg));
            }
            PDFont font = doc.getPage(0).getResources().getFont(COSName.getPDFName("F0"));
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).isTrue();
        }
    }

    @Test
    @DisplayName("delivered hOCR (with Tesseract's XHTML document type) over a G4 page of two: the same, page by page")
    void hocrOverG4() throws Exception {
        KnownText first = KnownText.layout(PAGE, 11, LINES);
        KnownText second = KnownText.german(PAGE, 5, 20);
        List<PageSource> pages = new ArrayList<>();
        for (KnownText k : List.of(first, second)) {
            Path g4 = tmp.resolve("p" + pages.size() + ".tif");
            generator.write(PageFormat.G4, g4, k, false);
            ImageInfo info = PdfARendererTest.inspect(g4);
            PageText text = OcrReader.read(k.hocr().getBytes(StandardCharsets.UTF_8), OcrFormat.HOCR,
                    info.pages().get(0).width(), info.pages().get(0).height(), info.pages().get(0).dpiX(),
                    info.pages().get(0).dpiY(), "delivered HOCR");
            pages.add(new PageSource(g4, info, 1, () -> text));
        }

        byte[] pdf = render(pages);

        assertPdfA2u(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = stripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(stripper.getText(doc).strip()).isEqualTo(second.text());
            assertWithinBoxes(doc, 1, first);
            assertWithinBoxes(doc, 2, second);
        }
    }

    @Test
    @DisplayName("a rendition mixing pages with and without text is PDF/A-2u; one without any stays PDF/A-2b and has no font")
    void mixedAndNone() throws Exception {
        KnownText known = KnownText.layout(PAGE, 11, LINES);
        Path jpeg = tmp.resolve("p.jpg");
        generator.write(PageFormat.JPEG, jpeg, known, false);
        ImageInfo info = PdfARendererTest.inspect(jpeg);
        PageText text = OcrReader.read(known.alto(3).getBytes(StandardCharsets.UTF_8), OcrFormat.ALTO,
                info.width(), info.height(), info.dpiX(), info.dpiY(), "delivered ALTO");

        byte[] mixed = render(List.of(PageSource.of(jpeg, info), new PageSource(jpeg, info, 1, () -> text)));
        byte[] none = render(List.of(PageSource.of(jpeg, info)));

        assertPdfA2u(mixed);
        assertPdfA2b(none);
        assertThat(xmp(none)).contains("<pdfaid:conformance>B</pdfaid:conformance>");
        assertThat(new String(none, StandardCharsets.ISO_8859_1)).doesNotContain("/Font").doesNotContain(" Tj");
        try (PDDocument doc = Loader.loadPDF(mixed)) {
            assertThat(extract(doc)).isEqualTo(known.text());
        }
    }

    @Test
    @DisplayName("a page with text recognised on an image of another size voids the rendition")
    void textOfAnotherSize() throws Exception {
        KnownText known = KnownText.layout(PAGE, 11, LINES);
        Path jpeg = tmp.resolve("p.jpg");
        generator.write(PageFormat.JPEG, jpeg, known, false);
        ImageInfo info = PdfARendererTest.inspect(jpeg);
        PageText other = new PageText(info.width() + 10, info.height(), List.of(), "delivered ALTO");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> render(List.of(new PageSource(jpeg, info, 1,
                () -> other)))).isInstanceOf(IOException.class).hasMessageContaining("px");
    }

    @Test
    @DisplayName("the glyphless font program is a TrueType font PDFBox reads: two glyphs, both advancing half an em")
    void fontProgram() throws Exception {
        try (org.apache.fontbox.ttf.TrueTypeFont ttf = new org.apache.fontbox.ttf.TTFParser().parse(
                new org.apache.pdfbox.io.RandomAccessReadBuffer(GlyphlessFont.program()))) {
            assertThat(ttf.getNumberOfGlyphs()).isEqualTo(2);
            assertThat(ttf.getUnitsPerEm()).isEqualTo(1000);
            assertThat(ttf.getAdvanceWidth(1)).isEqualTo(GlyphlessFont.ADVANCE);
            assertThat(ttf.getName()).isEqualTo(GlyphlessFont.NAME);
        }
    }

    static byte[] render(List<PageSource> pages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenditionResult result = new PdfARenderer().render(new RenditionRequest("Antrag", "APPLICATION", null,
                "32.1-AZ-2019/0815", "AKT-000123", CREATED, pages), out);
        assertThat(result.size()).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static String xmp(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
        }
    }

    private static PDFTextStripper stripper() {
        PDFTextStripper s = new PDFTextStripper();
        s.setLineSeparator("\n");
        return s;
    }

    static String extract(PDDocument doc) throws IOException {
        return stripper().getText(doc).strip();
    }

    /**
     * Every word's glyphs, in the order the page shows them, lie within the word's box on the image:
     * the glyph's left and right edge inside the box's, its baseline between the box's top and bottom
     * (page coordinates from the top left, in points, converted from the box's pixels).
     */
    static void assertWithinBoxes(PDDocument doc, int pageNumber, KnownText known) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                glyphs.add(text);
            }
        };
        collector.setStartPage(pageNumber);
        collector.setEndPage(pageNumber);
        collector.getText(doc);
        PDPage page = doc.getPage(pageNumber - 1);
        double scale = 72.0 / known.geometry().dpi();
        assertThat(page.getMediaBox().getWidth()).isCloseTo((float) (known.geometry().widthPx() * scale),
                org.assertj.core.data.Offset.offset(0.01f));
        int g = 0;
        double tolerance = 0.05; // points: the renderer's numbers have four decimals
        for (List<KnownText.Word> logical : known.lines()) {
            // a line's glyphs come in the order they stand on the page
            List<KnownText.Word> line = logical.stream()
                    .sorted(java.util.Comparator.comparingInt(KnownText.Word::left)).toList();
            for (int i = 0; i < line.size(); i++) {
                KnownText.Word w = line.get(i);
                int n = w.text().codePointCount(0, w.text().length());
                StringBuilder seen = new StringBuilder();
                for (int k = 0; k < n; k++, g++) {
                    TextPosition t = glyphs.get(g);
                    seen.append(t.getUnicode());
                    assertThat(t.getXDirAdj()).as("left of a glyph of word %s", w.text())
                            .isBetween((float) (w.left() * scale - tolerance), (float) (w.right() * scale + tolerance));
                    assertThat(t.getXDirAdj() + t.getWidthDirAdj()).as("right of a glyph of word %s", w.text())
                            .isBetween((float) (w.left() * scale - tolerance), (float) (w.right() * scale + tolerance));
                    assertThat(t.getYDirAdj()).as("baseline of a glyph of word %s", w.text())
                            .isBetween((float) (w.top() * scale - tolerance), (float) (w.bottom() * scale + tolerance));
                }
                assertThat(seen.toString()).as("the glyphs of a word, in the page's order")
                        .isIn(w.text(), new StringBuilder(w.text()).reverse().toString());
                if (i < line.size() - 1) {
                    assertThat(glyphs.get(g).getUnicode()).isEqualTo(" ");
                    g++;
                }
            }
        }
        assertThat(g).as("every glyph on the page belongs to a known word or separates two").isEqualTo(glyphs.size());
    }
}
