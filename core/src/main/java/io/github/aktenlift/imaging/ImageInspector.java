package io.github.aktenlift.imaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.aktenlift.imaging.ImageProblem.Kind;

/**
 * Reads what a page image is from its headers alone and rejects what cannot be taken, cheaply.
 *
 * <p>What is read: JPEG markers from SOI up to the first SOFn (size, components, precision), JFIF
 * or EXIF density for the resolution, and the last bytes for the EOI marker; the TIFF header and
 * its chain of image file directories, with the strip offsets and byte counts checked against the
 * file's length; the PNG signature, IHDR and pHYs chunks and the trailing IEND chunk. Pixels are
 * never decoded, and the pixel limits are checked as soon as a header states the size, before
 * anything is allocated for it: a header claiming 60,000 × 60,000 costs a few hundred bytes read.
 *
 * <p>What passes for JPEG: 8-bit Huffman-coded baseline, extended or progressive frames with one
 * (gray) or three (YCbCr or RGB) components — what a PDF reader's DCTDecode filter takes and what
 * PDF/A allows against an sRGB output intent. 12-bit precision, arithmetic coding, lossless and
 * hierarchical frames, and CMYK (four components) are {@link Kind#UNSUPPORTED}. Corruption inside
 * compressed data (as opposed to its framing) is not seen here; that needs a decoder.
 *
 * <p>What passes for TIFF and PNG is what a rendition can hold without converting a pixel: gray
 * (1, 2, 4, 8 or 16 bits), RGB or YCbCr (8 or 16 bits a sample), palette images and, for TIFF,
 * CMYK (four inks, 8 bits a sample, kept as CMYK samples by the renderer; 16-bit CMYK the JDK's TIFF
 * reader decodes as RGB with alpha, so it is refused). An alpha or other
 * extra channel, PNG transparency (tRNS), other separations, Lab and other colour spaces, and depths
 * a PDF image has not are {@link Kind#UNSUPPORTED}: a re-encoded page is recorded as lossless. (A
 * CMYK JPEG stays refused: Adobe's CMYK JPEGs store inverted samples, marked only in an APP14
 * segment that PDF readers interpret differently.)
 *
 * <p>Why this class is long: it reads three file formats' headers, each with its own framing
 * (JPEG markers, TIFF directory chains, PNG chunks), and every bound check sits next to the read it
 * guards, which is what makes the limits easy to audit; split by format, the shared limits and
 * problem mapping would be repeated three times.
 *
 * <p>Instances are immutable and thread-safe. An I/O error other than a short file (a missing or
 * unreadable file) is thrown as {@link UncheckedIOException}.
 *
 * @since 0.1
 */
public final class ImageInspector {

    /** At most this many pages in one TIFF; a longer IFD chain is taken as corrupt. */
    static final int MAX_TIFF_PAGES = 10_000;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final long maxPixels;
    private final int maxDimension;

    /**
     * An inspector with the given limits.
     *
     * @param maxPixels the most pixels (width × height) one page may have
     * @param maxDimension the longest side, in pixels, one page may have
     */
    public ImageInspector(long maxPixels, int maxDimension) {
        if (maxPixels < 1 || maxDimension < 1) {
            throw new IllegalArgumentException("limits must be >= 1");
        }
        this.maxPixels = maxPixels;
        this.maxDimension = maxDimension;
    }

