package io.github.aktenlift.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The walk that JpegEntropyCheck (now {@link JpegStreamCheck}) replaced, kept unchanged as the reference its verdicts are
 * compared with in property tests. What it did:
 *
 * <p>Walks a whole JPEG file's marker structure, including the entropy-coded data, without decoding:
 * inside a scan a 0xFF byte may only be followed by 0x00 (stuffing), 0xD0–0xD7 (restart), another
 * 0xFF (fill), or a marker segment that may legally come between scans; the file must end with
 * EOI. Garbage inside the compressed data breaks this within a few hundred bytes with
 * near certainty, so one linear pass — far cheaper than decoding — finds corruption that a header
 * read cannot see. Thread-safe (stateless).
 */
final class JpegReferenceWalk {

    private JpegReferenceWalk() {
    }

    /**
     * @param file a JPEG file that passed {@link ImageInspector}
     * @throws ImageProblem ({@code CORRUPT} or {@code TRUNCATED}) naming the offset of the first fault
     * @throws IOException if the file cannot be read
     */
    public static void verify(Path file) throws IOException, ImageProblem {
        try (InputStream in = Files.newInputStream(file)) {
            Reader r = new Reader(in);
            if (r.next() != 0xFF || r.next() != 0xD8) {
                throw new ImageProblem(ImageProblem.Kind.CORRUPT, "JPEG does not start with SOI");
            }
            boolean inScan = false;
            while (true) {
                int b = r.next();
                if (b < 0) {
                    throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends without EOI at offset " + r.pos);
                }
                if (b != 0xFF) {
                    if (inScan) {
                        r.skipToFF();
                        continue;
                    }
                    if (!inScan) {
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, "stray byte outside a scan at offset " + (r.pos - 1));
                    }
                    continue;
                }
                int m = r.next();
                while (m == 0xFF) {
                    m = r.next();
                }
                if (m < 0) {
                    throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends inside a marker at offset " + r.pos);
                }
                if (m == 0x00 && inScan) {
                    continue;
                }
                if (m >= 0xD0 && m <= 0xD7 && inScan) {
                    continue;
                }
                if (m == 0xD9) {
                    if (r.next() >= 0) {
                        // bytes after EOI are tolerated by readers but mean the file was tampered with or joined
                        throw new ImageProblem(ImageProblem.Kind.CORRUPT, "data after EOI at offset " + (r.pos - 1));
                    }
                    return;
                }
                if (!segmentAllowed(m)) {
                    throw new ImageProblem(ImageProblem.Kind.CORRUPT, String.format(
                            "invalid marker 0xFF%02X at offset %d", m, r.pos - 2));
                }
                int hi = r.next();
                int lo = r.next();
                if (lo < 0) {
                    throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends inside a segment header");
                }
                int length = (hi << 8) | lo;
                if (length < 2) {
                    throw new ImageProblem(ImageProblem.Kind.CORRUPT, String.format(
                            "segment 0xFF%02X with length %d at offset %d", m, length, r.pos - 4));
                }
                if (r.skip(length - 2) < length - 2) {
                    throw new ImageProblem(ImageProblem.Kind.TRUNCATED, "JPEG ends inside a segment");
                }
                inScan = m == 0xDA;
            }
        }
    }

    /** Segments that may stand before or between scans: tables, frame and scan headers, comments, app data. */
    private static boolean segmentAllowed(int m) {
        return (m >= 0xC0 && m <= 0xCF && m != 0xC8) || m == 0xDA || m == 0xDB || m == 0xDC || m == 0xDD
                || m == 0xDE || m == 0xDF || (m >= 0xE0 && m <= 0xEF) || m == 0xFE;
    }

    /** An unsynchronised buffered reader; {@link #skipToFF()} is the hot loop over entropy-coded data. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int i;
        private int limit;
        long pos;

        Reader(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            i = 0;
            limit = n;
            return true;
        }

        int next() throws IOException {
            if (i == limit && !fill()) {
                return -1;
            }
            pos++;
            return buf[i++] & 0xff;
        }

        /** Advances to the next 0xFF byte (not consuming it), or to the end. */
        void skipToFF() throws IOException {
            while (true) {
                int start = i;
                while (i < limit && buf[i] != (byte) 0xFF) {
                    i++;
                }
                pos += i - start;
                if (i < limit || !fill()) {
                    return;
                }
            }
        }

        long skip(long n) throws IOException {
            long done = 0;
            while (done < n) {
                if (i == limit && !fill()) {
                    break;
                }
                int step = (int) Math.min(n - done, limit - i);
                i += step;
                done += step;
            }
            pos += done;
            return done;
        }
    }
}
