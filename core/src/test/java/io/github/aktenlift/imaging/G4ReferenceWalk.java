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

    // The run-length code tables are G4StreamCheck's: standard data, one copy.

    static {
        for (int[] c : G4StreamCheck.WHITE_CODES) {
            put(WHITE, c);
        }
        for (int[] c : G4StreamCheck.BLACK_CODES) {
            put(BLACK, c);
        }
        for (int[] c : G4StreamCheck.EXTENDED_CODES) {
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
