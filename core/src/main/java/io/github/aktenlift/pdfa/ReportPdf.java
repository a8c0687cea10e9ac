package io.github.aktenlift.pdfa;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Writes a human-readable report, such as a scan protocol, as a PDF/A-2b: a title, then sections
 * of label–value rows laid out in two columns on A4 pages, values wrapped at word boundaries
 * (and inside words too long for a line, such as hashes). The font is Liberation Sans, which
 * PDFBox ships, embedded as a subset; characters it has no glyph for are written as {@code ?}.
 *
 * <p>PDFBox builds the document; the page content is written as text operators directly (one
 * text object per page, lines placed relative to each other), and the font subset is built once
 * per JVM for the characters reports commonly use instead of once per report (see
 * {@code ReportFont}): together several times cheaper than drawing line by line through
 * {@code PDPageContentStream} and subsetting on every save.
 *
 * <p>Metadata and output intent are those of every Aktenlift PDF/A (see {@link PdfARenderer}).
 * The creation time comes from the caller; equal input gives byte-identical files.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ReportPdf {

    private static final float MARGIN = 56.7f; // 20 mm
    private static final float TITLE_SIZE = 15f;
    private static final float HEADING_SIZE = 11.5f;
    private static final float BODY_SIZE = 9.5f;
    private static final float LEADING = 1.3f;
    private static final float LABEL_WIDTH = 165f;
    private static final float GAP = 10f;
    private static final COSName FONT_RESOURCE = COSName.getPDFName("F1");

    private ReportPdf() {
    }

    /**
     * One label–value line of a report; the value may be long and is wrapped.
     *
     * @param label what the value is, e.g. {@code "Scanner"}
     * @param value the value; line breaks in it are kept
     * @since 0.1
     */
    public record Row(String label, String value) {
        /** Validates the fields. */
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A headed group of rows.
     *
     * @param heading the section's heading
     * @param rows its rows, perhaps none
     * @since 0.1
     */
    public record Section(String heading, List<Row> rows) {
        /** Validates the fields and copies the list. */
        public Section {
            Objects.requireNonNull(heading, "heading");
            rows = List.copyOf(rows);
        }
    }

    /**
     * What was written.
     *
     * @param size length of the PDF in bytes
     * @param sha256 SHA-256 of the PDF, 64 lowercase hex digits
     * @param pages how many pages the report took
     * @since 0.1
     */
    public record Report(long size, String sha256, int pages) {
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
    public static Report render(String title, List<Section> sections, Instant created,
                                OutputStream out) throws IOException {
        RenditionRequest.text("title", title);
        Objects.requireNonNull(created, "created");
        List<Section> all = List.copyOf(sections);
        ReportFont font = ReportFont.get();
        Layout layout = new Layout(font);
        layout.text(title, TITLE_SIZE, MARGIN, layout.width());
        layout.space(TITLE_SIZE * 0.6f);
        for (Section section : all) {
            layout.space(HEADING_SIZE * 0.6f);
            layout.text(section.heading(), HEADING_SIZE, MARGIN, layout.width());
            layout.space(BODY_SIZE * 0.3f);
            for (Row row : section.rows()) {
                layout.row(row.label(), row.value());
            }
        }
        layout.close();

        try (PDDocument doc = new PDDocument()) {
            doc.getDocument().setVersion(1.7f);
            COSDictionary fonts = new COSDictionary();
            fonts.setItem(FONT_RESOURCE, font.embeddingFor(layout.used).fontDictionary(doc.getDocument()));
            COSDictionary resources = new COSDictionary();
            resources.setItem(COSName.FONT, fonts);
            for (byte[] content : layout.pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                page.getCOSObject().setItem(COSName.RESOURCES, resources);
                page.getCOSObject().setItem(COSName.CONTENTS, ReportFont.raw(doc.getDocument(), content));
                doc.addPage(page);
            }

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
            return new Report(size[0], HexFormat.of().formatHex(digest.digest()), doc.getNumberOfPages());
        }
    }

    /** A document ID from the content, so that equal input gives equal files. */
    private static COSArray documentId(String title, List<Section> sections, Instant created) {
        MessageDigest d = PdfOutput.sha256();
        d.update(title.getBytes(StandardCharsets.UTF_8));
        d.update(created.toString().getBytes(StandardCharsets.UTF_8));
        for (Section s : sections) {
            d.update((byte) 0);
            d.update(s.heading().getBytes(StandardCharsets.UTF_8));
            for (Row r : s.rows()) {
                d.update((byte) 1);
                d.update(r.label().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 2);
                d.update(r.value().getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] id = Arrays.copyOf(d.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(id));
        array.add(new COSString(id));
        return array;
    }

    /**
     * Places lines top to bottom, starting a new page when one is full, and writes each page's
     * text operators: one text object per page, the font size set when it changes, each line
     * moved to with {@code Td} relative to the one before, its glyphs as a hex string of two-byte
     * codes (the full font's glyph ids, see {@link ReportFont}). Positions are kept in
     * thousandths of a point, so that relative moves add up exactly.
     */
    private static final class Layout {
        private final ReportFont font;
        final BitSet used = new BitSet();
        final List<byte[]> pages = new ArrayList<>();
        private Ops content;
        private float y;
        private int size;
        private long x0;
        private long y0;

        Layout(ReportFont font) {
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

        private void show(String s, float fontSize, float x) {
            if (s.isEmpty()) {
                return;
            }
            int milli = Math.round(fontSize * 1000);
            if (milli != size) {
                content.ascii("/F1 ").number(milli).ascii(" Tf\n");
                size = milli;
            }
            long x1 = Math.round(x * 1000.0);
            long y1 = Math.round(y * 1000.0);
            content.number(x1 - x0).ascii(" ").number(y1 - y0).ascii(" Td <");
            x0 = x1;
            y0 = y1;
            content.room(4 * s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                int gid = font.glyph(cp); // clean() left only characters the font has
                used.set(gid);
                content.hex4(gid);
            }
            content.ascii("> Tj\n");
        }

        private void ensure(float height) {
            if (content == null || y - height < MARGIN) {
                close();
                content = new Ops();
                content.ascii("BT\n");
                size = 0;
                x0 = 0;
                y0 = 0;
                y = PDRectangle.A4.getHeight() - MARGIN;
            }
        }

        void close() {
            if (content != null) {
                content.ascii("ET\n");
                pages.add(content.deflated());
                content = null;
            }
        }

        /** Replaces characters the font cannot show, and tabs, so that every character has a glyph. */
        private String clean(String s) {
            if (plain(s)) {
                return s;
            }
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
                } else if (font.glyph(cp) != 0) {
                    b.appendCodePoint(cp);
                } else {
                    b.append('?');
                }
            }
            return b.toString();
        }

        /** Whether {@link #clean} would leave the text as it is: the common case, checked without copying. */
        private boolean plain(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != ' ' && (c < 0x21 || Character.isSurrogate(c) || Character.isWhitespace(c)
                        || Character.isISOControl(c) || font.glyph(c) == 0)) {
                    return false;
                }
            }
            return true;
        }

        /** A glyph's width in thousandths of an em, as the font dictionary's W array gives it. */
        private float units(int cp) {
            return font.width(font.glyph(cp));
        }

        /**
         * Breaks text into lines no wider than {@code width}: at spaces, or inside words too long
         * for a line. Each glyph's width is looked up once; line widths are summed as they grow.
         */
        private List<String> wrap(String text, float size, float width) {
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

    /** A growing buffer of content stream bytes, ASCII only. */
    private static final class Ops {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        private byte[] b = new byte[8192];
        private int n;

        void room(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        Ops ascii(String s) {
            room(s.length());
            for (int i = 0; i < s.length(); i++) {
                b[n++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** A number given in thousandths, written as a decimal with up to three places. */
        Ops number(long milli) {
            room(24);
            if (milli < 0) {
                b[n++] = '-';
                milli = -milli;
            }
            long whole = milli / 1000;
            int frac = (int) (milli % 1000);
            String w = Long.toString(whole);
            for (int i = 0; i < w.length(); i++) {
                b[n++] = (byte) w.charAt(i);
            }
            if (frac != 0) {
                b[n++] = '.';
                int digits = 3;
                while (frac % 10 == 0) {
                    frac /= 10;
                    digits--;
                }
                for (int d = digits - 1, p = pow10(d); d >= 0; d--, p /= 10) {
                    b[n++] = (byte) ('0' + frac / p % 10);
                }
            }
            return this;
        }

        private static int pow10(int d) {
            return d == 2 ? 100 : d == 1 ? 10 : 1;
        }

        /** Four hex digits; the caller made {@link #room} for them. */
        void hex4(int v) {
            b[n++] = HEX[(v >> 12) & 0xF];
            b[n++] = HEX[(v >> 8) & 0xF];
            b[n++] = HEX[(v >> 4) & 0xF];
            b[n++] = HEX[v & 0xF];
        }

        /** The content, Flate-compressed at the fastest level: hex glyph codes shrink to a third. */
        byte[] deflated() {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(b, 0, n);
                deflater.finish();
                byte[] out = new byte[n / 2 + 64];
                int len = 0;
                while (!deflater.finished()) {
                    if (len == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    len += deflater.deflate(out, len, out.length - len);
                }
                return Arrays.copyOf(out, len);
            } finally {
                deflater.end();
            }
        }
    }
}
