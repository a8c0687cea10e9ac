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
    public record Section(String heading, List<Row> rows) implements Block {
        /** Validates the fields and copies the list. */
        public Section {
            Objects.requireNonNull(heading, "heading");
            rows = List.copyOf(rows);
        }
    }

    /**
     * A part of a {@linkplain Document document}: a section of label–value rows, a table, or
     * signature lines.
     *
     * @since 0.2
     */
    public sealed interface Block permits Section, Table, Signatures {
    }

    /**
     * A table with column heads, repeated at the top of every page it runs onto; cells wrap.
     *
     * @param heading the table's heading
     * @param columns the column heads
     * @param widths the columns' relative widths, one per column
     * @param rows the rows, each with one cell per column
     * @since 0.2
     */
    public record Table(String heading, List<String> columns, List<Float> widths, List<List<String>> rows) implements Block {
        /** Validates the fields and copies the lists. */
        public Table {
            Objects.requireNonNull(heading, "heading");
            columns = List.copyOf(columns);
            widths = List.copyOf(widths);
            if (columns.isEmpty() || widths.size() != columns.size()) {
                throw new IllegalArgumentException("a table needs a width per column");
            }
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (List<String> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("a row has " + r.size() + " cells, the table " + columns.size() + " columns");
                }
                copy.add(List.copyOf(r));
            }
            rows = List.copyOf(copy);
        }
    }

    /**
     * Lines for the people who sign the paper form of a report: for each role a line to sign on,
     * with the role and "Name, Datum / name, date" below it, two to a row.
     *
     * @param heading the block's heading
     * @param roles the roles that sign, for example "Aufgestellt von / Drawn up by"
     * @since 0.2
     */
    public record Signatures(String heading, List<String> roles) implements Block {
        /** Validates the fields and copies the list. */
        public Signatures {
            Objects.requireNonNull(heading, "heading");
            roles = List.copyOf(roles);
        }
    }

    /**
     * A report laid out as a document: every page with the office and date in its header and
     * "Seite i von n" in its footer.
     *
     * @param title the report's title, also its dc:title
     * @param office the office the report is for, printed in every page's header
     * @param created when the report is made, from the caller's clock; printed in the header
     * @param blocks the sections, tables and signature lines in order
     * @since 0.2
     */
    public record Document(String title, String office, Instant created, List<Block> blocks) {
        /** Validates the fields and copies the list. */
        public Document {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(office, "office");
            Objects.requireNonNull(created, "created");
            blocks = List.copyOf(blocks);
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
        Layout layout = new Layout(font, null);
        layout.text(title, TITLE_SIZE, MARGIN, layout.width());
        layout.space(TITLE_SIZE * 0.6f);
        for (Section section : all) {
            layout.section(section);
        }
        layout.close();
        return save(title, created, font, layout, documentId(title, all, created), out);
    }

    /**
     * Writes a report laid out as a document: header with office and date, "Seite i von n" in the
     * footer, sections, tables with column heads (repeated on every page a table runs onto) and
     * signature lines.
     *
     * @param d the document
     * @param out where the PDF goes; flushed, not closed
     * @return length, SHA-256 and page count of what was written
     * @throws IOException if {@code out} fails
     * @since 0.2
     */
    public static Report render(Document d, OutputStream out) throws IOException {
        RenditionRequest.text("title", d.title());
        ReportFont font = ReportFont.get();
        Layout layout = new Layout(font, d.office() + "  ·  " + d.created().toString().substring(0, 10));
        layout.text(d.title(), TITLE_SIZE, MARGIN, layout.width());
        layout.space(TITLE_SIZE * 0.6f);
        MessageDigest id = PdfOutput.sha256();
        id.update(d.title().getBytes(StandardCharsets.UTF_8));
        id.update(d.office().getBytes(StandardCharsets.UTF_8));
        id.update(d.created().toString().getBytes(StandardCharsets.UTF_8));
        for (Block b : d.blocks()) {
            id.update(b.toString().getBytes(StandardCharsets.UTF_8));
            if (b instanceof Section section) {
                layout.section(section);
            } else if (b instanceof Table table) {
                layout.table(table);
            } else if (b instanceof Signatures signatures) {
                layout.signatures(signatures);
            }
        }
        layout.close();
        layout.decorate();
        byte[] raw = Arrays.copyOf(id.digest(), 16);
        COSArray array = new COSArray();
        array.add(new COSString(raw));
        array.add(new COSString(raw));
        return save(d.title(), d.created(), font, layout, array, out);
    }

    private static Report save(String title, Instant created, ReportFont font, Layout layout, COSArray documentId,
            OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.getDocument().setVersion(1.7f);
            COSDictionary fonts = new COSDictionary();
            fonts.setItem(FONT_RESOURCE, font.embeddingFor(layout.used).fontDictionary(doc.getDocument()));
            COSDictionary resources = new COSDictionary();
            resources.setItem(COSName.FONT, fonts);
            for (Ops content : layout.pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                page.getCOSObject().setItem(COSName.RESOURCES, resources);
                page.getCOSObject().setItem(COSName.CONTENTS, ReportFont.raw(doc.getDocument(), content.deflated()));
                doc.addPage(page);
            }

            new PdfAMetadata(title, created, null, null, null, null).applyTo(doc);
            doc.getDocument().setDocumentID(documentId);

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
        private static final float SMALL_SIZE = 8f;
        private static final float CELL_PAD = 4f;
        private final ReportFont font;
        /** The header of every page, or {@code null} for plain reports (no header, no page numbers). */
        private final String header;
        final BitSet used = new BitSet();
        final List<Ops> pages = new ArrayList<>();
        /** Per page, the rules drawn after its text object: table lines and signature lines. */
        private final List<Ops> drawings = new ArrayList<>();
        private Ops content;
        private Ops drawing;
        private float y;
        private int size;
        private long x0;
        private long y0;
        /** The table whose column heads are repeated on a new page, while one is being laid out. */
        private Runnable onNewPage;

        Layout(ReportFont font, String header) {
            this.font = font;
            this.header = header;
        }

        void section(Section section) throws IOException {
            space(HEADING_SIZE * 0.6f);
            text(section.heading(), HEADING_SIZE, MARGIN, width());
            space(BODY_SIZE * 0.3f);
            for (Row row : section.rows()) {
                row(row.label(), row.value());
            }
        }

        void table(Table t) throws IOException {
            space(HEADING_SIZE * 0.6f);
            text(t.heading(), HEADING_SIZE, MARGIN, width());
            space(BODY_SIZE * 0.3f);
            float total = 0;
            for (float w : t.widths()) {
                total += w;
            }
            float[] x = new float[t.columns().size() + 1];
            x[0] = MARGIN;
            for (int i = 0; i < t.columns().size(); i++) {
                x[i + 1] = x[i] + width() * t.widths().get(i) / total;
            }
            Runnable heads = () -> {
                try {
                    cells(t.columns(), x, 0.8f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            float line = BODY_SIZE * LEADING;
            ensure(3 * line);
            heads.run();
            onNewPage = heads;
            try {
                for (List<String> row : t.rows()) {
                    cells(row, x, 0.3f);
                }
            } finally {
                onNewPage = null;
            }
        }

        /** One table row: each cell wrapped in its column, a rule below; a row never splits across pages. */
        private void cells(List<String> cells, float[] x, float rule) throws IOException {
            float line = BODY_SIZE * LEADING;
            List<List<String>> wrapped = new ArrayList<>(cells.size());
            int lines = 1;
            for (int i = 0; i < cells.size(); i++) {
                List<String> w = wrap(clean(cells.get(i)), BODY_SIZE, x[i + 1] - x[i] - 2 * CELL_PAD);
                wrapped.add(w);
                lines = Math.max(lines, w.size());
            }
            float height = lines * line + BODY_SIZE * 0.5f;
            if (content == null || y - height < MARGIN + footerSpace()) {
                ensure(Float.MAX_VALUE); // a new page; its column heads first
                if (onNewPage != null && rule < 0.5f) {
                    onNewPage.run();
                }
            }
            float top = y;
            for (int l = 0; l < lines; l++) {
                y -= line;
                for (int i = 0; i < cells.size(); i++) {
                    if (l < wrapped.get(i).size()) {
                        show(wrapped.get(i).get(l), BODY_SIZE, x[i] + CELL_PAD);
                    }
                }
            }
            y = top - height;
            rule(x[0], y + BODY_SIZE * 0.2f, x[x.length - 1], rule);
        }

        void signatures(Signatures s) throws IOException {
            space(HEADING_SIZE * 0.6f);
            text(s.heading(), HEADING_SIZE, MARGIN, width());
            float column = (width() - 2 * GAP) / 2;
            for (int i = 0; i < s.roles().size(); i += 2) {
                float block = 36f + 2 * SMALL_SIZE * LEADING + 6f;
                if (content == null || y - block < MARGIN + footerSpace()) {
                    ensure(Float.MAX_VALUE);
                }
                y -= 36f; // room to sign
                float lineY = y;
                for (int k = i; k < Math.min(i + 2, s.roles().size()); k++) {
                    float x = MARGIN + (k - i) * (column + 2 * GAP);
                    rule(x, lineY, x + column, 0.6f);
                }
                y -= SMALL_SIZE * LEADING;
                for (int k = i; k < Math.min(i + 2, s.roles().size()); k++) {
                    show(clean(s.roles().get(k)), SMALL_SIZE, MARGIN + (k - i) * (column + 2 * GAP));
                }
                y -= SMALL_SIZE * LEADING;
                for (int k = i; k < Math.min(i + 2, s.roles().size()); k++) {
                    show("Name, Datum, Unterschrift / name, date, signature", SMALL_SIZE, MARGIN + (k - i) * (column + 2 * GAP));
                }
                y -= 6f;
            }
        }

        /** A horizontal rule on the current page, drawn after its text. */
        private void rule(float from, float at, float to, float width) {
            drawing.number(Math.round(width * 1000)).ascii(" w ")
                    .number(Math.round(from * 1000)).ascii(" ").number(Math.round(at * 1000)).ascii(" m ")
                    .number(Math.round(to * 1000)).ascii(" ").number(Math.round(at * 1000)).ascii(" l S\n");
        }

        private float footerSpace() {
            return header == null ? 0 : 2 * SMALL_SIZE;
        }

        /**
         * Adds the header (office and date, a rule below) and the footer ("Seite i von n") to every
         * page, and the page's rules; for documents only.
         */
        void decorate() {
            int n = pages.size();
            float top = PDRectangle.A4.getHeight() - MARGIN + SMALL_SIZE * 1.5f;
            for (int i = 0; i < n; i++) {
                Ops page = pages.get(i);
                String footer = "Seite " + (i + 1) + " von " + n + " / page " + (i + 1) + " of " + n;
                page.ascii("BT\n");
                standalone(page, clean(header), SMALL_SIZE, MARGIN, top);
                standalone(page, footer, SMALL_SIZE, MARGIN + width() - textWidth(footer, SMALL_SIZE), MARGIN - SMALL_SIZE * 2);
                page.ascii("ET\n");
                page.ascii("0.5 G\n");
                page.number(Math.round(0.4f * 1000)).ascii(" w ").number(Math.round(MARGIN * 1000)).ascii(" ")
                        .number(Math.round((top - 3) * 1000)).ascii(" m ").number(Math.round((MARGIN + width()) * 1000))
                        .ascii(" ").number(Math.round((top - 3) * 1000)).ascii(" l S\n");
            }
        }

        /** A line of text at an absolute position, in its own text object. */
        private void standalone(Ops page, String s, float fontSize, float x, float at) {
            page.ascii("/F1 ").number(Math.round(fontSize * 1000)).ascii(" Tf 1 0 0 1 ").number(Math.round(x * 1000))
                    .ascii(" ").number(Math.round(at * 1000)).ascii(" Tm <");
            page.room(4 * s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                int gid = font.glyph(cp);
                used.set(gid);
                page.hex4(gid);
            }
            page.ascii("> Tj\n");
        }

        private float textWidth(String s, float fontSize) {
            float units = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                units += units(cp);
                i += Character.charCount(cp);
            }
            return units * fontSize / 1000f;
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
            if (content == null || y - height < MARGIN + footerSpace()) {
                close();
                content = new Ops();
                drawing = new Ops();
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
                if (drawing.n > 0) {
                    content.ascii("0.5 G\n");
                    content.append(drawing);
                }
                pages.add(content);
                content = null;
                drawing = null;
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

        void append(Ops other) {
            room(other.n);
            System.arraycopy(other.b, 0, b, n, other.n);
            n += other.n;
        }

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
