package io.github.aktenlift.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Walks a whole JPEG file's marker structure, including the entropy-coded data, without decoding,
 * as its bytes stream past: inside a scan a 0xFF byte may only be followed by 0x00 (stuffing),
 * 0xD0–0xD7 (restart), another 0xFF (fill), or a marker segment that may legally come between
 * scans; the file must start with SOI and end with EOI, with nothing after it. Garbage inside the
 * compressed data breaks this within a few hundred bytes with near certainty, so a pass that costs
 * a fraction of a decode finds corruption that a header read cannot see.
 *
 * <p>Fed in pieces of any size ({@link #update}), it holds its state between them, so the bytes
 * need to be read only once: the renderer hashes, checks and copies each buffer it reads. Inside a
 * scan it looks for 0xFF eight bytes at a time. On the way it keeps the first frame header (SOFn),
 * so that what streamed past can be compared with what {@link ImageInspector} read before.
 *
 * <p>One instance checks one file; not thread-safe.
 */
public final class JpegStreamCheck {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static final int SOI_1 = 0;
    private static final int SOI_2 = 1;
    private static final int DATA = 2;
    private static final int MARKER = 3;
    private static final int LENGTH_1 = 4;
    private static final int LENGTH_2 = 5;
    private static final int SEGMENT = 6;
    private static final int AFTER_EOI = 7;

    private int state = SOI_1;
    private boolean inScan;
    private long pos;
    private int marker;
    private int lengthHigh;
    private long segmentLeft;
    /** 0 until a frame header starts; then the SOFn marker, its first six bytes following. */
    private int frameMarker;
    private final byte[] frame = new byte[6];
    private int frameBytes;
    private boolean frameWanted = true;

    /** A check at the start of a file. */
    public JpegStreamCheck() {
    }

    /**
     * Checks a whole file, reading it once.
     *
     * @param file a JPEG file that passed {@link ImageInspector}
     * @throws ImageProblem ({@code CORRUPT} or {@code TRUNCATED}) naming the offset of the first fault
     * @throws IOException if the file cannot be read
     */
    public static void verify(Path file) throws IOException, ImageProblem {
        JpegStreamCheck check = new JpegStreamCheck();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                check.update(buf, 0, n);
            }
        }
        check.finish();
    }

    /**
     * Takes the next bytes of the file.
     *
     * @param b the bytes
     * @param off where they start
     * @param len how many
     * @throws ImageProblem {@code CORRUPT} at the first byte that breaks the structure
     */
    public void update(byte[] b, int off, int len) throws ImageProblem {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case DATA -> {
                    if (inScan) {
                        i = nextFF(b, skipStuffed(b, i, end), end);
                        if (i == end) {
                            break;
                        }
                    }
                    if (b[i] != (byte) 0xFF) {
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, "stray byte outside a scan at offset "
                                + (pos + i - off));
                    }
                    i++;
                    state = MARKER;
                }
                case MARKER -> {
                    int m = b[i++] & 0xff;
                    if (m == 0xFF) {
                        continue; // fill byte
                    }
                    if (inScan && (m == 0x00 || (m >= 0xD0 && m <= 0xD7))) {
                        state = DATA;
                    } else if (m == 0xD9) {
                        state = AFTER_EOI;
                    } else if (!segmentAllowed(m)) {
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, String.format(
                                "invalid marker 0xFF%02X at offset %d", m, pos + i - off - 2));
                    } else {
                        marker = m;
                        state = LENGTH_1;
                    }
                }
                case LENGTH_1 -> {
                    lengthHigh = b[i++] & 0xff;
                    state = LENGTH_2;
                }
                case LENGTH_2 -> {
                    int length = lengthHigh << 8 | b[i++] & 0xff;
                    if (length < 2) {
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, String.format(
                                "segment 0xFF%02X with length %d at offset %d", marker, length, pos + i - off - 4));
                    }
                    segmentLeft = length - 2;
                    if (frameWanted && isSof(marker)) {
                        frameWanted = false;
                        frameMarker = marker;
                    }
                    state = SEGMENT;
                    if (segmentLeft == 0) {
                        endSegment();
                    }
                }
                case SEGMENT -> {
                    int step = (int) Math.min(segmentLeft, end - i);
                    if (frameMarker == marker && frameBytes < frame.length) {
                        int take = Math.min(step, frame.length - frameBytes);
                        System.arraycopy(b, i, frame, frameBytes, take);
                        frameBytes += take;
                    }
                    i += step;
                    segmentLeft -= step;
                    if (segmentLeft == 0) {
                        endSegment();
                    }
                }
                case SOI_1, SOI_2 -> {
                    if (b[i++] != (byte) (state == SOI_1 ? 0xFF : 0xD8)) {
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, "JPEG does not start with SOI");
                    }
                    state = state == SOI_1 ? SOI_2 : DATA;
                }
                default -> throw new ImageProblem(ImageProblem.Kind.CORRUPT, "data after EOI at offset "
                        + (pos + i - off));
            }
        }
        pos += len;
    }

    private void endSegment() {
        inScan = marker == 0xDA;
        state = DATA;
    }

    /**
     * Says that the file has ended.
     *
     * @throws ImageProblem {@code TRUNCATED} unless the file ended right after its EOI marker
     *     ({@code CORRUPT} if it did not even start with SOI)
     */
    public void finish() throws ImageProblem {
        switch (state) {
            case AFTER_EOI -> {
            }
            case SOI_1, SOI_2 -> throw new ImageProblem(ImageProblem.Kind.CORRUPT, "JPEG does not start with SOI");
            case DATA -> throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends without EOI at offset " + pos);
            case MARKER -> throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends inside a marker at offset "
                    + pos);
            case LENGTH_1, LENGTH_2 -> throw new ImageProblem(ImageProblem.Kind.TRUNCATED,
                    "JPEG ends inside a segment header");
            default -> throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends inside a segment");
        }
    }

    /**
     * Checks that the first frame header that streamed past says what the inspector read.
     *
     * @param info what {@link ImageInspector} read from the file before
     * @throws ImageProblem {@code CORRUPT} if there was no frame header or it differs
     */
    public void expectFrame(ImageInfo info) throws ImageProblem {
        if (frameBytes < frame.length) {
            throw new ImageProblem(ImageProblem.Kind.CORRUPT, "no complete frame header (SOFn)");
        }
        int height = (frame[1] & 0xff) << 8 | frame[2] & 0xff;
        int width = (frame[3] & 0xff) << 8 | frame[4] & 0xff;
        int components = frame[5] & 0xff;
        if (width != info.width() || height != info.height() || components != info.components()
                || (frame[0] & 0xff) != info.bitsPerComponent()) {
            throw new ImageProblem(ImageProblem.Kind.CORRUPT, "the frame header says " + width + " × " + height + " × "
                    + components + ", not what was inspected (" + info.width() + " × " + info.height() + " × "
                    + info.components() + "): the file changed");
        }
    }

    /**
     * Skips eight bytes at a time while no 0xFF among them is followed by anything but 0x00: in
     * entropy-coded data a 0xFF is stuffed with 0x00 about every 30 bytes (noisy scans), and taking
     * each such pair through the state machine would cost more than the hash. Returns where a
     * marker or a restart may start, or a position less than eight bytes before the end.
     */
    private static int skipStuffed(byte[] b, int i, int end) {
        while (i + 17 <= end) {
            long v = (long) LONG_LE.get(b, i);
            long next = (long) LONG_LE.get(b, i + 1);
            long v2 = (long) LONG_LE.get(b, i + 8);
            long next2 = (long) LONG_LE.get(b, i + 9);
            long hits = (~v - ONES) & v & (((next & ~HIGHS) + ~HIGHS) | next)
                    | (~v2 - ONES) & v2 & (((next2 & ~HIGHS) + ~HIGHS) | next2);
            if ((hits & HIGHS) != 0) {
                break;
            }
            i += 16;
        }
        while (i + 9 <= end) {
            long v = (long) LONG_LE.get(b, i);
            long next = (long) LONG_LE.get(b, i + 1); // each byte's successor in the same lane
            // lanes holding 0xFF (a superset: the borrow trick may flag more, never fewer) ...
            long ff = (~v - ONES) & v & HIGHS;
            // ... whose successor is not 0x00 (exact)
            long nonZero = ((next & ~HIGHS) + ~HIGHS | next) & HIGHS;
            if ((ff & nonZero) != 0) {
                return i;
            }
            i += 8;
        }
        return i;
    }

    /** The index of the next 0xFF byte in {@code b[i, end)}, or {@code end}. */
    private static int nextFF(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long inverted = ~(long) LONG_LE.get(b, i); // a 0xFF byte becomes a zero byte
            long zeros = (inverted - ONES) & ~inverted & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
            i += 8;
        }
        while (i < end && b[i] != (byte) 0xFF) {
            i++;
        }
        return i;
    }

    private static boolean isSof(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /** Segments that may stand before or between scans: tables, frame and scan headers, comments, app data. */
    private static boolean segmentAllowed(int m) {
        return (m >= 0xC0 && m <= 0xCF && m != 0xC8) || m == 0xDA || m == 0xDB || m == 0xDC || m == 0xDD
                || m == 0xDE || m == 0xDF || (m >= 0xE0 && m <= 0xEF) || m == 0xFE;
    }
}
