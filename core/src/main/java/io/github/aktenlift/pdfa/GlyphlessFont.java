package io.github.aktenlift.pdfa;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TrueType font program with two glyphs, both empty: {@code .notdef} (glyph 0, never shown) and
 * one blank glyph (glyph 1) that every character of an invisible text layer is drawn with, the way
 * Tesseract's PDF renderer does it ("GlyphLessFont"). Its only job is to be embedded, as PDF/A asks
 * of every font, and to give each character an advance width; which character a code stands for
 * is said by the ToUnicode CMap ({@link TextLayer}), not by the font.
 *
 * <p>The program is built here, byte for byte, from the tables a TrueType font needs (head, hhea,
 * maxp, OS/2, hmtx, cmap, loca, glyf, name, post): no font file is shipped, and every JVM builds the
 * same bytes. Units per em 1000; both glyphs advance {@link #ADVANCE}.
 */
final class GlyphlessFont {

    /** Every glyph's advance width, in thousandths of the font size. */
    static final int ADVANCE = 500;
    static final int ASCENT = 800;
    static final int DESCENT = -200;
    static final String NAME = "AktenliftGlyphless";

    private static final byte[] PROGRAM = build();

    private GlyphlessFont() {
    }

    /** @return the font program (a copy) */
    static byte[] program() {
        return PROGRAM.clone();
    }

    private static byte[] build() {
        try {
            Map<String, byte[]> tables = new LinkedHashMap<>();
            // in the order of their tags' bytes, as the table directory lists them
            tables.put("OS/2", os2());
            tables.put("cmap", cmap());
            tables.put("glyf", new byte[0]);
            tables.put("head", head());
            tables.put("hhea", hhea());
            tables.put("hmtx", table(d -> {
                d.writeShort(ADVANCE);
                d.writeShort(0);
                d.writeShort(ADVANCE);
                d.writeShort(0);
            }));
            tables.put("loca", table(d -> {
                d.writeShort(0); // short offsets (head.indexToLocFormat 0): both glyphs empty
                d.writeShort(0);
                d.writeShort(0);
            }));
            tables.put("maxp", maxp());
            tables.put("name", name());
            tables.put("post", table(d -> {
                d.writeInt(0x00020000); // format 2: glyph names from the standard Macintosh set
                d.writeInt(0);
                d.writeShort(-100);
                d.writeShort(50);
                d.writeInt(1); // fixed pitch
                d.writeInt(0);
                d.writeInt(0);
                d.writeInt(0);
                d.writeInt(0);
                d.writeShort(2);
                d.writeShort(0); // .notdef
                d.writeShort(3); // space
            }));
            int n = tables.size();
            int offset = 12 + 16 * n;
            ByteArrayOutputStream font = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(font);
            d.writeInt(0x00010000);
            d.writeShort(n);
            int pow = Integer.highestOneBit(n);
            d.writeShort(pow * 16);
            d.writeShort(Integer.numberOfTrailingZeros(pow));
            d.writeShort(n * 16 - pow * 16);
            for (Map.Entry<String, byte[]> t : tables.entrySet()) {
                d.write(t.getKey().getBytes(StandardCharsets.US_ASCII));
                d.writeInt((int) checksum(t.getValue()));
                d.writeInt(offset);
                d.writeInt(t.getValue().length);
                offset += (t.getValue().length + 3) & ~3;
            }
            int headOffset = -1;
            for (Map.Entry<String, byte[]> t : tables.entrySet()) {
                if (t.getKey().equals("head")) {
                    headOffset = font.size();
                }
                d.write(t.getValue());
                d.write(new byte[((t.getValue().length + 3) & ~3) - t.getValue().length]);
            }
            byte[] bytes = font.toByteArray();
            long adjustment = (0xB1B0AFBAL - checksum(bytes)) & 0xFFFFFFFFL;
            bytes[headOffset + 8] = (byte) (adjustment >> 24);
            bytes[headOffset + 9] = (byte) (adjustment >> 16);
            bytes[headOffset + 10] = (byte) (adjustment >> 8);
            bytes[headOffset + 11] = (byte) adjustment;
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    private static byte[] head() throws IOException {
        return table(d -> {
            d.writeInt(0x00010000);
            d.writeInt(0x00010000); // font revision 1.0
            d.writeInt(0); // checksum adjustment, set once the whole font is known
            d.writeInt(0x5F0F3CF5);
            d.writeShort(0x000B); // baseline at y 0, left sidebearing at x 0, integer scaling
            d.writeShort(1000);
            d.writeLong(0); // created and modified: none, so that every build gives the same bytes
            d.writeLong(0);
            d.writeShort(0);
            d.writeShort(DESCENT);
            d.writeShort(ADVANCE);
            d.writeShort(ASCENT);
            d.writeShort(0);
            d.writeShort(3);
            d.writeShort(2);
            d.writeShort(0);
            d.writeShort(0);
        });
    }

    private static byte[] hhea() throws IOException {
        return table(d -> {
            d.writeInt(0x00010000);
            d.writeShort(ASCENT);
            d.writeShort(DESCENT);
            d.writeShort(0);
            d.writeShort(ADVANCE);
            d.writeShort(0);
            d.writeShort(0);
            d.writeShort(0);
            d.writeShort(1);
            d.writeShort(0);
            d.writeShort(0);
            for (int i = 0; i < 4; i++) {
                d.writeShort(0);
            }
            d.writeShort(0);
            d.writeShort(2); // metrics for both glyphs
        });
    }

    private static byte[] maxp() throws IOException {
        return table(d -> {
            d.writeInt(0x00010000);
            d.writeShort(2);
            for (int i = 0; i < 4; i++) {
                d.writeShort(0);
            }
            d.writeShort(1); // zones
            for (int i = 0; i < 8; i++) {
                d.writeShort(0);
            }
        });
    }

    private static byte[] os2() throws IOException {
        return table(d -> {
            d.writeShort(3);
            d.writeShort(ADVANCE);
            d.writeShort(400);
            d.writeShort(5);
            d.writeShort(0); // installable embedding
            for (int i = 0; i < 10; i++) {
                d.writeShort(0); // sub- and superscript, strikeout
            }
            d.writeShort(0);
            d.write(new byte[10]); // PANOSE
            d.write(new byte[16]); // Unicode ranges
            d.write("AKTL".getBytes(StandardCharsets.US_ASCII));
            d.writeShort(0x40); // regular
            d.writeShort(0x20);
            d.writeShort(0xFFFF);
            d.writeShort(ASCENT);
            d.writeShort(DESCENT);
            d.writeShort(0);
            d.writeShort(ASCENT);
            d.writeShort(-DESCENT);
            d.writeInt(1); // code page 1252
            d.writeInt(0);
            d.writeShort(0);
            d.writeShort(0);
            d.writeShort(0);
            d.writeShort(0x20);
            d.writeShort(1);
        });
    }

    /**
     * A Windows Unicode cmap that maps the space to the blank glyph, for tools that look a font's
     * characters up; the renditions find glyphs by CID, not through it.
     */
    private static byte[] cmap() throws IOException {
        return table(d -> {
            d.writeShort(0);
            d.writeShort(1);
            d.writeShort(3);
            d.writeShort(1);
            d.writeInt(12);
            d.writeShort(4);
            d.writeShort(32);
            d.writeShort(0);
            d.writeShort(4); // two segments: the space, and the end
            d.writeShort(4);
            d.writeShort(1);
            d.writeShort(0);
            d.writeShort(0x20);
            d.writeShort(0xFFFF);
            d.writeShort(0);
            d.writeShort(0x20);
            d.writeShort(0xFFFF);
            d.writeShort(1 - 0x20);
            d.writeShort(1);
            d.writeShort(0);
            d.writeShort(0);
        });
    }

    private static byte[] name() throws IOException {
        String[][] names = {{"1", NAME}, {"2", "Regular"}, {"3", NAME}, {"4", NAME}, {"5", "Version 1.0"},
                {"6", NAME}};
        return table(d -> {
            d.writeShort(0);
            d.writeShort(names.length);
            d.writeShort(6 + 12 * names.length);
            int at = 0;
            for (String[] n : names) {
                int length = n[1].length() * 2;
                d.writeShort(3);
                d.writeShort(1);
                d.writeShort(0x409);
                d.writeShort(Integer.parseInt(n[0]));
                d.writeShort(length);
                d.writeShort(at);
                at += length;
            }
            for (String[] n : names) {
                d.write(n[1].getBytes(StandardCharsets.UTF_16BE));
            }
        });
    }

    private static long checksum(byte[] b) {
        long sum = 0;
        for (int i = 0; i < b.length; i += 4) {
            long word = 0;
            for (int j = 0; j < 4; j++) {
                word = (word << 8) | (i + j < b.length ? b[i + j] & 0xFF : 0);
            }
            sum = (sum + word) & 0xFFFFFFFFL;
        }
        return sum;
    }

    private static byte[] table(Writer w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        w.write(new DataOutputStream(b));
        return b.toByteArray();
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream d) throws IOException;
    }
}
