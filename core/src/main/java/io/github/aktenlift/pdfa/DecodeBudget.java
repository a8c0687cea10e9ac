package io.github.aktenlift.pdfa;

import io.github.aktenlift.imaging.ImageProblem;

import java.io.InterruptedIOException;

/**
 * The memory that page images decoded for re-encoding (PNG, TIFF other than one G4 strip) may
 * take at once, shared by every rendition written in the JVM.
 *
 * <p>Why: a re-encoded page is held decoded, and for colour also as RGB pixels and as compressed
 * bytes, so its memory grows with its pixel count times its sample depth — a 16-bit RGBA PNG within
 * the pixel limit of {@code CapturePolicy} needs about a gigabyte. Capture renders several case
 * files at once, so luck decided whether such pages met in the heap at the same moment. Here a
 * page first reserves what it will need, computed from its header before anything is decoded: if
 * the budget cannot hold it even alone, the page is refused ({@link ImageProblem.Kind#TOO_LARGE},
 * naming what it would need); otherwise it waits until other pages have given back enough. Memory
 * for decoding is thus bounded by the budget, whatever the delivery.
 *
 * <p>The budget is half the JVM's maximum heap (an A4 page of 8-bit RGB at 300 dpi needs about
 * 51 MiB, so it still fits under {@code -Xmx256m}), or the number of MiB in the system property
 * {@value #PROPERTY}, read once. Thread-safe.
 */
final class DecodeBudget {

    /** System property: the budget in MiB. */
    static final String PROPERTY = "aktenlift.capture.decodeBudgetMiB";

    private static final long MIB = 1L << 20;

    /** The JVM's budget. */
    static final DecodeBudget JVM = new DecodeBudget(configured());

    private final long total;
    private long reserved;

    DecodeBudget(long totalBytes) {
        if (totalBytes < 1) {
            throw new IllegalArgumentException("a decode budget must be positive");
        }
        this.total = totalBytes;
    }

    private static long configured() {
        String mib = System.getProperty(PROPERTY, "").trim();
        if (!mib.isEmpty()) {
            try {
                long v = Long.parseLong(mib);
                if (v > 0) {
                    return v * MIB;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default; the property is documented as a positive number
            }
        }
        return Math.max(16 * MIB, Runtime.getRuntime().maxMemory() / 2);
    }

    /** @return the whole budget in bytes */
    long total() {
        return total;
    }

    /**
     * The memory re-encoding one page needs at its peak: the decoded raster, plus for everything
     * but bilevel and gray pages the RGB copy it is drawn onto, plus the compressed bytes (at most
     * about the raw size of what is compressed).
     *
     * @param width pixels
     * @param height pixels
     * @param components samples per pixel as stored (alpha included)
     * @param bits bits per sample as stored
     * @return bytes
     */
    static long need(int width, int height, int components, int bits) {
        long pixels = (long) width * height;
        long decoded;
        if (components == 1 && bits == 1) {
            return 2 * ((width + 7L) / 8 * height) + MIB; // packed bits, compressed at most as large
        }
        // ImageIO holds samples of up to 8 bits in bytes (palettes packed, but bounded by this) and
        // deeper ones in shorts; the rows are written as they are (a palette expanded to its entries,
        // which the inspector counts as three components when they are colours), so the compressed
        // bytes are at most as many
        decoded = pixels * components * (bits > 8 ? 2 : 1);
        return 2 * decoded + MIB;
    }

    /**
     * Reserves memory for one page, waiting while other pages hold too much of the budget.
     *
     * @param bytes what the page needs ({@link #need})
     * @return the reservation, to be closed when the page is written
     * @throws ImageProblem ({@link ImageProblem.Kind#TOO_LARGE}) if the page needs more than the
     *     whole budget
     * @throws InterruptedIOException if the thread is interrupted while waiting
     */
    Reservation reserve(long bytes) throws ImageProblem, InterruptedIOException {
        if (bytes > total) {
            throw new ImageProblem(ImageProblem.Kind.TOO_LARGE, "re-encoding this page would need about "
                    + mib(bytes) + " MiB of memory, more than capture's decode budget of " + mib(total)
                    + " MiB (half the JVM's heap, or -D" + PROPERTY + ")");
        }
        synchronized (this) {
            while (reserved + bytes > total) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for memory to re-encode a page");
                }
            }
            reserved += bytes;
        }
        return new Reservation(bytes);
    }

    /** @return bytes reserved now, for tests */
    synchronized long reserved() {
        return reserved;
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }

    private static long mib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    /** Memory reserved for one page; closing gives it back, once. */
    final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            long b = bytes;
            bytes = 0;
            if (b > 0) {
                release(b);
            }
        }
    }
}
