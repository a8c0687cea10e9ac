package io.github.aktenlift.pdfa;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The protocol report as it was written before {@link ReportPdf} wrote its page content itself
 * and embedded a font subset built once per JVM: every line drawn through PDFBox's
 * {@code PDPageContentStream}, the font subset by PDFBox on every save. Kept in test scope as the
 * reference that the faster writer must match, line for line and position for position, and as
 * the baseline of {@code CaptureOverheadBenchmark}.
 */
public final class PdfBoxReportPdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static volatile byte[] fontBytes;
    /**
     * Parsed fonts not in use. Parsing took about a sixth of a report's time; a parsed font is
     * only read (each document subsets it into its own stream), but not by two threads at once,
     * so each report borrows one and gives it back. At most as many as reports ran at once.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<org.apache.fontbox.ttf.TrueTypeFont> FONTS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * Per code point of the Basic Multilingual Plane: 0 not yet known, 1 the font has a glyph, 2 it
     * has none. The font is always the same, so this holds across documents; racing writers write
     * the same value.
     */
    private static final byte[] GLYPH = new byte[0x10000];
    /** Glyph widths in font units per BMP code point, NaN until known; as {@link #GLYPH}. */
    private static final float[] WIDTH = new float[0x10000];

    static {
        Arrays.fill(WIDTH, Float.NaN);
    }

    private static org.apache.fontbox.ttf.TrueTypeFont borrowFont() throws IOException {
        org.apache.fontbox.ttf.TrueTypeFont ttf = FONTS.poll();
        if (ttf == null) {
            ttf = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(fontBytes()));
            // Glyph substitution off: PDFBox would otherwise replace "ti", "ft" and the like by
            // ligature glyphs that no ToUnicode entry maps back (the words lose letters when the
            // text is searched or copied), and it compiles regular expressions on every showText.
            ttf.setEnableGsub(false);
        }
        return ttf;
    }

    private static byte[] fontBytes() throws IOException {
        return ReportFont.fontBytes();
    }

    private static final float MARGIN = 56.7f; // 20 mm
    private static final float TITLE_SIZE = 15f;
    private static final float HEADING_SIZE = 11.5f;
    private static final float BODY_SIZE = 9.5f;
    private static final float LEADING = 1.3f;
    private static final float LABEL_WIDTH = 165f;
    private static final float GAP = 10f;

    private PdfBoxReportPdf() {
    }

    /**
     * Writes a report.
     *
     * @param title the report's title, also its dc:title
     * @param sections the sections in order
     * @param created when the report is made, from the caller's clock
     * @param out where the PDF goes; flushed, not closed
     * @return length, SHA-256 and page count of what was written
     * @throws IOException if {@code out} fails
     */
    public static ReportPdf.Report render(String title, List<ReportPdf.Section> sections, Instant created,
                                OutputStream out) throws IOException {
        RenditionRequest.text("title", title);
        Objects.requireNonNull(created, "created");
        List<ReportPdf.Section> all = List.copyOf(sections);
        org.apache.fontbox.ttf.TrueTypeFont ttf = borrowFont();
        ReportPdf.Report report;
        try (PDDocument doc = new PDDocument()) {
            doc.getDocument().setVersion(1.7f);
            PDType0Font font = PDType0Font.load(doc, ttf, true); // does not close the font with the document
            Layout layout = new Layout(doc, font);
            layout.text(title, TITLE_SIZE, MARGIN, layout.width());
            layout.space(TITLE_SIZE * 0.6f);
            for (ReportPdf.Section section : all) {
                layout.space(HEADING_SIZE * 0.6f);
                layout.text(section.heading(), HEADING_SIZE, MARGIN, layout.width());
                layout.space(BODY_SIZE * 0.3f);
                for (ReportPdf.Row row : section.rows()) {
                    layout.row(row.label(), row.value());
                }
            }
            layout.close();

            new PdfAMetadata(title, created, null, null, null, null).applyTo(doc);
            doc.getDocument().setDocumentID(documentId(title, all, created));

            MessageDigest digest = PdfOutput.sha256();
            long[] size = {0};
            OutputStream hashing = new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    digest.update((byte) b);
                    size[0]++;
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    digest.update(b, off, len);
                    size[0] += len;
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the caller's stream stays open
                }
            };
            doc.save(hashing, CompressParameters.NO_COMPRESSION);
            hashing.flush();
            report = new ReportPdf.Report(size[0], HexFormat.of().formatHex(digest.digest()), doc.getNumberOfPages());
        }
        FONTS.offer(ttf); // only after a report that went through: a failure may leave it half read
        return report;
    }

    /** A document ID from the content, so that equal input gives equal files. */
    private static COSArray documentId(String title, List<ReportPdf.Section> sections, Instant created) {
        MessageDigest d = PdfOutput.sha256();
        d.update(title.getBytes(StandardCharsets.UTF_8));
        d.update(created.toString().getBytes(StandardCharsets.UTF_8));
        for (ReportPdf.Section s : sections) {
            d.update(("\u0000" + s.heading()).getBytes(StandardCharsets.UTF_8));
            for (ReportPdf.Row r : s.rows()) {
                d.update(("\u0001" + r.label() + "\u0002" + r.value()).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] id = Arrays.copyOf(d.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(id));
        array.add(new COSString(id));
        return array;
    }

    /** Places lines top to bottom, starting a new page when one is full. */
    private static final class Layout {
        private final PDDocument doc;
        private final PDType0Font font;
        private final Map<Integer, Boolean> glyphs = new HashMap<>();
        private final Map<Integer, Float> widths = new HashMap<>();
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument doc, PDType0Font font) {
            this.doc = doc;
            this.font = font;
        }

        float width() {
            return PDRectangle.A4.getWidth() - 2 * MARGIN;
        }

        void space(float points) {
            y -= points;
        }

        void row(String label, String value) throws IOException {
            float valueX = MARGIN + LABEL_WIDTH + GAP;
            float valueWidth = width() - LABEL_WIDTH - GAP;
            List<String> labels = wrap(clean(label), BODY_SIZE, LABEL_WIDTH);
            List<String> values = wrap(clean(value), BODY_SIZE, valueWidth);
            int lines = Math.max(labels.size(), values.size());
            float line = BODY_SIZE * LEADING;
            for (int i = 0; i < lines; i++) {
                ensure(line);
                y -= line;
                if (i < labels.size()) {
                    show(labels.get(i), BODY_SIZE, MARGIN);
                }
                if (i < values.size()) {
                    show(values.get(i), BODY_SIZE, valueX);
                }
            }
            y -= BODY_SIZE * 0.25f;
        }

        void text(String text, float size, float x, float width) throws IOException {
            for (String l : wrap(clean(text), size, width)) {
                ensure(size * LEADING);
                y -= size * LEADING;
                show(l, size, x);
            }
        }

        private void show(String s, float size, float x) throws IOException {
            if (s.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(s);
            content.endText();
        }

        private void ensure(float height) throws IOException {
            if (content == null || y - height < MARGIN) {
                close();
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                content = new PDPageContentStream(doc, page);
                y = PDRectangle.A4.getHeight() - MARGIN;
            }
        }

        void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }

        /** Replaces characters the font cannot show, and tabs, so that showText never fails. */
        private String clean(String s) throws IOException {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == '\n') {
                    b.append('\n');
                } else if (cp == '\r') {
                    continue;
                } else if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                    b.append(' ');
                } else if (hasGlyph(cp)) {
                    b.appendCodePoint(cp);
                } else {
                    b.append('?');
                }
            }
            return b.toString();
        }

        private boolean hasGlyph(int cp) {
            if (cp < GLYPH.length) {
                byte known = GLYPH[cp];
                if (known == 0) {
                    known = encodes(cp) ? (byte) 1 : (byte) 2;
                    GLYPH[cp] = known;
                }
                return known == 1;
            }
            return glyphs.computeIfAbsent(cp, this::encodes);
        }

        private boolean encodes(int cp) {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }

        /** A glyph's width in font units: PDFBox's getStringWidth walks the CMap on every call. */
        private float units(int cp) throws IOException {
            if (cp < WIDTH.length) {
                float w = WIDTH[cp];
                if (Float.isNaN(w)) {
                    w = font.getStringWidth(new String(Character.toChars(cp)));
                    WIDTH[cp] = w;
                }
                return w;
            }
            Float w = widths.get(cp);
            if (w == null) {
                w = font.getStringWidth(new String(Character.toChars(cp)));
                widths.put(cp, w);
            }
            return w;
        }

        /** The sum of the glyph widths, as getStringWidth computes it (PDFBox applies no kerning). */
        private float width(CharSequence s, float size) throws IOException {
            float units = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = Character.codePointAt(s, i);
                units += units(cp);
                i += Character.charCount(cp);
            }
            return units / 1000f * size;
        }

        /**
         * Breaks text into lines no wider than {@code width}: at spaces, or inside words too long
         * for a line. Each glyph's width is looked up once; line widths are summed as they grow.
         */
        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            float limit = width * 1000f / size; // in font units
            float space = units(' ');
            int from = 0;
            while (true) {
                int newline = text.indexOf('\n', from);
                int to = newline < 0 ? text.length() : newline;
                StringBuilder line = new StringBuilder();
                float lineUnits = 0;
                int i = from;
                while (i < to) {
                    if (text.charAt(i) == ' ') {
                        i++;
                        continue;
                    }
                    int end = i;
                    while (end < to && text.charAt(end) != ' ') {
                        end++;
                    }
                    float wordUnits = 0;
                    for (int k = i; k < end; ) {
                        int cp = text.codePointAt(k);
                        wordUnits += units(cp);
                        k += Character.charCount(cp);
                    }
                    if (line.length() > 0 && lineUnits + space + wordUnits <= limit) {
                        line.append(' ').append(text, i, end);
                        lineUnits += space + wordUnits;
                    } else if (line.length() == 0 && wordUnits <= limit) {
                        line.append(text, i, end);
                        lineUnits = wordUnits;
                    } else {
                        if (line.length() > 0) {
                            lines.add(line.toString());
                            line.setLength(0);
                        }
                        // the word alone: cut it where the next glyph would cross the width
                        int start = i;
                        float units = 0;
                        for (int k = i; k < end; ) {
                            int cp = text.codePointAt(k);
                            float w = units(cp);
                            if (units + w > limit && k > start) {
                                lines.add(text.substring(start, k));
                                start = k;
                                units = 0;
                            }
                            units += w;
                            k += Character.charCount(cp);
                        }
                        line.append(text, start, end);
                        lineUnits = units;
                    }
                    i = end;
                }
                lines.add(line.toString());
                if (newline < 0) {
                    return lines;
                }
                from = newline + 1;
            }
        }
    }
}
