package io.github.aktenlift.imaging;

/**
 * The walk that {@link G4StreamCheck} replaced, kept unchanged as the reference its verdicts are
 * compared with in property tests. What it did:
 *
 * <p>Walks a CCITT Group 4 (ITU-T T.6) code stream row by row without producing pixels: mode codes,
 * run lengths and changing elements are followed exactly as a decoder would, and every position is
 * checked against the row width. Garbage inside a strip yields an unknown code or an impossible
 * position within a few rows, so corruption that a header read cannot see is found at a fraction of
 * a decode's cost (no bitmap is written). Stateless and thread-safe.
 */
final class G4ReferenceWalk {

    private static final int LOOKUP_BITS = 13;
    /** Per colour, indexed by the next 13 bits: {@code length << 16 | run}, or 0 for no valid code. */
    private static final int[] WHITE = new int[1 << LOOKUP_BITS];
    private static final int[] BLACK = new int[1 << LOOKUP_BITS];

    // The run-length code tables of ITU-T T.4 (shared by T.6), as rows of {bits, code, run}.
    private static final int[][] WHITE_CODES = {
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
    private static final int[][] BLACK_CODES = {
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
    private static final int[][] EXTENDED_CODES = {
        {11, 0x8, 1792}, {11, 0xc, 1856}, {11, 0xd, 1920}, {12, 0x12, 1984}, {12, 0x13, 2048}, {12, 0x14, 2112},
        {12, 0x15, 2176}, {12, 0x16, 2240}, {12, 0x17, 2304}, {12, 0x1c, 2368}, {12, 0x1d, 2432},
        {12, 0x1e, 2496}, {12, 0x1f, 2560},
    };

    static {
        for (int[] c : WHITE_CODES) {
            put(WHITE, c);
        }
        for (int[] c : BLACK_CODES) {
            put(BLACK, c);
        }
        for (int[] c : EXTENDED_CODES) {
            put(WHITE, c);
            put(BLACK, c);
        }
    }

    private static void put(int[] table, int[] row) {
        int shift = LOOKUP_BITS - row[0];
        int base = row[1] << shift;
        for (int i = 0; i < (1 << shift); i++) {
            if (table[base | i] != 0) {
                throw new IllegalStateException("overlapping code in the G4 tables");
            }
            table[base | i] = row[0] << 16 | row[2];
        }
    }

    private G4ReferenceWalk() {
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
        Bits in = new Bits(data, lsbFirst);
        int[] ref = new int[width + 2];
        int[] cur = new int[width + 2];
        int refCount = 0;
        for (int row = 0; row < rows; row++) {
            int curCount = 0;
            int a0 = -1;
            boolean white = true;
            int k = 0;
            while (a0 < width) {
                // b1: first changing element on the reference line right of a0 and of the other colour
                k = Math.max(0, k - 2);
                int parity = white ? 0 : 1;
                while (k < refCount && (ref[k] <= a0 || (k & 1) != parity)) {
                    k++;
                }
                int b1 = k < refCount ? ref[k] : width;
                int b2 = k + 1 < refCount ? ref[k + 1] : width;
                int mode = in.mode(row);
                if (mode == PASS) {
                    if (b2 > width) {
                        throw corrupt(row, in, "pass beyond the row");
                    }
                    a0 = b2;
                } else if (mode == HORIZONTAL) {
                    int start = Math.max(a0, 0);
                    int a1 = start + in.run(white ? WHITE : BLACK, row);
                    int a2 = a1 + in.run(white ? BLACK : WHITE, row);
                    if (a2 > width) {
                        throw corrupt(row, in, "runs exceed the row width " + width);
                    }
                    cur[curCount++] = a1;
                    cur[curCount++] = a2;
                    a0 = a2;
                } else {
                    int a1 = b1 + mode;
                    if (a1 < 0 || a1 <= a0 || a1 > width) {
                        throw corrupt(row, in, "vertical mode leads to position " + a1);
                    }
                    cur[curCount++] = a1;
                    a0 = a1;
                    white = !white;
                }
                if (curCount > width) {
                    throw corrupt(row, in, "more changes than pixels");
                }
            }
            int[] swap = ref;
            ref = cur;
            cur = swap;
            refCount = curCount;
            // a change at the very end of the row is not a change; drop it for the next reference line
            while (refCount > 0 && ref[refCount - 1] >= width) {
                refCount--;
            }
        }
    }

    /**
     * Checks every Group 4 strip of every page of a TIFF file.
     *
     * @param file the TIFF
     * @param info what {@link ImageInspector} read from it
     * @throws ImageProblem at the first broken strip
     * @throws java.io.IOException if the file cannot be read
     */
    public static void verify(java.nio.file.Path file, ImageInfo info) throws ImageProblem, java.io.IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            int pageNo = 0;
            for (TiffPage page : info.pages()) {
                pageNo++;
                if (page.compression() != Compression.CCITT_G4) {
                    continue;
                }
                int rowsLeft = page.height();
                int perStrip = page.rowsPerStrip() <= 0 ? page.height() : page.rowsPerStrip();
                for (int s = 0; s < page.stripOffsets().size(); s++) {
                    long length = page.stripByteCounts().get(s);
                    if (length > Integer.MAX_VALUE - 8) {
                        throw new ImageProblem(ImageProblem.Kind.TOO_LARGE, "strip of " + length + " bytes");
                    }
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) length);
                    long at = page.stripOffsets().get(s);
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, at + buf.position()) < 0) {
                            throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "strip " + (s + 1) + " of page "
                                    + pageNo + " ends early");
                        }
                    }
                    int rows = Math.min(perStrip, rowsLeft);
                    try {
                        verify(buf.array(), page.width(), rows, page.fillOrder() == 2);
                    } catch (ImageProblem e) {
                        throw new ImageProblem(e.kind(), "page " + pageNo + ", strip " + (s + 1) + ": " + e.getMessage());
                    }
                    rowsLeft -= rows;
                }
            }
        }
    }

    private static final int PASS = 100;
    private static final int HORIZONTAL = 101;

    private static ImageProblem corrupt(int row, Bits in, String what) {
        return new ImageProblem(ImageProblem.Kind.CORRUPT, "G4 data broken in row " + (row + 1) + " at byte "
                + (in.consumed / 8) + ": " + what);
    }

    /**
     * A bit reader over a byte array, most significant bit first unless told otherwise, with a 64-bit
     * window so that a peek is a shift and a mask.
     */
    private static final class Bits {
        private static final byte[] REVERSED = new byte[256];

        static {
            for (int i = 0; i < 256; i++) {
                REVERSED[i] = (byte) (Integer.reverse(i) >>> 24);
            }
        }

        private final byte[] data;
        private final boolean lsbFirst;
        private int next;
        private long window;
        private int available;
        private long consumed;

        Bits(byte[] data, boolean lsbFirst) {
            this.data = data;
            this.lsbFirst = lsbFirst;
        }

        /** @return the next {@code n} ≤ 24 bits without consuming them, zero-padded past the end */
        private int peek(int n) {
            while (available <= 56) {
                int b = next < data.length ? (lsbFirst ? REVERSED[data[next] & 0xff] : data[next]) & 0xff : 0;
                next++;
                window |= (long) b << (56 - available);
                available += 8;
            }
            return (int) (window >>> (64 - n));
        }

        private void skip(int n, int row) throws ImageProblem {
            window <<= n;
            available -= n;
            consumed += n;
            if (consumed > (long) data.length * 8) {
                throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "G4 data ends in row " + (row + 1));
            }
        }

        int mode(int row) throws ImageProblem {
            int v = peek(7);
            if ((v & 0x40) != 0) {
                skip(1, row);
                return 0;
            }
            switch (v >>> 4) {
                case 0b011 -> {
                    skip(3, row);
                    return 1;
                }
                case 0b010 -> {
                    skip(3, row);
                    return -1;
                }
                case 0b001 -> {
                    skip(3, row);
                    return HORIZONTAL;
                }
                default -> {
                }
            }
            if ((v >>> 3) == 0b0001) {
                skip(4, row);
                return PASS;
            }
            switch (v >>> 1) {
                case 0b000011 -> {
                    skip(6, row);
                    return 2;
                }
                case 0b000010 -> {
                    skip(6, row);
                    return -2;
                }
                default -> {
                }
            }
            if (v == 0b0000011) {
                skip(7, row);
                return 3;
            }
            if (v == 0b0000010) {
                skip(7, row);
                return -3;
            }
            if (consumed >= (long) data.length * 8) {
                throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "G4 data ends in row " + (row + 1));
            }
            throw new ImageProblem(ImageProblem.Kind.CORRUPT, "G4 data broken in row " + (row + 1) + " at byte "
                    + (consumed / 8) + ": " + (v == 1 ? "uncompressed mode is not supported" : "no valid mode code"));
        }

        int run(int[] table, int row) throws ImageProblem {
            int total = 0;
            while (true) {
                int e = table[peek(LOOKUP_BITS)];
                if (e == 0) {
                    throw new ImageProblem(ImageProblem.Kind.CORRUPT, "G4 data broken in row " + (row + 1)
                            + " at byte " + (consumed / 8) + ": no valid run-length code");
                }
                skip(e >>> 16, row);
                int r = e & 0xffff;
                total += r;
                if (r < 64) {
                    return total;
                }
            }
        }
    }
}
