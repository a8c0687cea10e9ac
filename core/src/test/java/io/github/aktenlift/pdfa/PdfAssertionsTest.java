package io.github.aktenlift.pdfa;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the PDF/A-2b assertion")
class PdfAssertionsTest {

    @Test
    @DisplayName("fails a plain PDF and names the rules it breaks")
    void rejectsPlainPdf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(out);
        }
        assertThatThrownBy(() -> PdfAssertions.assertPdfA2b(out.toByteArray()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is not PDF/A-2b")
                .hasMessageContaining("6.6.2.1"); // no XMP metadata
    }
}
