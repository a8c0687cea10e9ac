package io.github.aktenlift.pdfa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.HeaderTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The font of {@link ReportPdf}'s reports: Liberation Sans, which PDFBox ships, embedded as a
 * CIDFontType2 subset under Identity-H, built the way PDFBox's own subset embedding builds it
 * (character codes are the full font's glyph ids, a CIDToGIDMap stream maps them to the subset's,
 * a ToUnicode CMap maps them back to text), but without subsetting per document.
 *
 * <p>Every report embeds the same subset: the glyphs of a fixed repertoire (Basic Latin, Latin-1,
 * Latin Extended-A and the punctuation, arrows and signs that reports use), subset, compressed
 * and turned into its CMaps once per JVM. A report that uses a glyph outside the repertoire gets
 * the repertoire plus its extra glyphs, built for it (and kept for a few more such reports). The
 * font a report embeds depends only on the glyphs it uses, so equal reports stay byte-identical.
 *
 * <p>Thread-safe: the parsed font is only read under a lock, and only while a table or a subset
 * is being built; everything else is immutable once built.
 */
final class ReportFont {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /** The tables a TrueType font program in a PDF needs (those PDFBox keeps when it subsets). */
    private static final List<String> TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf",
            "hmtx", "fpgm", "gasp");
    private static final String BASE25 = "BCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Subsets for glyph sets beyond the repertoire, kept for reuse; cleared when full. */
    private static final int EXTRA_SUBSETS = 16;

    private static volatile ReportFont instance;
    private static volatile byte[] fontBytes;

    private final TrueTypeFont ttf; // read only under the lock of this object
    private final CmapLookup cmap;
    /** Glyph id per code point of the Basic Multilingual Plane, 0 for none. */
    private final char[] gidOfBmp = new char[0x10000];
    /** Advance width per glyph id, in thousandths of an em, rounded as PDFBox rounds them. */
    private final int[] width;
    private final int glyphs;
    private final String name;
    private final Descriptor descriptor;
    private final BitSet repertoire = new BitSet();
    private final Embedding standard;
    private final Map<BitSet, Embedding> extra = new ConcurrentHashMap<>();

    /** The font, parsed and its standard subset built on first use. */
    static ReportFont get() throws IOException {
        ReportFont f = instance;
        if (f == null) {
            synchronized (ReportFont.class) {
                f = instance;
                if (f == null) {
                    f = new ReportFont();
                    instance = f;
                }
            }
        }
        return f;
    }

    /** The font file as PDFBox ships it, read once. */
    static byte[] fontBytes() throws IOException {
        byte[] b = fontBytes;
        if (b == null) {
            try (InputStream in = org.apache.pdfbox.pdmodel.PDDocument.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("PDFBox no longer ships " + FONT);
                }
                b = in.readAllBytes();
            }
            fontBytes = b;
        }
        return b;
    }

    private ReportFont() throws IOException {
        ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes()));
        synchronized (this) {
            cmap = ttf.getUnicodeCmapLookup();
            glyphs = ttf.getNumberOfGlyphs();
            float scaling = 1000f / ttf.getHeader().getUnitsPerEm();
            width = new int[glyphs];
            for (int gid = 0; gid < glyphs; gid++) {
                width[gid] = Math.round(ttf.getHorizontalMetrics().getAdvanceWidth(gid) * scaling);
            }
            for (int cp = 0; cp < gidOfBmp.length; cp++) {
                int gid = cp >= 0xD800 && cp <= 0xDFFF ? 0 : cmap.getGlyphId(cp);
                gidOfBmp[cp] = (char) (gid > 0 && gid < glyphs ? gid : 0);
            }
            name = ttf.getName();
            descriptor = new Descriptor(ttf, scaling);
        }
        int[][] ranges = {
            {0x20, 0x7E}, {0xA0, 0xFF}, // Basic Latin, Latin-1
            {0x2010, 0x2027}, {0x2030, 0x203A}, {0x20AC, 0x20AC}, {0x2122, 0x2122}, // punctuation, €, ™
            {0x2190, 0x2195}, {0x2212, 0x2212}, {0x2713, 0x2713}, // arrows, minus sign
        };
        for (int[] r : ranges) {
            for (int cp = r[0]; cp <= r[1]; cp++) {
                int gid = gidOfBmp[cp];
                if (gid != 0) {
                    repertoire.set(gid);
                }
            }
        }
        standard = build(repertoire);
    }

    /**
     * @param codePoint a Unicode code point
     * @return the glyph id of the full font for it, or 0 if the font has none
     */
    int glyph(int codePoint) {
        if (codePoint >= 0 && codePoint < gidOfBmp.length) {
            return gidOfBmp[codePoint];
        }
        if (codePoint > Character.MAX_CODE_POINT) {
            return 0;
        }
        int gid;
        synchronized (this) {
            gid = cmap.getGlyphId(codePoint);
        }
        return gid > 0 && gid < glyphs ? gid : 0;
    }

    /** A glyph's advance width in thousandths of an em, as the font dictionary states it. */
    int width(int gid) {
        return width[gid];
    }

    /**
     * The embedding for a report that uses these glyphs: the standard one if they are all in the
     * repertoire.
     *
     * @param used glyph ids of the full font, none of them 0
     */
    Embedding embeddingFor(BitSet used) throws IOException {
        BitSet beyond = (BitSet) used.clone();
        beyond.andNot(repertoire);
        if (beyond.isEmpty()) {
            return standard;
        }
        BitSet all = (BitSet) repertoire.clone();
        all.or(used);
        Embedding e = extra.get(all);
        if (e == null) {
            e = build(all);
            if (extra.size() >= EXTRA_SUBSETS) {
                extra.clear();
            }
            extra.put(all, e);
        }
        return e;
    }

    /** Subsets the font to these glyphs and prepares what a document embeds, compressed. */
    private Embedding build(BitSet cids) throws IOException {
        Map<Integer, Integer> newToOld;
        byte[] program;
        List<int[]> unicode = new ArrayList<>();
        synchronized (this) {
            TTFSubsetter subsetter = new TTFSubsetter(ttf, TABLES);
            java.util.Set<Integer> ids = new java.util.TreeSet<>();
            cids.stream().forEach(ids::add);
            subsetter.addGlyphIds(ids);
            newToOld = subsetter.getGIDMap();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            subsetter.writeToStream(out);
            program = out.toByteArray();
            for (int cid = cids.nextSetBit(0); cid >= 0; cid = cids.nextSetBit(cid + 1)) {
                List<Integer> codes = cmap.getCharCodes(cid);
                if (codes != null && !codes.isEmpty()) {
                    unicode.add(new int[] {cid, codes.get(0)});
                }
            }
        }
        int maxCid = cids.length() - 1;
        byte[] cidToGid = new byte[2 * (maxCid + 1)];
        for (Map.Entry<Integer, Integer> e : newToOld.entrySet()) {
            int cid = e.getValue();
            if (cids.get(cid)) {
                cidToGid[2 * cid] = (byte) (e.getKey() >> 8);
                cidToGid[2 * cid + 1] = (byte) (int) e.getKey();
            }
        }
        String baseFont = tag(cids) + name;
        return new Embedding(baseFont, deflate(program), program.length, deflate(toUnicode(unicode)),
                deflate(cidToGid), widths(cids));
    }

    /** The W array's content: runs of consecutive CIDs with their widths, default width 1000 left out. */
    private int[][] widths(BitSet cids) {
        List<int[]> runs = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        int first = -1;
        int prev = Integer.MIN_VALUE;
        for (int cid = cids.nextSetBit(0); cid >= 0; cid = cids.nextSetBit(cid + 1)) {
            int w = width[cid];
            if (w == 1000) {
                continue;
            }
            if (prev != cid - 1 && !run.isEmpty()) {
                runs.add(runOf(first, run));
                run.clear();
            }
            if (run.isEmpty()) {
                first = cid;
            }
            run.add(w);
            prev = cid;
        }
        if (!run.isEmpty()) {
            runs.add(runOf(first, run));
        }
        return runs.toArray(new int[0][]);
    }

    private static int[] runOf(int first, List<Integer> widths) {
        int[] r = new int[widths.size() + 1];
        r[0] = first;
        for (int i = 0; i < widths.size(); i++) {
            r[i + 1] = widths.get(i);
        }
        return r;
    }

    /** A ToUnicode CMap from CID (two bytes) to UTF-16BE. */
    private static byte[] toUnicode(List<int[]> mappings) {
        StringBuilder b = new StringBuilder(256 + 20 * mappings.size());
        b.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        for (int i = 0; i < mappings.size(); i += 100) {
            int n = Math.min(100, mappings.size() - i);
            b.append(n).append(" beginbfchar\n");
            for (int[] m : mappings.subList(i, i + n)) {
                b.append('<').append(hex4(m[0])).append("> <");
                for (char c : Character.toChars(m[1])) {
                    b.append(hex4(c));
                }
                b.append(">\n");
            }
            b.append("endbfchar\n");
        }
        b.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex4(int v) {
        return String.format(Locale.ROOT, "%04X", v);
    }

    /** A subset tag of six capitals, derived from the glyph set (PDF 32000-1, 9.6.4). */
    private static String tag(BitSet cids) {
        long num = cids.hashCode() & 0xFFFFFFFFL;
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(BASE25.charAt((int) (num % 25)));
            num /= 25;
        } while (num != 0 && sb.length() < 6);
        while (sb.length() < 6) {
            sb.insert(0, 'A');
        }
        return sb.append('+').toString();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (OutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    /** The font descriptor's numbers, as PDFBox computes them for an embedded TrueType font. */
    private record Descriptor(int flags, float[] bbox, float italicAngle, float ascent, float descent,
                              float capHeight, float xHeight, float stemV, int weight) {
        Descriptor(TrueTypeFont ttf, float scaling) throws IOException {
            this(flags(ttf), bbox(ttf.getHeader(), scaling), ttf.getPostScript().getItalicAngle(),
                    ttf.getHorizontalHeader().getAscender() * scaling,
                    ttf.getHorizontalHeader().getDescender() * scaling,
                    capHeight(ttf.getOS2Windows(), scaling), xHeight(ttf.getOS2Windows(), scaling),
                    (ttf.getHeader().getXMax() - ttf.getHeader().getXMin()) * scaling * .13f,
                    ttf.getOS2Windows().getWeightClass());
        }

        private static int flags(TrueTypeFont ttf) throws IOException {
            int flags = 4; // symbolic, as PDFBox marks every embedded TrueType font
            if (ttf.getPostScript().getIsFixedPitch() > 0 || ttf.getHorizontalHeader().getNumberOfHMetrics() == 1) {
                flags |= 1;
            }
            OS2WindowsMetricsTable os2 = ttf.getOS2Windows();
            if ((os2.getFsSelection() & (1 | 512)) != 0) { // italic or oblique
                flags |= 64;
            }
            switch (os2.getFamilyClass()) {
                case OS2WindowsMetricsTable.FAMILY_CLASS_CLAREDON_SERIFS,
                        OS2WindowsMetricsTable.FAMILY_CLASS_FREEFORM_SERIFS,
                        OS2WindowsMetricsTable.FAMILY_CLASS_MODERN_SERIFS,
                        OS2WindowsMetricsTable.FAMILY_CLASS_OLDSTYLE_SERIFS,
                        OS2WindowsMetricsTable.FAMILY_CLASS_SLAB_SERIFS -> flags |= 2;
                case OS2WindowsMetricsTable.FAMILY_CLASS_SCRIPTS -> flags |= 8;
                default -> {
                    // sans serif and the rest: no flag
                }
            }
            return flags;
        }

        private static float[] bbox(HeaderTable h, float scaling) {
            return new float[] {h.getXMin() * scaling, h.getYMin() * scaling, h.getXMax() * scaling,
                h.getYMax() * scaling};
        }

        private static float capHeight(OS2WindowsMetricsTable os2, float scaling) {
            return os2.getVersion() >= 2 ? os2.getCapHeight() * scaling
                    : (os2.getTypoAscender() + os2.getTypoDescender()) * scaling;
        }

        private static float xHeight(OS2WindowsMetricsTable os2, float scaling) {
            return os2.getVersion() >= 2 ? os2.getHeight() * scaling : os2.getTypoAscender() / 2.0f * scaling;
        }
    }

    /**
     * What a document embeds for one glyph set: the subset program, its ToUnicode CMap and its
     * CIDToGIDMap, each already Flate-compressed, and the widths.
     */
    final class Embedding {
        private final String baseFont;
        private final byte[] program;
        private final int programLength;
        private final byte[] toUnicode;
        private final byte[] cidToGid;
        private final int[][] widths;

        private Embedding(String baseFont, byte[] program, int programLength, byte[] toUnicode, byte[] cidToGid,
                          int[][] widths) {
            this.baseFont = baseFont;
            this.program = program;
            this.programLength = programLength;
            this.toUnicode = toUnicode;
            this.cidToGid = cidToGid;
            this.widths = widths;
        }

        /** The Type0 font dictionary, with its descendant and streams, new in this document. */
        COSDictionary fontDictionary(COSDocument doc) throws IOException {
            COSName fontName = COSName.getPDFName(baseFont);
            COSDictionary fd = new COSDictionary();
            fd.setItem(COSName.TYPE, COSName.FONT_DESC);
            fd.setItem(COSName.FONT_NAME, fontName);
            fd.setInt(COSName.FLAGS, descriptor.flags());
            COSArray bbox = new COSArray();
            for (float v : descriptor.bbox()) {
                bbox.add(new COSFloat(v));
            }
            fd.setItem(COSName.FONT_BBOX, bbox);
            fd.setFloat(COSName.ITALIC_ANGLE, descriptor.italicAngle());
            fd.setFloat(COSName.ASCENT, descriptor.ascent());
            fd.setFloat(COSName.DESCENT, descriptor.descent());
            fd.setFloat(COSName.CAP_HEIGHT, descriptor.capHeight());
            fd.setFloat(COSName.XHEIGHT, descriptor.xHeight());
            fd.setFloat(COSName.STEM_V, descriptor.stemV());
            fd.setFloat(COSName.FONT_WEIGHT, descriptor.weight());
            COSStream file = raw(doc, program);
            file.setInt(COSName.LENGTH1, programLength);
            fd.setItem(COSName.FONT_FILE2, file);

            COSDictionary cid = new COSDictionary();
            cid.setItem(COSName.TYPE, COSName.FONT);
            cid.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
            cid.setItem(COSName.BASE_FONT, fontName);
            COSDictionary info = new COSDictionary();
            info.setString(COSName.REGISTRY, "Adobe");
            info.setString(COSName.ORDERING, "Identity");
            info.setInt(COSName.SUPPLEMENT, 0);
            cid.setItem(COSName.CIDSYSTEMINFO, info);
            cid.setItem(COSName.FONT_DESC, fd);
            COSArray w = new COSArray();
            for (int[] run : widths) {
                w.add(COSInteger.get(run[0]));
                COSArray ws = new COSArray();
                for (int i = 1; i < run.length; i++) {
                    ws.add(COSInteger.get(run[i]));
                }
                w.add(ws);
            }
            cid.setItem(COSName.W, w);
            cid.setItem(COSName.CID_TO_GID_MAP, raw(doc, cidToGid));

            COSDictionary font = new COSDictionary();
            font.setItem(COSName.TYPE, COSName.FONT);
            font.setItem(COSName.SUBTYPE, COSName.TYPE0);
            font.setItem(COSName.BASE_FONT, fontName);
            font.setItem(COSName.ENCODING, COSName.IDENTITY_H);
            COSArray descendants = new COSArray();
            descendants.add(cid);
            font.setItem(COSName.DESCENDANT_FONTS, descendants);
            font.setItem(COSName.TO_UNICODE, raw(doc, toUnicode));
            return font;
        }
    }

    /** A stream whose data is already Flate-compressed. */
    static COSStream raw(COSDocument doc, byte[] flated) throws IOException {
        COSStream s = doc.createCOSStream();
        s.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        try (OutputStream out = s.createRawOutputStream()) {
            out.write(flated);
        }
        return s;
    }

    /** Flate-compresses bytes once, for {@link #raw}. */
    static byte[] flate(byte[] data) throws IOException {
        return deflate(data);
    }
}
