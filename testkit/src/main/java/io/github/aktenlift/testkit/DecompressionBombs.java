package io.github.aktenlift.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tiny files whose headers claim huge images. Written byte by byte, because no encoder will make
 * an image it would have to hold: a JPEG whose SOF0 says 60,000 × 60,000 and a G4 TIFF whose image
 * file directory says the same, each a few hundred bytes long and valid up to the point where a
 * decoder would run out of data.
 */
final class DecompressionBombs {

    private DecompressionBombs() {
    }

    static byte[] jpeg(int width, int height, int dpi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8); // SOI
        segment(out, 0xE0, new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 1,
            (byte) (dpi >> 8), (byte) dpi, (byte) (dpi >> 8), (byte) dpi, 0, 0});
        byte[] dqt = new byte[65]; // table 0, 8-bit precision, all ones
        java.util.Arrays.fill(dqt, 1, 65, (byte) 1);
        segment(out, 0xDB, dqt);
        segment(out, 0xC0, new byte[] {8, // baseline SOF0, 8 bits
            (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
            1, 1, 0x11, 0}); // one component, id 1, no subsampling, table 0
        // Huffman tables with a single 1-bit code each: DC category 0, AC end-of-block
        byte[] dc = new byte[1 + 16 + 1];
        dc[0] = 0x00;
        dc[1] = 1;
        segment(out, 0xC4, dc);
        byte[] ac = new byte[1 + 16 + 1];
        ac[0] = 0x10;
        ac[1] = 1;
        segment(out, 0xC4, ac);
        segment(out, 0xDA, new byte[] {1, 1, 0x00, 0, 63, 0});
        out.writeBytes(new byte[256]); // all-gray blocks, four per byte, far too few
        marker(out, 0xD9); // EOI
        return out.toByteArray();
    }

    static byte[] tiff(int width, int height, int dpi) {
        int entries = 12;
        int ifdOffset = 8;
        int rationals = ifdOffset + 2 + entries * 12 + 4;
        int data = rationals + 16;
        byte[] strip = new byte[64];
        java.util.Arrays.fill(strip, (byte) 0xff); // white rows: one vertical-mode bit per row
        ByteBuffer b = ByteBuffer.allocate(data + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        entry(b, 256, 4, width); // ImageWidth, LONG
        entry(b, 257, 4, height); // ImageLength
        entry(b, 258, 3, 1); // BitsPerSample, SHORT
        entry(b, 259, 3, 4); // Compression: CCITT T.6
        entry(b, 262, 3, 0); // PhotometricInterpretation: WhiteIsZero
        entry(b, 273, 4, data); // StripOffsets
        entry(b, 277, 3, 1); // SamplesPerPixel
        entry(b, 278, 4, height); // RowsPerStrip
        entry(b, 279, 4, strip.length); // StripByteCounts
        entry(b, 282, 5, rationals); // XResolution, RATIONAL at offset
        entry(b, 283, 5, rationals + 8); // YResolution
        entry(b, 296, 3, 2); // ResolutionUnit: inch
        b.putInt(0); // no next IFD
        b.putInt(dpi).putInt(1).putInt(dpi).putInt(1);
        b.put(strip);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    private static void marker(ByteArrayOutputStream out, int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        marker(out, marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(payload);
    }
}
