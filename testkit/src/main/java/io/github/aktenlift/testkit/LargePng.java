package io.github.aktenlift.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.apiguardian.api.API;

/**
 * White PNG pages of any size and sample depth, written without holding the image: for tests of
 * what a reader does with images that are small on disk and huge decoded (a 16-bit RGBA page of
 * 10,000 × 10,000 pixels is under a megabyte here and 800 MB decoded). Rows are streamed through
 * the deflater; only the compressed data (about a thousandth of the raw size) is kept, for the
 * IDAT chunk. The file is a valid PNG with a {@code pHYs} chunk giving the resolution.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LargePng {

    private LargePng() {
    }

    /** PNG colour types. */
    public enum ColourType {
        /** One gray sample a pixel. */
        GRAY(0, 1),
        /** Red, green, blue. */
        RGB(2, 3),
        /** Gray and alpha. */
        GRAY_ALPHA(4, 2),
        /** Red, green, blue and alpha. */
        RGBA(6, 4);

        private final int code;
        private final int samples;

        ColourType(int code, int samples) {
            this.code = code;
            this.samples = samples;
        }
    }

    /**
     * Writes a white page.
     *
     * @param file where; replaced if it exists
     * @param width pixels, at least 1
     * @param height pixels, at least 1
     * @param colour the colour type
     * @param bitDepth 8 or 16
     * @param dpi the resolution recorded in {@code pHYs}
     * @return the file
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path write(Path file, int width, int height, ColourType colour, int bitDepth, int dpi) {
        if (width < 1 || height < 1 || (bitDepth != 8 && bitDepth != 16) || dpi < 1) {
            throw new IllegalArgumentException("width and height at least 1, bit depth 8 or 16, dpi at least 1");
        }
        byte[] row = new byte[Math.toIntExact(1 + (long) width * colour.samples * bitDepth / 8)];
        Arrays.fill(row, (byte) 0xFF);
        row[0] = 0; // filter type: none
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (OutputStream z = new DeflaterOutputStream(idat, new java.util.zip.Deflater(), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            }
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
                ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
                DataOutputStream h = new DataOutputStream(ihdr);
                h.writeInt(width);
                h.writeInt(height);
                h.writeByte(bitDepth);
                h.writeByte(colour.code);
                h.writeByte(0); // deflate
                h.writeByte(0); // adaptive filtering
                h.writeByte(0); // not interlaced
                chunk(out, "IHDR", ihdr.toByteArray());
                ByteArrayOutputStream phys = new ByteArrayOutputStream();
                DataOutputStream p = new DataOutputStream(phys);
                int perMetre = (int) Math.round(dpi / 0.0254);
                p.writeInt(perMetre);
                p.writeInt(perMetre);
                p.writeByte(1); // unit: metre
                chunk(out, "pHYs", phys.toByteArray());
                chunk(out, "IDAT", idat.toByteArray());
                chunk(out, "IEND", new byte[0]);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName(), e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
