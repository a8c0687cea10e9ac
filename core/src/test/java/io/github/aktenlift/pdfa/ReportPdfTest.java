package io.github.aktenlift.pdfa;

import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.github.aktenlift.pdfa.ReportPdf.Row;
import io.github.aktenlift.pdfa.ReportPdf.Section;

@DisplayName("the protocol report")
class ReportPdfTest {

    static final Instant CREATED = Instant.parse("2026-11-25T09:30:00Z");

    static List<Section> sections(int hashes) {
        List<Row> pages = new ArrayList<>();
        for (int i = 1; i <= hashes; i++) {
            pages.add(new Row("Seite " + i, "p" + i + ".jpg · JPEG→DCT passthrough · SHA-256 "
                    + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        }
        return List.of(
                new Section("Übergabe", List.of(
                        new Row("Aktenzeichen", "32.1-AZ-2019/0815"),
                        new Row("Scandienstleister", "Scan-Straße GmbH & Co. KG, Außenstelle Größenwahn"),
                        new Row("Bemerkung", "Blätter mit Heftklammern wurden geöffnet; ein Blatt war "
                                + "eingerissen und wurde vor dem Scannen geglättet. Rückseiten ohne Inhalt "
                                + "wurden gemäß Scananweisung verworfen, ihre Anzahl ist unten vermerkt.\n"
                                + "Zweite Zeile: äöüß ÄÖÜ € – „Anführungszeichen“ ✓ 🙂"))),
                new Section("Seiten", pages));
    }

    @Test
    @DisplayName("German text and long values wrap onto pages that pass PDF/A-2b")
    void german() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPdf.Report report = ReportPdf.render("Scanprotokoll AKT-000123", sections(120), CREATED, out);
        byte[] pdf = out.toByteArray();
        assertPdfA2b(pdf);
        assertThat(report.size()).isEqualTo(pdf.length);
        assertThat(report.sha256()).isEqualTo(PdfARendererTest.sha256(pdf));
        assertThat(report.pages()).isGreaterThan(1);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Übergabe", "Scan-Straße GmbH", "Größenwahn", "äöüß ÄÖÜ",
                    "„Anführungszeichen“", "Seite 120");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Scanprotokoll AKT-000123");
        }
    }

    @Test
    @DisplayName("equal input gives byte-identical reports")
    void deterministic() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportPdf.render("Scanprotokoll", sections(3), CREATED, a);
        ReportPdf.render("Scanprotokoll", sections(3), CREATED, b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    @DisplayName("a parsed font serves report after report: a report comes out the same after others have used it")
    void fontReusedAcrossReports() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ReportPdf.render("Scanprotokoll", sections(40), CREATED, first);
        ReportPdf.render("Anderes", List.of(new Section("Zeichen", List.of(new Row("alle",
                "ÆØÅ æøå ÇçŒœ ŠšŽž ĄąĘęŁłŃńŚśŹźŻż ΑΒΓΔ αβγδ АБВГ абвг ¿¡ «» ‰ † ‡ • … ™ ½ ¼ ¾")))),
                CREATED.plusSeconds(60), OutputStream.nullOutputStream());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ReportPdf.render("Scanprotokoll", sections(40), CREATED, again);
        assertThat(again.toByteArray()).isEqualTo(first.toByteArray());
        assertPdfA2b(again.toByteArray());
    }

    @Test
    @DisplayName("words with ti, ft, fi and fl keep every letter in the text layer (no ligature glyphs)")
    void noLostLettersFromLigatures() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String words = "certification Prüfungen Dokumentation Aufbewahrungsfrist official flawless effective";
        ReportPdf.render("Scanprotokoll", List.of(new Section("Abschnitt", List.of(new Row("Wörter", words)))),
                Instant.parse("2026-03-04T10:00:00Z"), out);
        assertPdfA2b(out.toByteArray());
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (String w : words.split(" ")) {
                assertThat(text).contains(w);
            }
        }
    }

    /** Every glyph of a PDF as page, position, size and text, in content order. */
    private static List<String> glyphs(byte[] pdf) throws IOException {
        List<String> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition t) {
                    out.add(String.format(Locale.ROOT, "p%d %.2f %.2f %.2f %s", getCurrentPageNo(), t.getX(), t.getY(),
                            t.getFontSizeInPt(), t.getUnicode()));
                }
            };
            stripper.getText(doc);
        }
        return out;
    }

    private static List<Section> everyScript() {
        List<Section> all = new ArrayList<>(sections(60));
        all.add(new Section("Zeichen", List.of(new Row("alle",
                "ÆØÅ æøå ÇçŒœ ŠšŽž ĄąĘęŁłŃńŚśŹźŻż ΑΒΓΔ αβγδ АБВГ абвг ¿¡ «» ‰ † ‡ • … ™ ½ ¼ ¾ → — × ·"),
                new Row("Tab\tund\u00A0Leerzeichen", "ohne Glyphe: \u4E2D\u6587 und \uD83D\uDE42, Steuerzeichen \u0007"))));
        return all;
    }

    @Test
    @DisplayName("the report shows the same glyphs at the same places as when PDFBox drew it line by line")
    void sameAsDrawnByPdfBox() throws IOException {
        for (List<Section> sections : List.of(sections(120), everyScript())) {
            ByteArrayOutputStream now = new ByteArrayOutputStream();
            ByteArrayOutputStream before = new ByteArrayOutputStream();
            ReportPdf.Report report = ReportPdf.render("Scanprotokoll AKT-000123", sections, CREATED, now);
            ReportPdf.Report reference = PdfBoxReportPdf.render("Scanprotokoll AKT-000123", sections, CREATED, before);
            assertPdfA2b(now.toByteArray());
            assertThat(report.pages()).isEqualTo(reference.pages()).isGreaterThan(1);
            List<String> expected = glyphs(before.toByteArray());
            assertThat(expected).hasSizeGreaterThan(5_000);
            assertThat(glyphs(now.toByteArray())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("glyph presence and widths, which decide the line breaks, are those PDFBox gives the font")
    void widthsAsPdfBoxHasThem() throws IOException {
        ReportFont font = ReportFont.get();
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(ReportFont.fontBytes()));
        ttf.setEnableGsub(false);
        try (PDDocument doc = new PDDocument()) {
            PDType0Font pdfbox = PDType0Font.load(doc, ttf, true);
            int present = 0;
            for (int cp = 0x20; cp < 0x3000; cp++) {
                if (Character.isSurrogate((char) cp)) {
                    continue;
                }
                String s = new String(Character.toChars(cp));
                boolean encodes;
                try {
                    pdfbox.encode(s);
                    encodes = true;
                } catch (IllegalArgumentException e) {
                    encodes = false;
                }
                assertThat(font.glyph(cp) != 0).as("glyph for U+%04X", cp).isEqualTo(encodes);
                if (encodes) {
                    present++;
                    assertThat((float) font.width(font.glyph(cp))).as("width of U+%04X", cp)
                            .isEqualTo(pdfbox.getStringWidth(s));
                }
            }
            assertThat(present).isGreaterThan(600);
        } finally {
            ttf.close();
        }
    }

    @Test
    @DisplayName("the font descriptor carries the numbers PDFBox gives the font when it embeds it")
    void descriptorAsPdfBoxMakesIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPdf.render("Scanprotokoll", sections(1), CREATED, out);
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(ReportFont.fontBytes()));
        try (PDDocument ours = Loader.loadPDF(out.toByteArray()); PDDocument theirs = new PDDocument()) {
            org.apache.pdfbox.pdmodel.font.PDFontDescriptor expected = PDType0Font.load(theirs, ttf, true)
                    .getFontDescriptor();
            PDType0Font font = (PDType0Font) ours.getPage(0).getResources()
                    .getFont(org.apache.pdfbox.cos.COSName.getPDFName("F1"));
            org.apache.pdfbox.pdmodel.font.PDFontDescriptor actual = font.getFontDescriptor();
            assertThat(actual.getFlags()).isEqualTo(expected.getFlags());
            assertThat(actual.getFontBoundingBox().toString()).isEqualTo(expected.getFontBoundingBox().toString());
            assertThat(List.of(actual.getItalicAngle(), actual.getAscent(), actual.getDescent(), actual.getCapHeight(),
                    actual.getXHeight(), actual.getStemV(), actual.getFontWeight()))
                    .isEqualTo(List.of(expected.getItalicAngle(), expected.getAscent(), expected.getDescent(),
                            expected.getCapHeight(), expected.getXHeight(), expected.getStemV(), expected.getFontWeight()));
            assertThat(actual.getFontName()).matches("[A-Z]{6}\\+" + java.util.regex.Pattern.quote(ttf.getName()));
        } finally {
            ttf.close();
        }
    }

    @Test
    @DisplayName("reports in the common characters embed one and the same font program; others get their glyphs added")
    void oneFontProgramForCommonText() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        ReportPdf.render("Scanprotokoll", sections(3), CREATED, a);
        ReportPdf.render("Vernichtungsliste", List.of(new Section("Akten", List.of(new Row("x", "Größe 12 € → ok")))),
                CREATED, b);
        ReportPdf.render("Anderes", everyScript(), CREATED, c);
        assertThat(fontProgram(a.toByteArray())).isEqualTo(fontProgram(b.toByteArray()));
        assertThat(fontProgram(c.toByteArray()).length).isGreaterThan(fontProgram(a.toByteArray()).length);
        assertPdfA2b(b.toByteArray());
        assertPdfA2b(c.toByteArray());
        try (PDDocument doc = Loader.loadPDF(c.toByteArray())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("ĄąĘęŁł", "ΑΒΓΔ αβγδ", "АБВГ абвг", "→ — × ·",
                    "ohne Glyphe: ?? und ?");
        }
    }

    private static byte[] fontProgram(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage page = doc.getPage(0);
            PDFont font = page.getResources().getFont(org.apache.pdfbox.cos.COSName.getPDFName("F1"));
            PDCIDFontType2 cid = (PDCIDFontType2) ((PDType0Font) font).getDescendantFont();
            return cid.getFontDescriptor().getFontFile2().toByteArray();
        }
    }
}
