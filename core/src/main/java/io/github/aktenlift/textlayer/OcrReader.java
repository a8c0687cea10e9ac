package io.github.aktenlift.textlayer;

import java.io.ByteArrayInputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a delivered ALTO (v2–v4) or hOCR file into a {@link PageText}, with a hardened parser: no
 * DTD is processed and no external entity or schema is ever fetched; a document type declaration
 * is refused, except the bare {@code <!DOCTYPE html …>} that hOCR writers such as Tesseract put in
 * front of their XHTML (public and system id only: no internal subset, and the external one is never
 * read), so that an entity can neither be declared nor expanded. Size is bounded by the caller
 * (the bytes handed in), words and nesting here.
 *
 * <p>Every box is checked against the page: the page size the file gives must be the image's (in
 * pixels, or converted from ALTO's {@code mm10} and {@code inch1200} units with the image's
 * resolution, to a pixel), and every word's box must lie on it. Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class OcrReader {

    /** The most words one page may carry: a dense A4 page at small print has a few thousand. */
    public static final int MAX_WORDS = 50_000;
    private static final int MAX_DEPTH = 64;
    private static final Pattern ALTO_NS = Pattern.compile("http://www\\.loc\\.gov/standards/alto/ns-v[234]#");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern HTML_DOCTYPE = Pattern.compile(
            "<!DOCTYPE\\s+html(\\s+PUBLIC\\s+(\"[^\"\\[\\]<>]*\"|'[^'\\[\\]<>]*')\\s*(\"[^\"\\[\\]<>]*\"|'[^'\\[\\]<>]*')?"
            + "|\\s+SYSTEM\\s+(\"[^\"\\[\\]<>]*\"|'[^'\\[\\]<>]*'))?\\s*>", Pattern.CASE_INSENSITIVE);

    private OcrReader() {
    }

    /**
     * Reads one page's OCR result.
     *
     * @param xml the file's bytes, bounded by the caller
     * @param format what the file is
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param dpiX the image's horizontal resolution, to convert ALTO's physical units
     * @param dpiY the image's vertical resolution
     * @param source what to record as the text's source
     * @return the page's words in reading order, never {@code null}
     * @throws OcrProblem if the file is not well-formed, declares a DTD, is not the format, gives
     *     another page size, has a box off the page or too many words
     */
    public static PageText read(byte[] xml, OcrFormat format, int width, int height, double dpiX, double dpiY,
            String source) throws OcrProblem {
        XMLStreamReader r = null;
        try {
            r = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
            Page page = format == OcrFormat.ALTO ? new Alto(width, height, dpiX, dpiY).read(r)
                    : new Hocr(width, height).read(r);
            return new PageText(width, height, page.lines, source);
        } catch (XMLStreamException e) {
            // the parser's message names a position and a rule; it never quotes text content
            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "not well-formed XML at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held but the bytes in memory
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not read");
        });
        return f;
    }

    /** What a page reader found. */
    private record Page(List<PageText.Line> lines) {
    }

    /** The common walk: depth and word limits, DOCTYPE policy, box checks. */
    private abstract static class Walk {
        final int width;
        final int height;
        final List<PageText.Line> lines = new ArrayList<>();
        int words;
        int depth;

        Walk(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** The next event, with the DOCTYPE and depth rules applied. */
        int next(XMLStreamReader r, boolean htmlDoctype) throws XMLStreamException, OcrProblem {
            int e = r.next();
            if (e == XMLStreamConstants.DTD) {
                String text = r.getText();
                if (!htmlDoctype || text == null || !HTML_DOCTYPE.matcher(text.strip()).matches()) {
                    throw new OcrProblem(OcrProblem.Kind.DOCTYPE, "a document type declaration is refused"
                            + (htmlDoctype ? " (only a bare <!DOCTYPE html …> without internal subset is taken)" : ""));
                }
            } else if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new OcrProblem(OcrProblem.Kind.DOCTYPE, "an entity reference is refused");
            } else if (e == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                throw new OcrProblem(OcrProblem.Kind.TOO_LARGE, "elements nested deeper than " + MAX_DEPTH);
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            return e;
        }

        void add(List<PageText.Word> line) {
            if (!line.isEmpty()) {
                lines.add(new PageText.Line(line));
            }
        }

        PageText.Word word(String text, double left, double top, double right, double bottom, double baseline,
                double confidence, String where) throws OcrProblem {
            if (++words > MAX_WORDS) {
                throw new OcrProblem(OcrProblem.Kind.TOO_LARGE, "more than " + MAX_WORDS + " words on one page");
            }
            if (!(right > left) || !(bottom > top)) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, where + " has a box without size");
            }
            if (left < 0 || top < 0 || right > width + 0.5 || bottom > height + 0.5) {
                throw new OcrProblem(OcrProblem.Kind.OUTSIDE_PAGE, where + " has a box [" + round(left) + ","
                        + round(top) + "," + round(right) + "," + round(bottom) + "] outside the page of " + width
                        + "x" + height + " px");
            }
            double base = Double.isNaN(baseline) ? bottom : Math.max(top, Math.min(bottom, baseline));
            if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, where + " has a confidence outside its range");
            }
            return new PageText.Word(text, left, top, Math.min(right, width), Math.min(bottom, height), base,
                    confidence);
        }

        void pageSize(double w, double h, String unit) throws OcrProblem {
            if (Math.abs(w - width) > 1.5 || Math.abs(h - height) > 1.5) {
                throw new OcrProblem(OcrProblem.Kind.PAGE_SIZE, "the OCR page is " + round(w) + "x" + round(h)
                        + " px" + unit + ", the image " + width + "x" + height + " px");
            }
        }
    }

    /** ALTO v2 to v4: {@code Page}, {@code TextLine}, {@code String}. */
    private static final class Alto extends Walk {
        private final double dpiX;
        private final double dpiY;
        private double scaleX = 1;
        private double scaleY = 1;
        private String unit = "pixel";
        private boolean page;

        Alto(int width, int height, double dpiX, double dpiY) {
            super(width, height);
            this.dpiX = dpiX;
            this.dpiY = dpiY;
        }

        Page read(XMLStreamReader r) throws XMLStreamException, OcrProblem {
            List<PageText.Word> line = null;
            double lineBaseline = Double.NaN;
            boolean root = true;
            StringBuilder text = null;
            int lineNo = 0;
            int wordNo = 0;
            while (r.hasNext()) {
                int e = next(r, false);
                if (e == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (root) {
                        String ns = r.getNamespaceURI();
                        if (!"alto".equals(name) || ns == null || !ALTO_NS.matcher(ns).matches()) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED,
                                    "not ALTO v2–v4: the root must be <alto> in an ALTO v2, v3 or v4 namespace");
                        }
                        root = false;
                    }
                    switch (name) {
                        case "MeasurementUnit" -> text = new StringBuilder();
                        case "Page" -> {
                            if (page) {
                                throw new OcrProblem(OcrProblem.Kind.MALFORMED, "more than one Page; one file per page");
                            }
                            page = true;
                            pageSize(number(r, "WIDTH", "Page") * scaleX, number(r, "HEIGHT", "Page") * scaleY,
                                    "pixel".equals(unit) ? "" : " (from " + unit + ")");
                        }
                        case "TextLine" -> {
                            line = new ArrayList<>();
                            lineNo++;
                            lineBaseline = baseline(r.getAttributeValue(null, "BASELINE")) * scaleY;
                        }
                        case "String" -> {
                            if (line == null || !page) {
                                throw new OcrProblem(OcrProblem.Kind.MALFORMED, "a String outside a TextLine of a Page");
                            }
                            wordNo++;
                            String where = "TextLine " + lineNo + " String " + wordNo;
                            String content = clean(r.getAttributeValue(null, "CONTENT"));
                            double x = number(r, "HPOS", where) * scaleX;
                            double y = number(r, "VPOS", where) * scaleY;
                            double w = number(r, "WIDTH", where) * scaleX;
                            double h = number(r, "HEIGHT", where) * scaleY;
                            String wc = r.getAttributeValue(null, "WC");
                            double conf = wc == null ? Double.NaN : parse(wc, "WC", where);
                            if (!content.isEmpty()) {
                                line.add(word(content, x, y, x + w, y + h, lineBaseline, conf, where));
                            }
                        }
                        default -> {
                            // other elements (layout blocks, styles, SP, HYP) carry no words to place
                        }
                    }
                } else if (e == XMLStreamConstants.CHARACTERS && text != null) {
                    text.append(r.getText());
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    if ("MeasurementUnit".equals(name) && text != null) {
                        unit(text.toString().strip());
                        text = null;
                    } else if ("TextLine".equals(name) && line != null) {
                        add(line);
                        line = null;
                    }
                }
            }
            if (!page) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, "no Page element");
            }
            return new Page(lines);
        }

        private void unit(String u) throws OcrProblem {
            unit = u;
            switch (u) {
                case "pixel" -> {
                    scaleX = 1;
                    scaleY = 1;
                }
                case "mm10" -> {
                    scaleX = dpiX / 254.0;
                    scaleY = dpiY / 254.0;
                }
                case "inch1200" -> {
                    scaleX = dpiX / 1200.0;
                    scaleY = dpiY / 1200.0;
                }
                default -> throw new OcrProblem(OcrProblem.Kind.MALFORMED, "MeasurementUnit must be pixel, mm10 or inch1200");
            }
        }

        /** ALTO's BASELINE: a number (v2, v3) or a points list {@code "x1,y1 x2,y2 …"} (v4): the mean y. */
        private static double baseline(String value) throws OcrProblem {
            if (value == null || value.isBlank()) {
                return Double.NaN;
            }
            String v = value.strip();
            if (NUMBER.matcher(v).matches()) {
                return Double.parseDouble(v);
            }
            double sum = 0;
            int n = 0;
            for (String point : v.split("\\s+")) {
                String[] xy = point.split(",");
                if (xy.length != 2 || !NUMBER.matcher(xy[1]).matches()) {
                    throw new OcrProblem(OcrProblem.Kind.MALFORMED, "a TextLine's BASELINE is neither a number nor points");
                }
                sum += Double.parseDouble(xy[1]);
                n++;
            }
            return sum / n;
        }

        private static double number(XMLStreamReader r, String attribute, String where) throws OcrProblem {
            String v = r.getAttributeValue(null, attribute);
            if (v == null) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, where + " has no " + attribute);
            }
            return parse(v, attribute, where);
        }
    }

    /** hOCR: {@code ocr_page}, line elements ({@code ocr_line} and its kin) and {@code ocrx_word}. */
    private static final class Hocr extends Walk {
        private static final Pattern BBOX = Pattern.compile("(?:^|;)\\s*bbox\\s+(-?\\d+)\\s+(-?\\d+)\\s+(-?\\d+)\\s+(-?\\d+)\\s*(?:;|$)");
        private static final Pattern BASELINE = Pattern.compile("(?:^|;)\\s*baseline\\s+(-?[0-9.]+)\\s+(-?[0-9.]+)\\s*(?:;|$)");
        private static final Pattern WCONF = Pattern.compile("(?:^|;)\\s*x_wconf\\s+(-?[0-9.]+)\\s*(?:;|$)");
        private static final List<String> LINE_CLASSES = List.of("ocr_line", "ocrx_line", "ocr_header", "ocr_caption",
                "ocr_textfloat");

        Hocr(int width, int height) {
            super(width, height);
        }

        Page read(XMLStreamReader r) throws XMLStreamException, OcrProblem {
            boolean page = false;
            boolean root = true;
            List<PageText.Word> line = null;
            int lineDepth = -1;
            double[] lineBox = null;
            double[] lineBaseline = null;
            StringBuilder word = null;
            int wordDepth = -1;
            double[] wordBox = null;
            double wordConf = Double.NaN;
            int lineNo = 0;
            int wordNo = 0;
            while (r.hasNext()) {
                int e = next(r, true);
                if (e == XMLStreamConstants.START_ELEMENT) {
                    if (root) {
                        if (!"html".equals(r.getLocalName())) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "not hOCR: the root must be <html>");
                        }
                        root = false;
                    }
                    String cls = classes(r.getAttributeValue(null, "class"));
                    String title = r.getAttributeValue(null, "title");
                    if (cls.contains(" ocr_page ")) {
                        if (page) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "more than one ocr_page; one file per page");
                        }
                        page = true;
                        double[] box = bbox(title, "ocr_page");
                        pageSize(box[2] - box[0], box[3] - box[1], "");
                    } else if (LINE_CLASSES.stream().anyMatch(c -> cls.contains(" " + c + " "))) {
                        if (!page) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "a line outside the ocr_page");
                        }
                        if (line != null) {
                            add(line);
                        }
                        lineNo++;
                        line = new ArrayList<>();
                        lineDepth = depth;
                        lineBox = bbox(title, "line " + lineNo);
                        Matcher b = title == null ? null : BASELINE.matcher(title);
                        lineBaseline = b != null && b.find()
                                ? new double[] {Double.parseDouble(b.group(1)), Double.parseDouble(b.group(2))} : null;
                    } else if (cls.contains(" ocrx_word ")) {
                        if (!page) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "a word outside the ocr_page");
                        }
                        if (word != null) {
                            throw new OcrProblem(OcrProblem.Kind.MALFORMED, "a word inside a word");
                        }
                        wordNo++;
                        wordBox = bbox(title, "word " + wordNo);
                        Matcher c = WCONF.matcher(title);
                        wordConf = c.find() ? parse(c.group(1), "x_wconf", "word " + wordNo) / 100.0 : Double.NaN;
                        word = new StringBuilder();
                        wordDepth = depth;
                    }
                } else if ((e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) && word != null) {
                    word.append(r.getText());
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    // depth is already one less than the closed element's own
                    if (word != null && depth == wordDepth - 1) {
                        String text = clean(word.toString());
                        String where = "word " + wordNo;
                        if (!text.isEmpty()) {
                            double base = Double.NaN;
                            if (lineBox != null && lineBaseline != null) {
                                // hOCR: baseline slope and offset from the line box's bottom-left corner
                                double mid = (wordBox[0] + wordBox[2]) / 2 - lineBox[0];
                                base = lineBox[3] + lineBaseline[0] * mid + lineBaseline[1];
                            }
                            PageText.Word w = word(text, wordBox[0], wordBox[1], wordBox[2], wordBox[3], base,
                                    wordConf, where);
                            if (line == null) {
                                // a word without a line element: a line of its own
                                add(List.of(w));
                            } else {
                                line.add(w);
                            }
                        }
                        word = null;
                    } else if (line != null && depth == lineDepth - 1) {
                        add(line);
                        line = null;
                        lineBox = null;
                        lineBaseline = null;
                    }
                }
            }
            if (!page) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, "no ocr_page element");
            }
            return new Page(lines);
        }

        private static String classes(String cls) {
            return cls == null ? "" : " " + cls.strip().replaceAll("\\s+", " ") + " ";
        }

        private static double[] bbox(String title, String where) throws OcrProblem {
            Matcher m = title == null ? null : BBOX.matcher(title);
            if (m == null || !m.find()) {
                throw new OcrProblem(OcrProblem.Kind.MALFORMED, where + " has no bbox in its title");
            }
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(m.group(i + 1));
            }
            return b;
        }
    }

    private static double parse(String v, String attribute, String where) throws OcrProblem {
        String s = v.strip();
        if (!NUMBER.matcher(s).matches() || s.length() > 20) {
            throw new OcrProblem(OcrProblem.Kind.MALFORMED, where + " has a " + attribute + " that is not a number");
        }
        return Double.parseDouble(s);
    }

    /** The word as it is to be found: NFC, no control characters, spaces around it dropped. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isISOControl(c) && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF
                && Character.getType(c) != Character.SURROGATE && Character.getType(c) != Character.UNASSIGNED
                && Character.getType(c) != Character.PRIVATE_USE)
                .forEach(b::appendCodePoint);
        return Normalizer.normalize(b.toString().strip(), Normalizer.Form.NFC);
    }

    private static String round(double d) {
        return String.format(Locale.ROOT, "%.0f", d);
    }
}
