package io.github.aktenlift.imaging;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Walks a CCITT Group 4 (ITU-T T.6) code stream row by row without producing pixels: mode codes,
 * run lengths and changing elements are followed exactly as a decoder would, and every position is
 * checked against the row width. Garbage inside a strip yields an unknown code or an impossible
 * position within a few rows, so corruption that a header read cannot see is found at a fraction of
 * a decode's cost (no bitmap is written).
 *
 * <p>The static methods are thread-safe. An instance keeps its read buffer and line arrays from one
 * file to the next (a case file's pages are mostly alike); it is for one thread at a time.
 *
 * <p>How it stays cheap: only the changing elements of the coding and the reference line are kept
 * (two int arrays per strip, swapped per row, no allocation per row); bits are read eight bytes at
 * a time from a zero-padded buffer, so that a peek is one load and one shift; mode codes come from
 * a 7-bit table, run lengths from 9-bit tables (13-bit tables for the rare long codes); and a run of
 * V0 codes, the bulk of any text page, is taken from one count of leading one bits, each V0 then
 * being a copy of the reference line's next changing element.
 */
public final class G4StreamCheck {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Zero bytes the walk needs after the data: a peek loads eight bytes, and on zeros every table
     * lookup fails, so a walk never runs more than one code (at most 13 bits) past the end.
     */
    static final int PADDING = 16;

    private static final int SHORT_BITS = 9;
    private static final int LONG_BITS = 13;
    /**
     * Per colour, indexed by the next 9 (13) bits: {@code length << 12 | run}; 0 where no code of
     * at most 9 bits fits (no code at all, in the 13-bit tables).
     */
    private static final char[] WHITE_SHORT = new char[1 << SHORT_BITS];
    private static final char[] BLACK_SHORT = new char[1 << SHORT_BITS];
    private static final char[] WHITE_LONG = new char[1 << LONG_BITS];
    private static final char[] BLACK_LONG = new char[1 << LONG_BITS];

    /** Mode codes, indexed by the next 7 bits: {@code length << 4 | kind}. */
    private static final byte[] MODE = new byte[128];
    /** Mode kinds below 7 are vertical, with offset {@code kind - 3}. */
    private static final int HORIZONTAL = 7;
    private static final int PASS = 8;
    private static final int INVALID = 15;

    // The run-length code tables of ITU-T T.4 (shared by T.6), as rows of {bits, code, run}; the
    // reference walk in the tests reads them too. Never written after class initialisation.
    static final int[][] WHITE_CODES = {
        {4, 0x7, 2}, {4, 0x8, 3}, {4, 0xb, 4}, {4, 0xc, 5}, {4, 0xe, 6}, {4, 0xf, 7},
        {5, 0x12, 128}, {5, 0x13, 8}, {5, 0x14, 9}, {5, 0x1b, 64}, {5, 0x7, 10}, {5, 0x8, 11},
        {6, 0x17, 192}, {6, 0x18, 1664}, {6, 0x2a, 16}, {6, 0x2b, 17}, {6, 0x3, 13}, {6, 0x34, 14}, {6, 0x35, 15},
        {6, 0x7, 1}, {6, 0x8, 12},
        {7, 0x13, 26}, {7, 0x17, 21}, {7, 0x18, 28}, {7, 0x24, 27}, {7, 0x27, 18}, {7, 0x28, 24}, {7, 0x2b, 25},
        {7, 0x3, 22}, {7, 0x37, 256}, {7, 0x4, 23}, {7, 0x8, 20}, {7, 0xc, 19},
        {8, 0x12, 33}, {8, 0x13, 34}, {8, 0x14, 35}, {8, 0x15, 36}, {8, 0x16, 37}, {8, 0x17, 38}, {8, 0x1a, 31},
        {8, 0x1b, 32}, {8, 0x2, 29}, {8, 0x24, 53}, {8, 0x25, 54}, {8, 0x28, 39}, {8, 0x29, 40}, {8, 0x2a, 41},
        {8, 0x2b, 42}, {8, 0x2c, 43}, {8, 0x2d, 44}, {8, 0x3, 30}, {8, 0x32, 61}, {8, 0x33, 62}, {8, 0x34, 63},
        {8, 0x35, 0}, {8, 0x36, 320}, {8, 0x37, 384}, {8, 0x4, 45}, {8, 0x4a, 59}, {8, 0x4b, 60}, {8, 0x5, 46},
        {8, 0x52, 49}, {8, 0x53, 50}, {8, 0x54, 51}, {8, 0x55, 52}, {8, 0x58, 55}, {8, 0x59, 56}, {8, 0x5a, 57},
        {8, 0x5b, 58}, {8, 0x64, 448}, {8, 0x65, 512}, {8, 0x67, 640}, {8, 0x68, 576}, {8, 0xa, 47}, {8, 0xb, 48},
        {9, 0x98, 1472}, {9, 0x99, 1536}, {9, 0x9a, 1600}, {9, 0x9b, 1728}, {9, 0xcc, 704}, {9, 0xcd, 768},
        {9, 0xd2, 832}, {9, 0xd3, 896}, {9, 0xd4, 960}, {9, 0xd5, 1024}, {9, 0xd6, 1088}, {9, 0xd7, 1152},
        {9, 0xd8, 1216}, {9, 0xd9, 1280}, {9, 0xda, 1344}, {9, 0xdb, 1408},
    };
    static final int[][] BLACK_CODES = {
        {2, 0x2, 3}, {2, 0x3, 2}, {3, 0x2, 1}, {3, 0x3, 4}, {4, 0x2, 6}, {4, 0x3, 5}, {5, 0x3, 7},
        {6, 0x4, 9}, {6, 0x5, 8}, {7, 0x4, 10}, {7, 0x5, 11}, {7, 0x7, 12}, {8, 0x4, 13}, {8, 0x7, 14},
        {9, 0x18, 15}, {10, 0x17, 16}, {10, 0x18, 17}, {10, 0x37, 0}, {10, 0x8, 18}, {10, 0xf, 64},
        {11, 0x17, 24}, {11, 0x18, 25}, {11, 0x28, 23}, {11, 0x37, 22}, {11, 0x67, 19}, {11, 0x68, 20},
        {11, 0x6c, 21},
        {12, 0x24, 52}, {12, 0x27, 55}, {12, 0x28, 56}, {12, 0x2b, 59}, {12, 0x2c, 60}, {12, 0x33, 320},
        {12, 0x34, 384}, {12, 0x35, 448}, {12, 0x37, 53}, {12, 0x38, 54}, {12, 0x52, 50}, {12, 0x53, 51},
        {12, 0x54, 44}, {12, 0x55, 45}, {12, 0x56, 46}, {12, 0x57, 47}, {12, 0x58, 57}, {12, 0x59, 58},
        {12, 0x5a, 61}, {12, 0x5b, 256}, {12, 0x64, 48}, {12, 0x65, 49}, {12, 0x66, 62}, {12, 0x67, 63},
        {12, 0x68, 30}, {12, 0x69, 31}, {12, 0x6a, 32}, {12, 0x6b, 33}, {12, 0x6c, 40}, {12, 0x6d, 41},
        {12, 0xc8, 128}, {12, 0xc9, 192}, {12, 0xca, 26}, {12, 0xcb, 27}, {12, 0xcc, 28}, {12, 0xcd, 29},
        {12, 0xd2, 34}, {12, 0xd3, 35}, {12, 0xd4, 36}, {12, 0xd5, 37}, {12, 0xd6, 38}, {12, 0xd7, 39},
        {12, 0xda, 42}, {12, 0xdb, 43},
        {13, 0x4a, 640}, {13, 0x4b, 704}, {13, 0x4c, 768}, {13, 0x4d, 832}, {13, 0x52, 1280}, {13, 0x53, 1344},
        {13, 0x54, 1408}, {13, 0x55, 1472}, {13, 0x5a, 1536}, {13, 0x5b, 1600}, {13, 0x64, 1664},
        {13, 0x65, 1728}, {13, 0x6c, 512}, {13, 0x6d, 576}, {13, 0x72, 896}, {13, 0x73, 960}, {13, 0x74, 1024},
        {13, 0x75, 1088}, {13, 0x76, 1152}, {13, 0x77, 1216},
    };
    /** Extended make-up codes, the same for both colours. */
    static final int[][] EXTENDED_CODES = {
        {11, 0x8, 1792}, {11, 0xc, 1856}, {11, 0xd, 1920}, {12, 0x12, 1984}, {12, 0x13, 2048}, {12, 0x14, 2112},
        {12, 0x15, 2176}, {12, 0x16, 2240}, {12, 0x17, 2304}, {12, 0x1c, 2368}, {12, 0x1d, 2432},
        {12, 0x1e, 2496}, {12, 0x1f, 2560},
    };
    /** Mode codes of T.6 as rows of {bits, code, kind}; 0000001 (uncompressed mode) is not taken. */
    private static final int[][] MODE_CODES = {
        {1, 0x1, 3}, {3, 0x3, 4}, {3, 0x2, 2}, {3, 0x1, HORIZONTAL}, {4, 0x1, PASS},
        {6, 0x3, 5}, {6, 0x2, 1}, {7, 0x3, 6}, {7, 0x2, 0},
    };

    static {
        for (int[] c : WHITE_CODES) {
            put(WHITE_SHORT, WHITE_LONG, c);
        }
        for (int[] c : BLACK_CODES) {
            put(BLACK_SHORT, BLACK_LONG, c);
        }
        for (int[] c : EXTENDED_CODES) {
            put(WHITE_SHORT, WHITE_LONG, c);
            put(BLACK_SHORT, BLACK_LONG, c);
        }
        Arrays.fill(MODE, (byte) INVALID);
        for (int[] c : MODE_CODES) {
            int shift = 7 - c[0];
            for (int i = 0; i < 1 << shift; i++) {
                MODE[c[1] << shift | i] = (byte) (c[0] << 4 | c[2]);
            }
        }
    }

    private static void put(char[] shortTable, char[] longTable, int[] row) {
        char entry = (char) (row[0] << 12 | row[2]);
        fill(longTable, LONG_BITS, row[0], row[1], entry);
        if (row[0] <= SHORT_BITS) {
            fill(shortTable, SHORT_BITS, row[0], row[1], entry);
        }
    }

    private static void fill(char[] table, int bits, int length, int code, char entry) {
        int shift = bits - length;
        int base = code << shift;
        for (int i = 0; i < (1 << shift); i++) {
            if (table[base | i] != 0) {
                throw new IllegalStateException("overlapping code in the G4 tables");
            }
            table[base | i] = entry;
        }
    }

    private byte[] buf = new byte[0];
    private Lines lines;

    /** A walker that keeps its buffers from one file to the next; for one thread at a time. */
    public G4StreamCheck() {
    }

    /**
     * Checks one strip.
     *
     * @param data the strip's bytes
     * @param width pixels per row
     * @param rows rows in this strip
     * @param lsbFirst whether bits are stored least significant first (TIFF FillOrder 2)
     * @throws ImageProblem {@code CORRUPT} at the first impossible code or position, {@code TRUNCATED}
     *     if the data ends before the last row
     */
    public static void verify(byte[] data, int width, int rows, boolean lsbFirst) throws ImageProblem {
        byte[] padded = Arrays.copyOf(data, data.length + PADDING);
        if (lsbFirst) {
            reverseBits(padded, data.length);
        }
        walk(padded, data.length, width, rows, new Lines(width));
    }

    /**
     * Checks every Group 4 strip of every page of a TIFF file.
     *
     * @param file the TIFF
     * @param info what {@link ImageInspector} read from it
     * @throws ImageProblem at the first broken strip
     * @throws IOException if the file cannot be read
     */
    public static void verify(Path file, ImageInfo info) throws ImageProblem, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            new G4StreamCheck().check(ch, info);
        }
    }

    /**
     * Checks every Group 4 strip of every page of a TIFF file that is open already.
     *
     * @param ch the TIFF, open for reading; its position is not used
     * @param info what {@link ImageInspector} read from it
     * @throws ImageProblem at the first broken strip
     * @throws IOException if the file cannot be read
     */
    public void check(FileChannel ch, ImageInfo info) throws ImageProblem, IOException {
        int pageNo = 0;
        for (TiffPage page : info.pages()) {
            pageNo++;
            if (page.compression() != Compression.CCITT_G4) {
                continue;
            }
            if (lines == null || lines.width != page.width()) {
                lines = new Lines(page.width());
            }
            int rowsLeft = page.height();
            int perStrip = page.rowsPerStrip() <= 0 ? page.height() : page.rowsPerStrip();
            for (int s = 0; s < page.stripOffsets().size(); s++) {
                long length = page.stripByteCounts().get(s);
                if (length > Integer.MAX_VALUE - 2 * PADDING) {
                    throw new ImageProblem(ImageProblem.Kind.TOO_LARGE, "strip of " + length + " bytes");
                }
                int n = (int) length;
                if (buf.length < n + PADDING) {
                    buf = new byte[n + PADDING + (n >> 3)]; // some room for the next, larger page
                } else {
                    Arrays.fill(buf, n, n + PADDING, (byte) 0);
                }
                ByteBuffer target = ByteBuffer.wrap(buf, 0, n);
                long at = page.stripOffsets().get(s);
                while (target.hasRemaining()) {
                    if (ch.read(target, at + target.position()) < 0) {
                        throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "strip " + (s + 1) + " of page "
                                + pageNo + " ends early");
                    }
                }
                if (page.fillOrder() == 2) {
                    reverseBits(buf, n);
                }
                int rows = Math.min(perStrip, rowsLeft);
                try {
                    walk(buf, n, page.width(), rows, lines);
                } catch (ImageProblem e) {
                    throw new ImageProblem(e.kind(), "page " + pageNo + ", strip " + (s + 1) + ": " + e.getMessage());
                }
                rowsLeft -= rows;
            }
        }
    }

    private static final byte[] REVERSED = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            REVERSED[i] = (byte) (Integer.reverse(i) >>> 24);
        }
    }

    private static void reverseBits(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            b[i] = REVERSED[b[i] & 0xff];
        }
    }

    /**
     * The changing elements of the reference and the coding line, for one row width. A row has at
     * most {@code width + 1} of them (one per pixel and the row's end) plus the end of a zero run
     * that ends the row; {@code width + 2} is the limit, beyond it the row is corrupt. Vertical
     * codes move strictly right, so between two checks of the limit a row can gain at most
     * {@code width + 3} more; four sentinels equal to the width follow the reference line.
     */
    private static final class Lines {
        final int width;
        final int limit;
        int[] ref;
        int[] cur;

        Lines(int width) {
            this.width = width;
            this.limit = width + 2;
            this.ref = new int[limit + width + 8];
            this.cur = new int[limit + width + 8];
        }
    }

    /**
     * Walks {@code rows} rows of the code stream in {@code buf[0, length)}; {@code buf} holds at
     * least {@link #PADDING} zero bytes after it. Every position the walk reads stays below
     * {@code length + PADDING}: zero bits are no valid code, so the walk stops within one code
     * after the data.
     */
    private static void walk(byte[] buf, int length, int width, int rows, Lines lines) throws ImageProblem {
        final long totalBits = 8L * length;
        final int limit = lines.limit;
        int[] ref = lines.ref;
        int[] cur = lines.cur;
        // the line above the first is white: no changing elements
        ref[0] = width;
        ref[1] = width;
        ref[2] = width;
        ref[3] = width;
        int refLen = 0; // elements of ref before the first that is the width
        boolean strict = true; // whether ref[0, refLen) rises strictly (no zero runs in the line)
        long bitPos = 0;
        for (int row = 0; row < rows; row++) {
            if (strict) {
                // a row that repeats its reference line is refLen + 1 V0 codes: take as many such rows
                // as the run of one bits here covers (counted across peeks: long rows, blank margins)
                int per = refLen + 1;
                long ones = 0;
                while (true) {
                    long at = bitPos + ones;
                    int run = Long.numberOfLeadingZeros(~((long) LONG_BE.get(buf, (int) (at >>> 3)) << (at & 7)));
                    ones += run;
                    if (run < 57 || ones >= (long) per * (rows - row)) {
                        break; // a zero bit came, or every row left is covered
                    }
                }
                if (ones >= per) {
                    int same = (int) Math.min(ones / per, rows - row);
                    bitPos += (long) same * per;
                    row += same - 1;
                    continue;
                }
            }
            boolean curStrict = true;
            // while only V0 codes come, the row repeats the reference line: nothing is copied until it differs
            boolean shared = strict;
            int a0 = -1;
            int bi = 0; // index of b1 in ref; its parity is the colour of a0 (0 white, 1 black)
            int cc = 0;
            while (true) {
                // b1: the first changing element right of a0 of the colour opposite to a0's
                while (ref[bi] <= a0) {
                    bi += 2;
                }
                long w = (long) LONG_BE.get(buf, (int) (bitPos >>> 3)) << (bitPos & 7);
                if (w < 0) {
                    // V0 codes, one bit each: a1 = b1, so each copies the reference line's next element
                    int n = Long.numberOfLeadingZeros(~w);
                    if (strict) {
                        // ref rises strictly up to refLen: n V0 codes copy n elements as they stand
                        int k = Math.min(n, refLen - bi);
                        if (k > 0) {
                            if (!shared) {
                                System.arraycopy(ref, bi, cur, cc, k);
                            }
                            cc += k;
                            bi += k;
                            bitPos += k;
                            a0 = ref[bi - 1];
                        }
                        if (k < n) { // the next V0 meets the row's end
                            if (!shared) {
                                cur[cc] = width;
                            }
                            cc++;
                            bitPos++;
                            break;
                        }
                        continue;
                    }
                    int i = 0;
                    int a1;
                    do {
                        a1 = ref[bi++];
                        cur[cc++] = a1;
                        i++;
                        if (a1 >= width) {
                            break;
                        }
                        while (ref[bi] <= a1) {
                            bi += 2;
                        }
                    } while (i < n);
                    bitPos += i;
                    a0 = a1;
                    if (a0 >= width) {
                        break;
                    }
                    continue;
                }
                if (shared) {
                    System.arraycopy(ref, 0, cur, 0, cc);
                    shared = false;
                }
                int mode = MODE[(int) (w >>> 57)];
                int kind = mode & 15;
                if (kind < HORIZONTAL) {
                    bitPos += mode >>> 4;
                    int a1 = ref[bi] + kind - 3;
                    if (a1 <= a0 || a1 > width) {
                        throw broken(row, bitPos, totalBits, "vertical mode leads to position " + a1);
                    }
                    cur[cc++] = a1;
                    bi = kind < 3 && bi > 0 ? bi - 1 : bi + 1;
                    a0 = a1;
                    if (a0 >= width) {
                        break;
                    }
                } else if (kind == HORIZONTAL) {
                    bitPos += 3;
                    boolean white = (bi & 1) == 0;
                    int a1 = (a0 < 0 ? 0 : a0);
                    int a2;
                    // first run in a0's colour, second in the other; a run is make-up codes and a terminating code
                    char[] shortTable = white ? WHITE_SHORT : BLACK_SHORT;
                    char[] longTable = white ? WHITE_LONG : BLACK_LONG;
                    for (int r = 0; r < 2; r++) {
                        int run = 0;
                        while (true) {
                            long v = (long) LONG_BE.get(buf, (int) (bitPos >>> 3)) << (bitPos & 7);
                            int e = shortTable[(int) (v >>> (64 - SHORT_BITS))];
                            if (e == 0) {
                                e = longTable[(int) (v >>> (64 - LONG_BITS))];
                                if (e == 0) {
                                    throw broken(row, bitPos, totalBits, "no valid run-length code");
                                }
                            }
                            bitPos += e >>> 12;
                            int part = e & 0xfff;
                            run += part;
                            if (part < 64 || run > width) {
                                break;
                            }
                        }
                        if (r == 0) {
                            a1 += run;
                            shortTable = white ? BLACK_SHORT : WHITE_SHORT;
                            longTable = white ? BLACK_LONG : WHITE_LONG;
                        } else {
                            a2 = a1 + run;
                            if (a2 > width) {
                                throw broken(row, bitPos, totalBits, "runs exceed the row width " + width);
                            }
                            if (a2 == a1 || cc > 0 && cur[cc - 1] == a1) {
                                curStrict = false;
                            }
                            cur[cc++] = a1;
                            cur[cc++] = a2;
                            a0 = a2;
                        }
                    }
                    if (cc > limit) {
                        throw broken(row, bitPos, totalBits, "more changes than pixels");
                    }
                    if (a0 >= width) {
                        break;
                    }
                } else if (kind == PASS) {
                    bitPos += 4;
                    a0 = ref[bi + 1];
                    if (a0 >= width) {
                        break;
                    }
                } else {
                    boolean atEnd = bitPos >= totalBits;
                    throw new ImageProblem(atEnd ? ImageProblem.Kind.TRUNCATED : ImageProblem.Kind.CORRUPT,
                            atEnd ? "G4 data ends in row " + (row + 1) : "G4 data broken in row " + (row + 1) + " at byte "
                                    + (bitPos / 8) + ": " + ((w >>> 57) == 1 ? "uncompressed mode is not supported"
                                            : "no valid mode code"));
                }
            }
            if (cc > limit) {
                throw broken(row, bitPos, totalBits, "more changes than pixels");
            }
            if (bitPos > totalBits) {
                throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "G4 data ends in row " + (row + 1));
            }
            if (shared) {
                continue; // the row is its reference line again
            }
            int[] swap = ref;
            ref = cur;
            cur = swap;
            ref[cc] = width;
            ref[cc + 1] = width;
            ref[cc + 2] = width;
            ref[cc + 3] = width;
            refLen = cc;
            while (refLen > 0 && ref[refLen - 1] >= width) {
                refLen--;
            }
            strict = curStrict;
        }
    }

    /** A fault in a row: the data ended inside it if the walk has passed the end, else it is corrupt. */
    private static ImageProblem broken(int row, long bitPos, long totalBits, String what) {
        if (bitPos > totalBits) {
            return new ImageProblem(ImageProblem.Kind.TRUNCATED, "G4 data ends in row " + (row + 1));
        }
        return new ImageProblem(ImageProblem.Kind.CORRUPT, "G4 data broken in row " + (row + 1) + " at byte "
                + (bitPos / 8) + ": " + what);
    }
}
