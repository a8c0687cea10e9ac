package io.github.aktenlift.pdfa;

import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.github.aktenlift.pdfa.ProtocolPdf.Row;
import io.github.aktenlift.pdfa.ProtocolPdf.Section;

@DisplayName("the protocol report")
class ProtocolPdfTest {

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
        ProtocolPdf.Report report = ProtocolPdf.render("Scanprotokoll AKT-000123", sections(120), CREATED, out);
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
        ProtocolPdf.render("Scanprotokoll", sections(3), CREATED, a);
        ProtocolPdf.render("Scanprotokoll", sections(3), CREATED, b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    @DisplayName("a parsed font serves report after report: a report comes out the same after others have used it")
    void fontReusedAcrossReports() throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ProtocolPdf.render("Scanprotokoll", sections(40), CREATED, first);
        ProtocolPdf.render("Anderes", List.of(new Section("Zeichen", List.of(new Row("alle",
                "ÆØÅ æøå ÇçŒœ ŠšŽž ĄąĘęŁłŃńŚśŹźŻż ΑΒΓΔ αβγδ АБВГ абвг ¿¡ «» ‰ † ‡ • … ™ ½ ¼ ¾")))),
                CREATED.plusSeconds(60), OutputStream.nullOutputStream());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ProtocolPdf.render("Scanprotokoll", sections(40), CREATED, again);
        assertThat(again.toByteArray()).isEqualTo(first.toByteArray());
        assertPdfA2b(again.toByteArray());
    }

    @Test
    @DisplayName("words with ti, ft, fi and fl keep every letter in the text layer (no ligature glyphs)")
    void noLostLettersFromLigatures() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String words = "certification Prüfungen Dokumentation Aufbewahrungsfrist official flawless effective";
        ProtocolPdf.render("Scanprotokoll", List.of(new Section("Abschnitt", List.of(new Row("Wörter", words)))),
                Instant.parse("2026-03-04T10:00:00Z"), out);
        assertPdfA2b(out.toByteArray());
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (String w : words.split(" ")) {
                assertThat(text).contains(w);
            }
        }
    }
}
