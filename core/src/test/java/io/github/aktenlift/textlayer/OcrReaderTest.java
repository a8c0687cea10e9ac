package io.github.aktenlift.textlayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.aktenlift.testkit.KnownText;
import io.github.aktenlift.testkit.PageGeometry;

@DisplayName("Reading a delivered ALTO or hOCR file")
class OcrReaderTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);
    private static final KnownText KNOWN = KnownText.layout(PAGE, 11, List.of("Antrag gemäß Straße", "Иванов Öztürk"));

    private static PageText read(String xml, OcrFormat format) throws OcrProblem {
        return OcrReader.read(xml.getBytes(StandardCharsets.UTF_8), format, PAGE.widthPx(), PAGE.heightPx(), 100, 100,
                "delivered " + format);
    }

    private static List<String> words(PageText t) {
        return t.lines().stream().flatMap(l -> l.words().stream()).map(PageText.Word::text).toList();
    }

    @Nested
    @DisplayName("a good file")
    class Good {

        @ParameterizedTest(name = "ALTO v{0}")
        @ValueSource(ints = {2, 3, 4})
        @DisplayName("ALTO v2 to v4 give the words, lines, boxes and confidences")
        void alto(int version) throws OcrProblem {
            PageText t = read(KNOWN.alto(version), OcrFormat.ALTO);
            assertThat(t.lines()).hasSize(2);
            assertThat(words(t)).containsExactly("Antrag", "gemäß", "Straße", "Иванов", "Öztürk");
            PageText.Word first = t.lines().get(0).words().get(0);
            KnownText.Word known = KNOWN.lines().get(0).get(0);
            assertThat(first.left()).isEqualTo(known.left());
            assertThat(first.top()).isEqualTo(known.top());
            assertThat(first.right()).isEqualTo(known.right());
            assertThat(first.bottom()).isEqualTo(known.bottom());
            assertThat(first.baseline()).isEqualTo(known.baseline());
            assertThat(t.meanConfidence()).isEqualTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        @DisplayName("hOCR as Tesseract writes it, with its bare XHTML document type, gives the same")
        void hocr() throws OcrProblem {
            PageText t = read(KNOWN.hocr(), OcrFormat.HOCR);
            assertThat(words(t)).containsExactly("Antrag", "gemäß", "Straße", "Иванов", "Öztürk");
            assertThat(t.lines().get(0).words().get(0).baseline()).isEqualTo(KNOWN.lines().get(0).get(0).baseline());
            assertThat(t.meanConfidence()).isEqualTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        @DisplayName("ALTO in mm10 is converted with the image's resolution")
        void altoInMillimetres() throws OcrProblem {
            double mm10 = 254.0 / 100; // tenths of a millimetre per pixel at 100 dpi
            String xml = "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v3#\"><Description><MeasurementUnit>mm10"
                    + "</MeasurementUnit></Description><Layout><Page WIDTH=\"" + PAGE.widthPx() * mm10 + "\" HEIGHT=\""
                    + PAGE.heightPx() * mm10 + "\"><PrintSpace><TextBlock><TextLine><String CONTENT=\"Frist\" HPOS=\""
                    + 100 * mm10 + "\" VPOS=\"" + 50 * mm10 + "\" WIDTH=\"" + 40 * mm10 + "\" HEIGHT=\"" + 12 * mm10
                    + "\"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>";
            PageText.Word w = read(xml, OcrFormat.ALTO).lines().get(0).words().get(0);
            assertThat(w.left()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(w.right()).isCloseTo(140, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Nested
    @DisplayName("a hostile or broken file is refused with its kind, never quoting its text")
    class Refused {

        private void refused(String xml, OcrFormat format, OcrProblem.Kind kind) {
            assertThatThrownBy(() -> read(xml, format)).isInstanceOfSatisfying(OcrProblem.class, e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.getMessage()).doesNotContain("Antrag").doesNotContain("Иванов").doesNotContain("secret");
            });
        }

        @Test
        @DisplayName("malformed XML")
        void malformed() {
            refused(KNOWN.alto(4).replace("</TextBlock>", ""), OcrFormat.ALTO, OcrProblem.Kind.MALFORMED);
            refused("Antrag", OcrFormat.HOCR, OcrProblem.Kind.MALFORMED);
        }

        @Test
        @DisplayName("entity expansion (a billion laughs) is refused at its document type declaration")
        void billionLaughs() {
            String lol = "<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY lol \"lol\">"
                    + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                    + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
            refused(lol + KNOWN.alto(4).substring(KNOWN.alto(4).indexOf("<alto")).replace("CONTENT=\"Antrag\"",
                    "CONTENT=\"&lol3;\""), OcrFormat.ALTO, OcrProblem.Kind.DOCTYPE);
            refused(KNOWN.hocr().replace("<!DOCTYPE html PUBLIC", "<!DOCTYPE html [<!ENTITY lol \"lol\">] ><!-- ")
                    .replace("xhtml1-transitional.dtd\">", "-->"), OcrFormat.HOCR, OcrProblem.Kind.DOCTYPE);
        }

        @Test
        @DisplayName("an external entity is never read: its declaration is refused")
        void externalEntity() {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>";
            refused(xxe + KNOWN.alto(4).substring(KNOWN.alto(4).indexOf("<alto")).replace("CONTENT=\"Antrag\"",
                    "CONTENT=\"&secret;\""), OcrFormat.ALTO, OcrProblem.Kind.DOCTYPE);
            refused("<!DOCTYPE alto SYSTEM \"http://example.org/alto.dtd\">"
                    + KNOWN.alto(4).substring(KNOWN.alto(4).indexOf("<alto")), OcrFormat.ALTO, OcrProblem.Kind.DOCTYPE);
        }

        @Test
        @DisplayName("an entity reference other than XML's five (such as XHTML's &nbsp;) is refused: no DTD declares it")
        void undeclaredEntity() {
            refused(KNOWN.hocr().replace(">Antrag<", ">Antrag&nbsp;<"), OcrFormat.HOCR, OcrProblem.Kind.DOCTYPE);
        }

        @Test
        @DisplayName("a word's box outside the page")
        void outsideThePage() {
            refused(KNOWN.alto(4).replaceFirst("HPOS=\"[0-9]+\" VPOS=\"([0-9]+)\" WIDTH=\"([0-9]+)\" HEIGHT=\"([0-9]+)\" WC",
                    "HPOS=\"" + (PAGE.widthPx() - 5) + "\" VPOS=\"$1\" WIDTH=\"$2\" HEIGHT=\"$3\" WC"),
                    OcrFormat.ALTO, OcrProblem.Kind.OUTSIDE_PAGE);
            refused(KNOWN.hocr().replaceFirst("id=\"word_1_1\" title=\"bbox [0-9]+", "id=\"word_1_1\" title=\"bbox -4"),
                    OcrFormat.HOCR, OcrProblem.Kind.OUTSIDE_PAGE);
        }

        @Test
        @DisplayName("another page size than the image's")
        void otherPageSize() {
            refused(KNOWN.alto(2).replace("WIDTH=\"" + PAGE.widthPx() + "\" HEIGHT=\"" + PAGE.heightPx() + "\">\n<PrintSpace",
                    "WIDTH=\"" + (PAGE.widthPx() * 2) + "\" HEIGHT=\"" + PAGE.heightPx() + "\">\n<PrintSpace"),
                    OcrFormat.ALTO, OcrProblem.Kind.PAGE_SIZE);
            refused(KNOWN.hocr().replace("bbox 0 0 " + PAGE.widthPx() + " " + PAGE.heightPx(), "bbox 0 0 2480 3508"),
                    OcrFormat.HOCR, OcrProblem.Kind.PAGE_SIZE);
        }

        @Test
        @DisplayName("not the format the index says: hOCR given as ALTO, ALTO of another version, two pages")
        void notTheFormat() {
            refused(KNOWN.hocr().replaceAll("<!DOCTYPE[^>]*>", ""), OcrFormat.ALTO, OcrProblem.Kind.MALFORMED);
            refused(KNOWN.alto(4).replace("ns-v4#", "ns-v5#"), OcrFormat.ALTO, OcrProblem.Kind.MALFORMED);
            refused(KNOWN.alto(4).replace("</Page>", "</Page><Page WIDTH=\"1\" HEIGHT=\"1\"/>"), OcrFormat.ALTO,
                    OcrProblem.Kind.MALFORMED);
        }

        @Test
        @DisplayName("nesting deeper than any real file")
        void tooDeep() {
            String deep = "<span>".repeat(100) + "</span>".repeat(100);
            refused(KNOWN.hocr().replace("<body>", "<body>" + deep), OcrFormat.HOCR, OcrProblem.Kind.TOO_LARGE);
        }
    }
}