    /**
     * Inspects one file; the format expected is the one its extension names.
     *
     * @param file a {@code .jpg}, {@code .jpeg}, {@code .tif}, {@code .tiff} or {@code .png} file
     * @return what it holds
     * @throws ImageProblem if it is empty, truncated, corrupt, not what its name says, too large,
     *     or of a kind that cannot be taken (an unknown extension is {@link Kind#UNSUPPORTED})
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public ImageInfo inspect(Path file) throws ImageProblem {
        ImageFormat.byExtension(file).orElseThrow(() -> new ImageProblem(
                Kind.UNSUPPORTED, "the file name has none of the extensions jpg, jpeg, tif, tiff, png"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return inspect(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Inspects a file that is open already, so that a caller that goes on to read it (a walk over
     * its compressed data) opens it once.
     *
     * @param file the file's name, for its extension
     * @param channel the file, open for reading; its position is not used
     * @return what it holds
     * @throws ImageProblem as {@link #inspect(Path)}
     * @throws UncheckedIOException if the file cannot be read
     */
    public ImageInfo inspect(Path file, FileChannel channel) throws ImageProblem {
        ImageFormat expected = ImageFormat.byExtension(file).orElseThrow(() -> new ImageProblem(
                Kind.UNSUPPORTED, "the file name has none of the extensions jpg, jpeg, tif, tiff, png"));
        try {
            HeaderReader in = new HeaderReader(channel);
            if (in.size() == 0) {
                throw new ImageProblem(Kind.EMPTY, "the file has no bytes");
            }
            ImageFormat actual = sniff(in, expected);
            if (actual != expected) {
                throw new ImageProblem(Kind.WRONG_FORMAT, "the name says " + expected
                        + ", the magic bytes say " + (actual == null ? "none of JPEG, TIFF, PNG" : actual));
            }
            return switch (expected) {
                case JPEG -> jpeg(in);
                case TIFF -> tiff(in);
                case PNG -> png(in);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The format the first bytes show; a file too short to tell but matching so far is truncated. */
    private static ImageFormat sniff(HeaderReader in, ImageFormat expected) throws ImageProblem {
        int n = (int) Math.min(8, in.size());
        byte[] head = in.bytes(0, n);
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return ImageFormat.JPEG;
        }
        if (startsWith(head, new byte[] {'I', 'I', 42, 0}) || startsWith(head, new byte[] {'M', 'M', 0, 42})) {
            return ImageFormat.TIFF;
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        byte[] magic = switch (expected) {
            case JPEG -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case TIFF -> head.length > 0 && head[0] == 'M' ? new byte[] {'M', 'M', 0, 42}
                    : new byte[] {'I', 'I', 42, 0};
            case PNG -> PNG_SIGNATURE;
        };
        if (head.length < magic.length && startsWith(magic, head)) {
            throw new ImageProblem(Kind.TRUNCATED, "the file ends within the " + expected + " signature");
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void checkSize(long width, long height) throws ImageProblem {
        if (width < 1 || height < 1) {
            throw new ImageProblem(Kind.CORRUPT, "the header gives a size of " + width + " × " + height);
        }
        if (width > maxDimension || height > maxDimension) {
            throw new ImageProblem(Kind.TOO_LARGE, "the header claims " + width + " × " + height
                    + " pixels, longer than the " + maxDimension + " allowed for a side");
        }
        if (width * height > maxPixels) {
            throw new ImageProblem(Kind.TOO_LARGE, "the header claims " + width + " × " + height
                    + " pixels, more than the " + maxPixels + " allowed");
        }
    }

    // ---- JPEG ----------------------------------------------------------------------------------

    private ImageInfo jpeg(HeaderReader in) throws ImageProblem {
        long pos = 2;
        double dpiX = 0;
        double dpiY = 0;
        boolean jfifDensity = false;
        while (true) {
            int ff = in.u8(pos);
            if (ff != 0xFF) {
                throw new ImageProblem(Kind.CORRUPT, "no JPEG marker at byte " + pos);
            }
            int marker = in.u8(pos + 1);
            while (marker == 0xFF) { // fill bytes
                pos++;
                marker = in.u8(pos + 1);
            }
            pos += 2;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
                throw new ImageProblem(Kind.CORRUPT, String.format(
                        "JPEG marker 0x%02X before any frame header (SOFn)", marker));
            }
            int length = in.u16(pos);
            if (length < 2) {
                throw new ImageProblem(Kind.CORRUPT, String.format(
                        "JPEG segment 0x%02X at byte %d has length %d", marker, pos - 2, length));
            }
            if (!in.has(pos, length)) {
                throw new ImageProblem(Kind.TRUNCATED, String.format(
                        "the file ends within JPEG segment 0x%02X at byte %d", marker, pos - 2));
            }
            if (marker == 0xE0 && length >= 16 && isJfif(in, pos + 2)) {
                int unit = in.u8(pos + 9);
                int x = in.u16(pos + 10);
                int y = in.u16(pos + 12);
                if (unit == 1 || unit == 2) {
                    double f = unit == 1 ? 1 : 2.54;
                    dpiX = x * f;
                    dpiY = y * f;
                    jfifDensity = true;
                }
            } else if (marker == 0xE1 && length >= 16 && !jfifDensity) {
                double[] exif = exifDensity(in, pos + 2, length - 2);
                if (exif != null) {
                    dpiX = exif[0];
                    dpiY = exif[1];
                }
            } else if (isSof(marker)) {
                return jpegFrame(in, marker, pos + 2, length - 2, dpiX, dpiY);
            }
            pos += length;
        }
    }

    private static boolean isSof(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean isJfif(HeaderReader in, long pos) throws ImageProblem {
        return in.u8(pos) == 'J' && in.u8(pos + 1) == 'F' && in.u8(pos + 2) == 'I'
                && in.u8(pos + 3) == 'F' && in.u8(pos + 4) == 0;
    }

    private ImageInfo jpegFrame(HeaderReader in, int marker, long pos, int length, double dpiX,
                                double dpiY) throws ImageProblem {
        if (length < 6) {
            throw new ImageProblem(Kind.CORRUPT, "JPEG frame header too short");
        }
        int precision = in.u8(pos);
        int height = in.u16(pos + 1);
        int width = in.u16(pos + 3);
        int components = in.u8(pos + 5);
        if (height == 0) {
            throw new ImageProblem(Kind.UNSUPPORTED, "JPEG frame without a height (DNL marker)");
        }
        checkSize(width, height);
        if (length < 6 + 3 * components) {
            throw new ImageProblem(Kind.CORRUPT, "JPEG frame header shorter than its components");
        }
        String sof = "SOF" + (marker - 0xC0); // per page: no Formatter
        if (marker >= 0xC9) {
            throw new ImageProblem(Kind.UNSUPPORTED, "arithmetic-coded JPEG (" + sof + ")");
        }
        if (marker == 0xC3 || marker >= 0xC5) {
            throw new ImageProblem(Kind.UNSUPPORTED, "lossless or hierarchical JPEG (" + sof + ")");
        }
        if (precision != 8) {
            throw new ImageProblem(Kind.UNSUPPORTED, precision + "-bit JPEG; DCTDecode takes 8 bits");
        }
        if (components != 1 && components != 3) {
            throw new ImageProblem(Kind.UNSUPPORTED, "JPEG with " + components
                    + " components; only gray (1) and colour (3) pass");
        }
        checkEoi(in);
        return new ImageInfo(ImageFormat.JPEG, Compression.DCT, width, height, 8, components,
                dpiX, dpiY, List.of());
    }

    /** A JPEG ends with EOI, perhaps followed by a little zero or 0xFF padding. */
    private static void checkEoi(HeaderReader in) throws ImageProblem {
        long size = in.size();
        int tail = (int) Math.min(1024, size);
        byte[] last = in.bytes(size - tail, tail);
        int i = last.length - 1;
        while (i > 0 && (last[i] == 0 || (last[i] == (byte) 0xFF && i == last.length - 1))) {
            i--;
        }
        if (i < 1 || last[i - 1] != (byte) 0xFF || last[i] != (byte) 0xD9) {
            throw new ImageProblem(Kind.TRUNCATED, "the JPEG does not end with an EOI marker");
        }
    }

    /** X and Y resolution in dpi from an EXIF APP1 segment, or null. */
    private static double[] exifDensity(HeaderReader in, long pos, int length) throws ImageProblem {
        if (!(in.u8(pos) == 'E' && in.u8(pos + 1) == 'x' && in.u8(pos + 2) == 'i'
                && in.u8(pos + 3) == 'f' && in.u8(pos + 4) == 0)) {
            return null;
        }
        long tiff = pos + 6;
        long end = pos + length;
        int bo = in.u16(tiff);
        ByteOrder order = bo == 0x4949 ? ByteOrder.LITTLE_ENDIAN : bo == 0x4D4D ? ByteOrder.BIG_ENDIAN : null;
        if (order == null) {
            return null;
        }
        in.order(order);
        try {
            long ifd = tiff + in.u32(tiff + 4);
            if (ifd + 2 > end) {
                return null;
            }
            int count = in.u16(ifd);
            double x = 0;
            double y = 0;
            int unit = 2;
            for (int e = 0; e < count && ifd + 2 + 12L * (e + 1) <= end; e++) {
                long entry = ifd + 2 + 12L * e;
                int tag = in.u16(entry);
                if (tag == 282 || tag == 283) {
                    long at = tiff + in.u32(entry + 8);
                    if (at + 8 > end) {
                        continue;
                    }
                    long den = in.u32(at + 4);
                    double v = den == 0 ? 0 : (double) in.u32(at) / den;
                    if (tag == 282) {
                        x = v;
                    } else {
                        y = v;
                    }
                } else if (tag == 296) {
                    unit = in.u16(entry + 8);
                }
            }
            if (unit == 3) {
                return new double[] {x * 2.54, y * 2.54};
            }
            return unit == 2 ? new double[] {x, y} : null;
        } finally {
            in.order(ByteOrder.BIG_ENDIAN);
        }
    }

    // ---- TIFF ----------------------------------------------------------------------------------

    private ImageInfo tiff(HeaderReader in) throws ImageProblem {
        in.order(in.u8(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = in.u32(4);
        List<TiffPage> pages = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (ifd != 0) {
            if (!seen.add(ifd) || pages.size() >= MAX_TIFF_PAGES) {
                throw new ImageProblem(Kind.CORRUPT, "the TIFF's directory chain loops or exceeds "
                        + MAX_TIFF_PAGES + " pages");
            }
            if (!in.has(ifd, 2)) {
                throw new ImageProblem(Kind.TRUNCATED, "TIFF directory " + (pages.size() + 1)
                        + " at byte " + ifd + " lies beyond the end of the file");
            }
            int count = in.u16(ifd);
            if (!in.has(ifd + 2, 12L * count + 4)) {
                throw new ImageProblem(Kind.TRUNCATED, "the file ends within TIFF directory "
                        + (pages.size() + 1));
            }
            pages.add(tiffPage(in, ifd, count, pages.size() + 1));
            ifd = in.u32(ifd + 2 + 12L * count);
        }
        TiffPage first = pages.get(0);
        return new ImageInfo(ImageFormat.TIFF, first.compression(), first.width(), first.height(),
                first.bitsPerSample(), first.samplesPerPixel(), first.dpiX(), first.dpiY(), pages);
    }

    private TiffPage tiffPage(HeaderReader in, long ifd, int count, int page) throws ImageProblem {
        long width = -1;
        long height = -1;
        int bits = 1;
        int compressionCode = 1;
        int photometric = -1;
        int fillOrder = 1;
        int samples = 1;
        long rowsPerStrip = 0xFFFFFFFFL;
        double[] resolution = {0, 0};
        int unit = 2;
        long[] offsetsEntry = null;
        long[] countsEntry = null;
        boolean extraSamples = false;
        int inkSet = 1;
        for (int e = 0; e < count; e++) {
            long entry = ifd + 2 + 12L * e;
            int tag = in.u16(entry);
            switch (tag) {
                case 256 -> width = scalar(in, entry, page);
                case 257 -> height = scalar(in, entry, page);
                case 258 -> bits = (int) scalar(in, entry, page);
                case 259 -> compressionCode = (int) scalar(in, entry, page);
                case 262 -> photometric = (int) scalar(in, entry, page);
                case 266 -> fillOrder = (int) scalar(in, entry, page);
                case 273 -> offsetsEntry = new long[] {entry};
                case 277 -> samples = (int) scalar(in, entry, page);
                case 278 -> rowsPerStrip = scalar(in, entry, page);
                case 279 -> countsEntry = new long[] {entry};
                case 282 -> resolution[0] = rational(in, entry, page);
                case 283 -> resolution[1] = rational(in, entry, page);
                case 296 -> unit = (int) scalar(in, entry, page);
                case 332 -> inkSet = (int) scalar(in, entry, page);
                case 338 -> extraSamples = true;
                case 322, 323, 324, 325 -> throw new ImageProblem(Kind.UNSUPPORTED,
                        "TIFF page " + page + " is tiled");
                default -> {
                    // other tags do not change how the page is taken
                }
            }
        }
        if (width < 0 || height < 0) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " lacks its width or height");
        }
        checkSize(width, height);
        if (offsetsEntry == null || countsEntry == null) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page
                    + " lacks strip offsets or byte counts");
        }
        Compression compression = switch (compressionCode) {
            case 1 -> Compression.NONE;
            case 3 -> Compression.CCITT_G3;
            case 4 -> Compression.CCITT_G4;
            case 5 -> Compression.LZW;
            case 8, 32946 -> Compression.DEFLATE;
            case 32773 -> Compression.PACKBITS;
            default -> Compression.OTHER;
        };
        if (photometric < 0) {
            if (bits != 1) {
                throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page
                        + " lacks its photometric interpretation");
            }
            photometric = 0; // bilevel default, as fax readers assume
        }
        if (fillOrder != 1 && fillOrder != 2) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " has fill order " + fillOrder);
        }
        if (bits < 1 || bits > 16 || samples < 1 || samples > 8) {
            throw new ImageProblem(Kind.UNSUPPORTED, "TIFF page " + page + " has " + samples
                    + " samples of " + bits + " bits");
        }
        losslessTiff(page, photometric, bits, samples, extraSamples, inkSet);
        int rows = (int) Math.min(Math.max(rowsPerStrip, 1), height);
        long strips = (height + rows - 1) / rows;
        long[] offsets = array(in, offsetsEntry[0], page, "strip offsets");
        long[] counts = array(in, countsEntry[0], page, "strip byte counts");
        if (offsets.length != counts.length || offsets.length < strips) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " has " + offsets.length
                    + " strip offsets and " + counts.length + " byte counts for " + strips + " strips");
        }
        List<Long> offsetList = new ArrayList<>(offsets.length);
        List<Long> countList = new ArrayList<>(counts.length);
        for (int i = 0; i < offsets.length; i++) {
            if (counts[i] == 0) {
                throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " strip " + (i + 1)
                        + " has no bytes");
            }
            if (!in.has(offsets[i], counts[i])) {
                throw new ImageProblem(Kind.TRUNCATED, "TIFF page " + page + " strip " + (i + 1)
                        + " runs beyond the end of the file");
            }
            offsetList.add(offsets[i]);
            countList.add(counts[i]);
        }
        double factor = unit == 3 ? 2.54 : unit == 2 ? 1 : 0;
        return new TiffPage((int) width, (int) height, compression, Photometric.of(photometric),
                fillOrder, bits, samples, resolution[0] * factor, resolution[1] * factor,
                offsetList, countList, rows);
    }

    /**
     * Refuses what a PDF/A-2b page could take only by converting its pixels: an extra (alpha)
     * channel, Lab and other colour spaces, separations other than four CMYK inks, sample depths a
     * PDF image does not have. A re-encoded page is recorded as lossless, and these would not be.
     * CMYK of 8 bits is taken: the renderer keeps its samples under an ICC-based CMYK colour space
     * (16-bit CMYK the JDK's TIFF reader decodes as RGB with alpha).
     */
    private static void losslessTiff(int page, int photometric, int bits, int samples, boolean extra,
                                     int inkSet) throws ImageProblem {
        if (extra) {
            throw new ImageProblem(Kind.UNSUPPORTED, "TIFF page " + page
                    + " has an extra (alpha) channel, which cannot be kept in PDF/A-2b without converting the page");
        }
        String kind = switch (photometric) {
            case 0, 1 -> samples == 1 && (bits == 1 || bits == 2 || bits == 4 || bits == 8 || bits == 16)
                    ? null : "gray";
            case 2, 6 -> samples == 3 && (bits == 8 || bits == 16) ? null : photometric == 2 ? "RGB" : "YCbCr";
            case 3 -> samples == 1 && (bits == 1 || bits == 2 || bits == 4 || bits == 8) ? null : "palette";
            case 5 -> samples == 4 && inkSet == 1 && bits == 8 ? null
                    : inkSet != 1 ? "separated into inks other than CMYK" : "CMYK (separated)";
            case 8, 9, 10 -> "Lab";
            default -> "photometric " + photometric;
        };
        if (kind == null) {
            return;
        }
        if (photometric <= 3 || photometric == 6 || (photometric == 5 && inkSet == 1)) {
            throw new ImageProblem(Kind.UNSUPPORTED, "TIFF page " + page + " is " + kind + " with "
                    + samples + " samples of " + bits + " bits, which a PDF image cannot hold as they are");
        }
        throw new ImageProblem(Kind.UNSUPPORTED, "TIFF page " + page + " is " + kind
                + ", which PDF/A-2b could take only by converting its colours");
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11 -> 4;
            case 5, 10, 12 -> 8;
            default -> 0;
        };
    }

    /** The first value of a BYTE, SHORT or LONG entry. */
    private static long scalar(HeaderReader in, long entry, int page) throws ImageProblem {
        int type = in.u16(entry + 2);
        long count = in.u32(entry + 4);
        if (count < 1) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " tag " + in.u16(entry)
                    + " has no value");
        }
        long at = count * typeSize(type) <= 4 ? entry + 8 : in.u32(entry + 8);
        return switch (type) {
            case 1 -> in.u8(at);
            case 3 -> in.u16(at);
            case 4 -> in.u32(at);
            default -> throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " tag "
                    + in.u16(entry) + " has type " + type + " where an integer belongs");
        };
    }

    private static double rational(HeaderReader in, long entry, int page) throws ImageProblem {
        int type = in.u16(entry + 2);
        if (type != 5) {
            return scalar(in, entry, page);
        }
        long at = in.u32(entry + 8);
        long den = in.u32(at + 4);
        return den == 0 ? 0 : (double) in.u32(at) / den;
    }

    /** All values of a SHORT or LONG entry; the count is bounded by the file's length. */
    private static long[] array(HeaderReader in, long entry, int page, String what)
            throws ImageProblem {
        int type = in.u16(entry + 2);
        long count = in.u32(entry + 4);
        int size = typeSize(type);
        if (type != 3 && type != 4) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " " + what + " have type " + type);
        }
        if (count < 1 || count * size > in.size()) {
            throw new ImageProblem(Kind.CORRUPT, "TIFF page " + page + " claims " + count + " " + what);
        }
        long at = count * size <= 4 ? entry + 8 : in.u32(entry + 8);
        if (!in.has(at, count * size)) {
            throw new ImageProblem(Kind.TRUNCATED, "TIFF page " + page + " " + what
                    + " lie beyond the end of the file");
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            values[i] = type == 3 ? in.u16(at + 2L * i) : in.u32(at + 4L * i);
        }
        return values;
    }

    // ---- PNG -----------------------------------------------------------------------------------

    private ImageInfo png(HeaderReader in) throws ImageProblem {
        long pos = 8;
        if (in.u32(pos) != 13 || in.u32(pos + 4) != 0x49484452L) { // "IHDR"
            throw new ImageProblem(Kind.CORRUPT, "the PNG does not start with an IHDR chunk");
        }
        long width = in.u32(pos + 8);
        long height = in.u32(pos + 12);
        checkSize(width, height);
        int depth = in.u8(pos + 16);
        int colorType = in.u8(pos + 17);
        int components = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new ImageProblem(Kind.CORRUPT, "PNG colour type " + colorType);
        };
        if (components == 2 || components == 4) {
            throw new ImageProblem(Kind.UNSUPPORTED, "PNG with an alpha channel (colour type " + colorType
                    + "): a scan has no transparency, and flattening it would change the page");
        }
        pos += 8 + 13 + 4;
        double dpiX = 0;
        double dpiY = 0;
        while (true) {
            long length = in.u32(pos);
            long type = in.u32(pos + 4);
            if (type == 0x504C5445L && colorType == 3) { // "PLTE": a palette of grays only is grayscale
                if (length % 3 != 0 || length > 768) {
                    throw new ImageProblem(Kind.CORRUPT, "the PNG palette has " + length + " bytes");
                }
                for (long i = 0; i < length; i += 3) {
                    int r = in.u8(pos + 8 + i);
                    if (r != in.u8(pos + 9 + i) || r != in.u8(pos + 10 + i)) {
                        components = 3;
                        break;
                    }
                }
            }
            if (type == 0x74524E53L) { // "tRNS"
                throw new ImageProblem(Kind.UNSUPPORTED, "PNG with transparency (tRNS chunk): a scan has"
                        + " none, and flattening it would change the page");
            }
            if (type == 0x70485973L && length == 9) { // "pHYs"
                if (in.u8(pos + 16) == 1) { // per metre
                    dpiX = in.u32(pos + 8) * 0.0254;
                    dpiY = in.u32(pos + 12) * 0.0254;
                }
            }
            if (type == 0x49444154L || type == 0x49454E44L) { // "IDAT", "IEND"
                break;
            }
            pos += 12 + length;
        }
        long size = in.size();
        if (size < 12 || in.u32(size - 8) != 0x49454E44L) {
            throw new ImageProblem(Kind.TRUNCATED, "the PNG does not end with an IEND chunk");
        }
        return new ImageInfo(ImageFormat.PNG, Compression.DEFLATE, (int) width, (int) height,
                depth, components, dpiX, dpiY, List.of());
    }
}
