package io.github.aktenlift.pdfa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.aktenlift.textlayer.PageText;

/**
 * The invisible text layer of one rendition: each word of a page's {@link PageText} shown in text
 * render mode 3 (neither filled nor stroked) with the {@link GlyphlessFont}, at the word's box on
 * the image, scaled horizontally so that it spans the box; a space follows each word but a line's
 * last, so that text extraction separates words without guessing from gaps.
 *
 * <p>Characters get their codes (two-byte CIDs under Identity-H) in the order the document first
 * uses them, from 1; every code shows the font's one blank glyph (CIDToGIDMap), never
 * {@code .notdef}, and the ToUnicode CMap written with the font maps each code back to its
 * character, supplementary ones included: what PDF/A-2u asks. The font objects are written once,
 * after the last page, when the document's characters are known.
 *
 * <p>Not thread-safe; one instance per rendition.
 */
final class TextLayer {

    private final Map<Integer, Integer> cids = new LinkedHashMap<>();
    private int font;

    /**
     * The content-stream operators that place a page's words, or {@code ""} for a page without any.
     *
     * @param pdf the writer, for the font's object number on first use
     * @param text the page's words in image pixels
     * @param dpiX the page's horizontal resolution
     * @param dpiY its vertical resolution
     */
    String page(PdfOutput pdf, PageText text, double dpiX, double dpiY) {
        if (text.wordCount() == 0) {
            return "";
        }
        if (font == 0) {
            font = pdf.allocate();
        }
        double sx = 72 / dpiX;
        double sy = 72 / dpiY;
        StringBuilder ops = new StringBuilder(64 + 80 * text.wordCount());
        ops.append(" BT 3 Tr");
        for (PageText.Line logical : text.lines()) {
            // in the order they stand on the page, as text extraction expects: it turns visual order
            // back into reading order by the Unicode bidirectional algorithm
            List<PageText.Word> words = new ArrayList<>(logical.words());
            words.sort(Comparator.comparingDouble(PageText.Word::left));
            for (int i = 0; i < words.size(); i++) {
                PageText.Word w = words.get(i);
                double size = (w.bottom() - w.top()) * sy;
                double width = (w.right() - w.left()) * sx;
                int glyphs = w.text().codePointCount(0, w.text().length());
                double scale = 100 * width / (glyphs * size * GlyphlessFont.ADVANCE / 1000.0);
                ops.append(" /F0 ").append(PdfOutput.number(size)).append(" Tf ")
                        .append(PdfOutput.number(scale)).append(" Tz 1 0 0 1 ")
                        .append(PdfOutput.number(w.left() * sx)).append(' ')
                        .append(PdfOutput.number((text.height() - w.baseline()) * sy)).append(" Tm <");
                visual(w.text()).codePoints().forEach(c -> hex(ops, cid(c)));
                if (i < words.size() - 1) {
                    hex(ops, cid(' '));
                }
                ops.append("> Tj");
            }
        }
        return ops.append(" ET").toString();
    }

    /** @return the Type0 font's object number, 0 while no word was placed */
    int font() {
        return font;
    }

    /** Writes the font objects, if any word was placed. */
    void finish(PdfOutput pdf) throws IOException {
        if (font == 0) {
            return;
        }
        int cidFont = pdf.allocate();
        int descriptor = pdf.allocate();
        int program = pdf.allocate();
        int toUnicode = pdf.allocate();
        int cidToGid = pdf.allocate();
        String name = "/" + GlyphlessFont.NAME;
        pdf.object(font, "<< /Type /Font /Subtype /Type0 /BaseFont " + name + " /Encoding /Identity-H"
                + " /DescendantFonts [" + cidFont + " 0 R] /ToUnicode " + toUnicode + " 0 R >>");
        pdf.object(cidFont, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + name
                + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                + " /FontDescriptor " + descriptor + " 0 R /DW " + GlyphlessFont.ADVANCE
                + " /CIDToGIDMap " + cidToGid + " 0 R >>");
        pdf.object(descriptor, "<< /Type /FontDescriptor /FontName " + name + " /Flags 4 /FontBBox [0 "
                + GlyphlessFont.DESCENT + " " + GlyphlessFont.ADVANCE + " " + GlyphlessFont.ASCENT
                + "] /ItalicAngle 0 /Ascent " + GlyphlessFont.ASCENT + " /Descent " + GlyphlessFont.DESCENT
                + " /CapHeight " + GlyphlessFont.ASCENT + " /StemV 80 /FontFile2 " + program + " 0 R >>");
        byte[] ttf = GlyphlessFont.program();
        pdf.stream(program, " /Length1 " + ttf.length, ttf);
        pdf.stream(toUnicode, "", toUnicode().getBytes(StandardCharsets.US_ASCII));
        byte[] map = new byte[2 * (cids.size() + 1)];
        for (int c = 1; c <= cids.size(); c++) {
            map[2 * c + 1] = 1; // every code shows glyph 1; code 0 is never used
        }
        pdf.stream(cidToGid, "", map);
    }

    private String toUnicode() {
        StringBuilder b = new StringBuilder(512 + 24 * cids.size());
        b.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        Map.Entry<?, ?>[] entries = cids.entrySet().toArray(new Map.Entry<?, ?>[0]);
        for (int from = 0; from < entries.length; from += 100) {
            int to = Math.min(entries.length, from + 100);
            b.append(to - from).append(" beginbfchar\n");
            for (int i = from; i < to; i++) {
                b.append('<');
                hex(b, (Integer) entries[i].getValue());
                b.append("> <");
                for (char c : Character.toChars((Integer) entries[i].getKey())) {
                    hex(b, c);
                }
                b.append(">\n");
            }
            b.append("endbfchar\n");
        }
        return b.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
    }

    /** A word's characters in the order they stand on the page: right-to-left runs reversed. */
    static String visual(String word) {
        if (!Bidi.requiresBidi(word.toCharArray(), 0, word.length())) {
            return word;
        }
        Bidi bidi = new Bidi(word, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        int runs = bidi.getRunCount();
        byte[] levels = new byte[runs];
        String[] parts = new String[runs];
        for (int r = 0; r < runs; r++) {
            levels[r] = (byte) bidi.getRunLevel(r);
            String part = word.substring(bidi.getRunStart(r), bidi.getRunLimit(r));
            parts[r] = (levels[r] & 1) == 1 ? new StringBuilder(part).reverse().toString() : part;
        }
        Bidi.reorderVisually(levels, 0, parts, 0, runs);
        return String.join("", parts);
    }

    private int cid(int codePoint) {
        Integer c = cids.get(codePoint);
        if (c == null) {
            if (cids.size() >= 0xFFFE) {
                throw new IllegalStateException("more than 65534 different characters in one rendition");
            }
            c = cids.size() + 1;
            cids.put(codePoint, c);
        }
        return c;
    }

    private static void hex(StringBuilder b, int value) {
        String h = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        b.append("0000", 0, 4 - h.length()).append(h);
    }
}
