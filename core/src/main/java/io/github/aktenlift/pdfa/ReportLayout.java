package io.github.aktenlift.pdfa;

import io.github.aktenlift.pdfa.ReportPdf.Row;
import io.github.aktenlift.pdfa.ReportPdf.Section;
import io.github.aktenlift.pdfa.ReportPdf.Signatures;
import io.github.aktenlift.pdfa.ReportPdf.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Places lines top to bottom, starting a new page when one is full, and writes each page's
 * text operators: one text object per page, the font size set when it changes, each line
 * moved to with {@code Td} relative to the one before, its glyphs as a hex string of two-byte
 * codes (the full font's glyph ids, see {@link ReportFont}). Positions are kept in
 * thousandths of a point, so that relative moves add up exactly.
 */
final class ReportLayout {
    static final float MARGIN = 56.7f; // 20 mm
    static final float TITLE_SIZE = 15f;
    static final float HEADING_SIZE = 11.5f;
    static final float BODY_SIZE = 9.5f;
    private static final float LEADING = 1.3f;
    private static final float LABEL_WIDTH = 165f;
    private static final float GAP = 10f;
    private static final float SMALL_SIZE = 8f;
    private static final float CELL_PAD = 4f;
    private final ReportFont font;
    /** The header of every page, or {@code null} for plain reports (no header, no page numbers). */
    private final String header;
    final BitSet used = new BitSet();
    final List<ContentOps> pages = new ArrayList<>();
    private ContentOps content;
    private ContentOps drawing;
    private float y;
    private int size;
    private long x0;
    private long y0;
    /** The table whose column heads are repeated on a new page, while one is being laid out. */
    private Runnable onNewPage;

    ReportLayout(ReportFont font, String header) {
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
            ContentOps page = pages.get(i);
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
    private void standalone(ContentOps page, String s, float fontSize, float x, float at) {
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
            content = new ContentOps();
            drawing = new ContentOps();
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
