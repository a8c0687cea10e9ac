package io.github.aktenlift.pdfa;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Reports laid out as documents: header, page numbers, tables, signature lines")
class ReportDocumentTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");

    private static byte[] render(ReportPdf.Document d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportPdf.Report r = ReportPdf.render(d, out);
        assertThat(r.size()).isEqualTo(out.size());
        return out.toByteArray();
    }

    @Test
    @DisplayName("a long table runs over pages with its column heads on each; every page has office, date and 'Seite i von n'")
    void longTable() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            rows.add(List.of(Integer.toString(i), "F" + String.format("%09d", i) + "X",
                    i % 7 == 0 ? "ein langer Grund, der in seiner Spalte umbricht, weil er nicht in eine Zeile passt" : "fällig"));
        }
        ReportPdf.Document d = new ReportPdf.Document("Vernichtungsliste L-1", "Ausländerbehörde Musterstadt", CREATED,
                List.of(new ReportPdf.Section("Übersicht", List.of(new ReportPdf.Row("Akten", "150"))),
                        new ReportPdf.Table("Akten / Files", List.of("Nr.", "Barcode", "Grund / reason"),
                                List.of(0.6f, 2f, 5f), rows),
                        new ReportPdf.Signatures("Unterschriften", List.of("Aufgestellt von", "Genehmigt von",
                                "Vernichtet von", "Zeuge"))));
        byte[] pdf = render(d);
        PdfAssertions.assertPdfA2b(pdf);
        assertThat(render(d)).as("equal input, equal bytes").isEqualTo(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int n = doc.getNumberOfPages();
            assertThat(n).isGreaterThanOrEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= n; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(doc);
                assertThat(page).as("page %d", p).contains("Ausländerbehörde Musterstadt", "2026-11-30",
                        "Seite " + p + " von " + n);
                if (p < n) {
                    assertThat(page).as("column heads on page %d", p).contains("Nr.", "Barcode", "Grund / reason");
                }
            }
            stripper.setStartPage(1);
            stripper.setEndPage(n);
            String all = stripper.getText(doc);
            assertThat(all).contains("F000000001X", "F000000150X", "Aufgestellt von", "Zeuge",
                    "Name, Datum, Unterschrift / name, date, signature");
        }
    }

    @Test
    @DisplayName("a row with a cell per column only")
    void rowsMatchColumns() {
        assertThatThrownBy(() -> new ReportPdf.Table("t", List.of("a", "b"), List.of(1f, 1f), List.of(List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells");
    }
}
