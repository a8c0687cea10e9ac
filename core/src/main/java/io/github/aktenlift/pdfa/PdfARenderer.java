package io.github.aktenlift.pdfa;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import io.github.aktenlift.imaging.Compression;
import io.github.aktenlift.imaging.ImageFormat;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.imaging.JpegStreamCheck;
import io.github.aktenlift.imaging.Photometric;
import io.github.aktenlift.imaging.TiffPage;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.PageTreatment;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.textlayer.PageText;

/**
 * Writes one PDF/A-2b file of image pages, streaming: each source file is read once, front to
 * back, its SHA-256 taken on the way, and its compressed page data copied straight into the output
 * where the format allows.
 *
 * <ul>
 * <li>JPEG (8-bit, gray or colour) goes in as it is, under DCTDecode: the whole file is the image
 *     stream, DeviceGray for one component, DeviceRGB for three against the sRGB output intent.
 *     On its way through, its marker structure and entropy-coded data are walked ({@link
 *     JpegStreamCheck}) and its frame header compared with the inspected one; a broken file voids
 *     the rendition with a {@link PageImageException}.
 * <li>A TIFF page that is one CCITT G4 strip of one-bit pixels (fill order 1) goes in as it is,
 *     under CCITTFaxDecode (K −1, Columns, Rows, BlackIs1 true for min-is-black). The pages of a
 *     multi-page TIFF become several PDF pages; the file is still read once, its strips copied as
 *     the read passes them.
 * <li>Everything else is decoded and compressed again, losslessly, with Flate: a G4 page in several
 *     strips (each strip is coded against a white reference line of its own, so strips cannot be
 *     joined into one CCITT image), other TIFF compressions, fill order 2, and PNG. Lossless means
 *     every decoded sample kept: gray and RGB go in with their own 1, 8 or 16 bits, a palette is
 *     expanded to its 8-bit entries. A CMYK TIFF keeps its four samples of 8 bits under an
 *     ICC-based colour space: the file's own profile, or without one the CGATS001 profile PDFBox
 *     ships (which PDF/A-2b allows next to the sRGB output intent; plain DeviceCMYK it would not),
 *     and the page's description says which. Nothing is converted: transparency, Lab and other
 *     colour spaces are refused by the {@link ImageInspector}, and a decoder that still yields one
 *     of them voids the rendition with a {@link PageImageException} instead of a converted page.
 * </ul>
 *
 * <p>Memory: a copy buffer, a few numbers per page, and for a page being re-encoded its pixels
 * and compressed bytes, reserved from the JVM's {@link DecodeBudget} before decoding (a page that
 * needs more than the whole budget is refused as too large); nothing else grows with the page count. The output stream is flushed but
 * not closed.
 *
 * <p>The renderer reads no clock: the creation time comes with the request. Equal requests over
 * equal files give byte-identical PDFs (the document ID is derived from the content).
 *
 * <p>Why this class is long: it is the one writer of the rendition's fixed PDF structure —
 * objects, cross-reference table, XMP metadata, output intent and one image XObject per page, with
 * the pass-through and the re-encoding paths — and keeping the object numbering and the byte
 * offsets in one place is what keeps them consistent.
 *
 * <p>Instances are stateless and thread-safe.
 *
 * @since 0.1
 */
public final class PdfARenderer {

    private static final int COPY_BUFFER = 256 * 1024;
    /** Kids per page tree node; PDF/A's implementation limit for arrays is 8191. */
    private static final int KIDS = 1000;

    /**
     * Renders one PDF/A-2b.
     *
     * @param request the metadata and pages
     * @param out where the PDF goes; flushed, not closed
     * @return size and SHA-256 of the PDF, and per page its source hash and treatment
     * @throws PageImageException if a JPEG's compressed data turns out to be broken on the way, or a
     *     page to re-encode needs more memory than the decode budget holds
     * @throws IOException if a source cannot be read, changed length since it was inspected, or
     *     cannot be decoded for re-encoding, or if {@code out} fails
     * @throws IllegalArgumentException if a page has no resolution to size it by
     */
    public RenditionResult render(RenditionRequest request, OutputStream out) throws IOException {
        return render(request, out, true);
    }

    /**
     * Renders one PDF/A-2b, optionally without hashing the whole output: a caller that streams the
     * PDF into a content store, which hashes what it stores, saves a pass over every byte.
     *
     * @param request the metadata and pages
     * @param out where the PDF goes; flushed, not closed
     * @param hashOutput whether to hash the whole PDF ({@link RenditionResult#sha256()} is
     *     {@code null} otherwise)
     * @return size (and SHA-256) of the PDF, and per page its source hash and treatment
     * @throws IOException as {@link #render(RenditionRequest, OutputStream)}
     */
    public RenditionResult render(RenditionRequest request, OutputStream out, boolean hashOutput) throws IOException {
        return render(request, out, hashOutput, null);
    }

    /**
     * Renders one PDF/A-2b and tells what an incremental update after it needs: the seal's
     * placeholder ({@link SealPlaceholder}) is appended to the rendition without reading it again.
     *
     * @param request the metadata and pages
     * @param out where the PDF goes; flushed, not closed
     * @param hashOutput whether to hash the whole PDF
     * @param revision receives the finished file's {@link Revision}, or {@code null}
     * @return size (and SHA-256) of the PDF, and per page its source hash and treatment
     * @throws IOException as {@link #render(RenditionRequest, OutputStream)}
     */
    public RenditionResult render(RenditionRequest request, OutputStream out, boolean hashOutput,
            java.util.function.Consumer<Revision> revision) throws IOException {
        List<PageSource> pages = request.pages();
        for (int i = 0; i < pages.size(); i++) {
            double[] dpi = dpi(pages.get(i));
            if (!(dpi[0] > 0) || !(dpi[1] > 0)) {
                throw new IllegalArgumentException("page " + (i + 1)
                        + " gives no resolution, so its size on paper is unknown");
            }
        }
        PdfOutput pdf = new PdfOutput(out, hashOutput);
        pdf.header();
        byte[] copy = new byte[COPY_BUFFER];

        // one pass per source file, in order of first use; pages asked for twice share one image
        Map<Path, TreeSet<Integer>> byFile = new LinkedHashMap<>();
        Map<Path, ImageInfo> infos = new LinkedHashMap<>();
        for (PageSource p : pages) {
            byFile.computeIfAbsent(p.file(), f -> new TreeSet<>()).add(p.pageInFile());
            infos.putIfAbsent(p.file(), p.info());
        }
        Map<Path, Map<Integer, Image>> images = new LinkedHashMap<>();
        for (Map.Entry<Path, TreeSet<Integer>> e : byFile.entrySet()) {
            Path file = e.getKey();
            ImageInfo info = infos.get(file);
            Map<Integer, Image> written = switch (info.format()) {
                case JPEG -> Map.of(1, jpeg(pdf, file, info, copy));
                case PNG -> Map.of(1, png(pdf, file, info));
                case TIFF -> tiff(pdf, file, info, e.getValue(), copy);
            };
            images.put(file, written);
        }

        int icc = pdf.allocate();
        pdf.stream(icc, " /N 3", PdfAMetadata.srgbProfile());
        int intent = pdf.allocate();
        pdf.object(intent, "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
                + PdfOutput.text(PdfAMetadata.OUTPUT_CONDITION) + " /Info "
                + PdfOutput.text(PdfAMetadata.OUTPUT_CONDITION) + " /DestOutputProfile " + icc
                + " 0 R >>");
        // a rendition with a text layer declares PDF/A-2u: all its text maps to Unicode
        boolean withText = pages.stream().anyMatch(p -> p.text() != null);
        PdfAMetadata meta = new PdfAMetadata(request.title(), request.created(),
                request.documentType(), request.fileReference(), request.barcode(),
                request.documentDate(), withText);
        TextLayer layer = new TextLayer();
        int metadata = pdf.allocate();
        pdf.stream(metadata, " /Type /Metadata /Subtype /XML", meta.xmp());
        int info = pdf.allocate();
        pdf.object(info, PdfOutput.infoDictionary(meta.info()));

        // page tree: a flat list up to KIDS pages, else one level of intermediate nodes
        int root = pdf.allocate();
        int nodes = pages.size() <= KIDS ? 0 : (pages.size() + KIDS - 1) / KIDS;
        int[] node = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            node[i] = pdf.allocate();
        }
        int[] pageObjects = new int[pages.size()];
        List<PageRendition> results = new ArrayList<>(pages.size());
        Map<Double, String> numbers = new java.util.HashMap<>(); // pages of a document mostly share their size
        for (int i = 0; i < pages.size(); i++) {
            PageSource p = pages.get(i);
            Image image = images.get(p.file()).get(p.pageInFile());
            double[] dpi = dpi(p);
            String w = numbers.computeIfAbsent(image.width / dpi[0] * 72, PdfOutput::number);
            String h = numbers.computeIfAbsent(image.height / dpi[1] * 72, PdfOutput::number);
            String text = p.text() == null ? "" : layer.page(pdf, text(p, image), dpi[0], dpi[1]);
            int content = pdf.allocate();
            byte[] ops = ("q " + w + " 0 0 " + h + " 0 0 cm /Im0 Do Q" + text)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                pdf.stream(content, "", ops);
            } else {
                // a page's words are some kilobytes of operators, which compress to a quarter
                pdf.stream(content, " /Filter /FlateDecode", ReportFont.flate(ops));
            }
            pageObjects[i] = pdf.allocate();
            int parent = nodes == 0 ? root : node[i / KIDS];
            pdf.object(pageObjects[i], "<< /Type /Page /Parent " + parent + " 0 R /MediaBox [0 0 "
                    + w + " " + h + "] /Resources << /XObject << /Im0 " + image.object
                    + " 0 R >>" + (text.isEmpty() ? "" : " /Font << /F0 " + layer.font() + " 0 R >>")
                    + " >> /Contents " + content + " 0 R >>");
            results.add(new PageRendition(i + 1, image.sourceSha256, p.pageInFile(),
                    image.treatment, image.how, image.width, image.height, dpi[0], dpi[1]));
        }
        if (nodes == 0) {
            pdf.object(root, pages(-1, pageObjects, 0, pageObjects.length));
        } else {
            StringBuilder kids = new StringBuilder();
            for (int i = 0; i < nodes; i++) {
                int from = i * KIDS;
                int to = Math.min(pageObjects.length, from + KIDS);
                pdf.object(node[i], pages(root, pageObjects, from, to));
                kids.append(node[i]).append(" 0 R ");
            }
            pdf.object(root, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>");
        }
        layer.finish(pdf);
        int catalog = pdf.allocate();
        pdf.catalog(catalog, "<< /Type /Catalog /Pages " + root + " 0 R /Metadata " + metadata
                + " 0 R /OutputIntents [" + intent + " 0 R] >>");
        PdfOutput.Written written = pdf.finish(catalog, info, idSeed(request, results));
        if (revision != null) {
            revision.accept(pdf.revision().orElseThrow());
        }
        return new RenditionResult(written.size(), written.sha256(), results);
    }

    /** What identifies a rendition's content when its bytes are not hashed: metadata and page hashes. */
    private static byte[] idSeed(RenditionRequest r, List<PageRendition> pages) {
        StringBuilder b = new StringBuilder(128 + 80 * pages.size());
        b.append(r.title()).append('\n').append(r.documentType()).append('\n').append(r.documentDate()).append('\n')
                .append(r.fileReference()).append('\n').append(r.barcode()).append('\n').append(r.created());
        for (PageRendition p : pages) {
            b.append('\n').append(p.sourceSha256()).append('#').append(p.pageInSource()).append(' ').append(p.how());
        }
        return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String pages(int parent, int[] objects, int from, int to) {
        StringBuilder b = new StringBuilder(16 + 8 * (to - from)).append("<< /Type /Pages ");
        if (parent > 0) {
            b.append("/Parent ").append(parent).append(" 0 R ");
        }
        b.append("/Kids [");
        for (int i = from; i < to; i++) {
            b.append(objects[i]).append(" 0 R ");
        }
        return b.append("] /Count ").append(to - from).append(" >>").toString();
    }

    /** The page's text, which must have been recognised on an image of this page's size. */
    private static PageText text(PageSource p, Image image) throws IOException {
        PageText t = p.text().load();
        if (t.width() != image.width || t.height() != image.height) {
            throw new IOException("the text of a page was recognised on an image of " + t.width() + "x" + t.height()
                    + " px, the page has " + image.width + "x" + image.height + " px");
        }
        return t;
    }

    private static double[] dpi(PageSource p) {
        ImageInfo info = p.info();
        if (info.format() == ImageFormat.TIFF) {
            TiffPage t = info.pages().get(p.pageInFile() - 1);
            return new double[] {t.dpiX(), t.dpiY()};
        }
        return new double[] {info.dpiX(), info.dpiY()};
    }

    /** An image XObject written, and what it came from. */
    private record Image(int object, int width, int height, String sourceSha256,
                         PageTreatment treatment, String how) {
    }

    // ---- JPEG ----------------------------------------------------------------------------------

    private static Image jpeg(PdfOutput pdf, Path file, ImageInfo info, byte[] copy)
            throws IOException {
        MessageDigest source = PdfOutput.sha256();
        // the marker and entropy-coded data walk rides along: the bytes are read once
        JpegStreamCheck check = new JpegStreamCheck();
        int object = pdf.allocate();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            pdf.beginStream(object, " /Type /XObject /Subtype /Image /Width " + info.width()
                    + " /Height " + info.height() + " /ColorSpace "
                    + (info.components() == 1 ? "/DeviceGray" : "/DeviceRGB")
                    + " /BitsPerComponent 8 /Filter /DCTDecode", size);
            transfer(channel, 0, size, source, check, pdf, copy, file);
            pdf.endStream();
        }
        try {
            check.finish();
            check.expectFrame(info);
        } catch (ImageProblem e) {
            throw new PageImageException(file.toString(), e);
        }
        return new Image(object, info.width(), info.height(), hex(source), PageTreatment.PASSTHROUGH,
                "JPEG→DCT passthrough");
    }

    /**
     * Reads {@code length} bytes at {@code from}, into the digest, the check and the PDF, each if
     * one is given.
     */
    private static void transfer(FileChannel channel, long from, long length, MessageDigest digest,
                                 JpegStreamCheck check, PdfOutput pdf, byte[] copy, Path file)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        long done = 0;
        while (done < length) {
            buffer.clear();
            buffer.limit((int) Math.min(copy.length, length - done));
            int n = channel.read(buffer, from + done);
            if (n < 0) {
                throw new IOException("a page image file became shorter after it was inspected: "
                        + file.getFileName());
            }
            if (digest != null) {
                digest.update(copy, 0, n);
            }
            if (check != null) {
                try {
                    check.update(copy, 0, n);
                } catch (ImageProblem e) {
                    throw new PageImageException(file.toString(), e);
                }
            }
            if (pdf != null) {
                pdf.bytes(copy, 0, n);
            }
            done += n;
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    // ---- TIFF ----------------------------------------------------------------------------------

    private static Map<Integer, Image> tiff(PdfOutput pdf, Path file, ImageInfo info,
                                            TreeSet<Integer> wanted, byte[] copy) throws IOException {
        record Strip(int page, long offset, long length) {
        }
        List<Strip> passthrough = new ArrayList<>();
        List<Integer> reencode = new ArrayList<>();
        for (int page : wanted) {
            TiffPage t = info.pages().get(page - 1);
            if (t.compression() == Compression.CCITT_G4 && t.singleBilevelStrip()
                    && t.fillOrder() == 1
                    && (t.photometric() == Photometric.MIN_IS_WHITE
                        || t.photometric() == Photometric.MIN_IS_BLACK)) {
                passthrough.add(new Strip(page, t.stripOffsets().get(0), t.stripByteCounts().get(0)));
            } else {
                reencode.add(page);
            }
        }
        passthrough.sort(Comparator.comparingLong(Strip::offset));
        Map<Integer, Image> done = new LinkedHashMap<>();
        Map<Integer, Integer> objects = new LinkedHashMap<>();
        MessageDigest source = PdfOutput.sha256();
        List<Strip> late = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            for (Strip s : passthrough) {
                if (s.offset() < position) { // overlaps the one before: copied after the pass
                    late.add(s);
                    continue;
                }
                transfer(channel, position, s.offset() - position, source, null, null, copy, file);
                int object = pdf.allocate();
                objects.put(s.page(), object);
                pdf.beginStream(object, ccittDictionary(info.pages().get(s.page() - 1)), s.length());
                transfer(channel, s.offset(), s.length(), source, null, pdf, copy, file);
                pdf.endStream();
                position = s.offset() + s.length();
            }
            transfer(channel, position, size - position, source, null, null, copy, file);
            for (Strip s : late) {
                int object = pdf.allocate();
                objects.put(s.page(), object);
                pdf.beginStream(object, ccittDictionary(info.pages().get(s.page() - 1)), s.length());
                transfer(channel, s.offset(), s.length(), null, null, pdf, copy, file);
                pdf.endStream();
            }
        }
        String sha = hex(source);
        for (Strip s : passthrough) {
            TiffPage t = info.pages().get(s.page() - 1);
            done.put(s.page(), new Image(objects.get(s.page()), t.width(), t.height(), sha,
                    PageTreatment.PASSTHROUGH, "TIFF G4→CCITT G4 passthrough"));
        }
        if (!reencode.isEmpty()) {
            ImageReader reader = reader("tiff");
            try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
                reader.setInput(in);
                for (int page : reencode) {
                    TiffPage t = info.pages().get(page - 1);
                    String from = t.compression() == Compression.CCITT_G4
                            ? (t.stripOffsets().size() > 1
                                ? "TIFF G4 in " + t.stripOffsets().size() + " strips"
                                : "TIFF G4 fill order " + t.fillOrder())
                            : "TIFF " + t.compression();
                    try (DecodeBudget.Reservation r = reserve(file,
                            DecodeBudget.need(t.width(), t.height(), t.samplesPerPixel(), t.bitsPerSample()))) {
                        BufferedImage image = reader.read(page - 1);
                        done.put(page, flate(pdf, image, sha, from, file.toString()));
                    }
                }
            } finally {
                reader.dispose();
            }
        }
        return done;
    }

    private static String ccittDictionary(TiffPage t) {
        return " /Type /XObject /Subtype /Image /Width " + t.width() + " /Height " + t.height()
                + " /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode"
                + " /DecodeParms << /K -1 /Columns " + t.width() + " /Rows " + t.height()
                + (t.photometric() == Photometric.MIN_IS_BLACK ? " /BlackIs1 true" : "") + " >>";
    }

    // ---- re-encoding ---------------------------------------------------------------------------

    private static Image png(PdfOutput pdf, Path file, ImageInfo info) throws IOException {
        try (DecodeBudget.Reservation r = reserve(file,
                DecodeBudget.need(info.width(), info.height(), info.components(), info.bitsPerComponent()))) {
            return decodedPng(pdf, file);
        }
    }

    /** Reserves decoding memory for a page of the file, or refuses the page as too large. */
    private static DecodeBudget.Reservation reserve(Path file, long bytes) throws IOException {
        try {
            return DecodeBudget.JVM.reserve(bytes);
        } catch (ImageProblem e) {
            throw new PageImageException(file.toString(), e);
        }
    }

    private static Image decodedPng(PdfOutput pdf, Path file) throws IOException {
        MessageDigest source = PdfOutput.sha256();
        BufferedImage image;
        ImageReader reader = reader("png");
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(raw, source)) {
            // our own memory cache: ImageIO's default may spill to temp files, and its switch is JVM-wide
            try (ImageInputStream iis = new MemoryCacheImageInputStream(in)) {
                reader.setInput(iis);
                image = reader.read(0);
            }
            in.transferTo(OutputStream.nullOutputStream()); // hash what the decoder left unread
        } finally {
            reader.dispose();
        }
        return flate(pdf, image, hex(source), "PNG", file.toString());
    }

    private static ImageReader reader(String format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format + " in this JDK");
        }
        return readers.next();
    }

    /** Writes a decoded image as a Flate-compressed image XObject. */
    private static Image flate(PdfOutput pdf, BufferedImage image, String sha, String from, String file)
            throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        String dictionary;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(w * h / 8 + 1024);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 64 * 1024)) {
            if (cm instanceof IndexColorModel icm && icm.getMapSize() == 2
                    && raster.getSampleModel() instanceof MultiPixelPackedSampleModel sm
                    && sm.getPixelBitStride() == 1 && isGrayPair(icm)
                    && raster.getDataBuffer() instanceof DataBufferByte data
                    && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
                int row = (w + 7) / 8;
                byte[] bytes = data.getData();
                int stride = sm.getScanlineStride();
                int offset = data.getOffset() + sm.getDataBitOffset() / 8;
                if (sm.getDataBitOffset() % 8 != 0) {
                    throw new IOException("bilevel raster with a bit offset");
                }
                for (int y = 0; y < h; y++) {
                    z.write(bytes, offset + y * stride, row);
                }
                boolean zeroIsWhite = (icm.getRGB(0) & 0xFFFFFF) == 0xFFFFFF;
                dictionary = "/ColorSpace /DeviceGray /BitsPerComponent 1"
                        + (zeroIsWhite ? " /Decode [1 0]" : "");
            } else if (cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                    && !cm.hasAlpha() && raster.getNumBands() == 1
                    && (cm.getComponentSize(0) == 8 || cm.getComponentSize(0) == 16)) {
                int bits = cm.getComponentSize(0);
                int[] samples = new int[w];
                byte[] row = new byte[w * bits / 8];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, 0, samples);
                    if (bits == 8) {
                        for (int x = 0; x < w; x++) {
                            row[x] = (byte) samples[x];
                        }
                    } else {
                        for (int x = 0; x < w; x++) {
                            row[2 * x] = (byte) (samples[x] >> 8);
                            row[2 * x + 1] = (byte) samples[x];
                        }
                    }
                    z.write(row);
                }
                dictionary = "/ColorSpace /DeviceGray /BitsPerComponent " + bits;
            } else if (cm instanceof IndexColorModel icm && !icm.hasAlpha()
                    && icm.getTransparency() == java.awt.Transparency.OPAQUE && raster.getNumBands() == 1) {
                // palette entries are 8-bit sRGB values: expanding them keeps every pixel's colour
                boolean gray = isGrayPalette(icm);
                int[] samples = new int[w];
                byte[] row = new byte[gray ? w : 3 * w];
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, 0, samples);
                    for (int x = 0; x < w; x++) {
                        int rgb = icm.getRGB(samples[x]);
                        if (gray) {
                            row[x] = (byte) rgb;
                        } else {
                            row[3 * x] = (byte) (rgb >> 16);
                            row[3 * x + 1] = (byte) (rgb >> 8);
                            row[3 * x + 2] = (byte) rgb;
                        }
                    }
                    z.write(row);
                }
                dictionary = gray ? "/ColorSpace /DeviceGray /BitsPerComponent 8"
                        : "/ColorSpace /DeviceRGB /BitsPerComponent 8";
            } else if (cm.getColorSpace().isCS_sRGB() && !cm.hasAlpha() && cm.getNumComponents() == 3
                    && raster.getNumBands() == 3 && sameComponentSize(cm, 8, 16)) {
                // the samples themselves, 8 or 16 bits: no colour conversion, no reduction
                int bits = cm.getComponentSize(0);
                writeSamples(raster, 3, bits, z);
                dictionary = "/ColorSpace /DeviceRGB /BitsPerComponent " + bits;
            } else if (cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_CMYK && !cm.hasAlpha()
                    && cm.getNumComponents() == 4 && raster.getNumBands() == 4 && sameComponentSize(cm, 8, 16)) {
                // CMYK samples as they are, under an ICC-based CMYK space: PDF/A-2b allows that next
                // to the sRGB output intent, where plain DeviceCMYK would need a CMYK intent
                CmykProfile profile = cmykProfile(cm, from, file);
                int bits = cm.getComponentSize(0);
                writeSamples(raster, 4, bits, z);
                dictionary = "/ColorSpace [/ICCBased " + pdf.iccProfile(profile.data(), 4) + " 0 R] /BitsPerComponent "
                        + bits;
                from = from + " CMYK " + bits + "-bit, " + profile.note();
            } else {
                // the inspector refuses every other kind (alpha, Lab, other colour spaces), so
                // this is a decoder's surprise: refuse rather than convert and call it lossless
                throw new PageImageException(file, new ImageProblem(ImageProblem.Kind.UNSUPPORTED,
                        from + " decodes to " + describe(cm, raster)
                        + ", which cannot be written losslessly in PDF/A-2b"));
            }
        } finally {
            deflater.end();
        }
        int object = pdf.allocate();
        pdf.stream(object, " /Type /XObject /Subtype /Image /Width " + w + " /Height " + h + " "
                + dictionary + " /Filter /FlateDecode", compressed.toByteArray());
        return new Image(object, w, h, sha, PageTreatment.REENCODED,
                from + "→Flate lossless");
    }

    /**
     * Writes the raster's samples as they are, row by row, big-endian: what a PDF image of that
     * many components per pixel and that many bits per component holds.
     *
     * @param bands samples per pixel (3 for RGB, 4 for CMYK)
     * @param bits 8 or 16
     */
    private static void writeSamples(Raster raster, int bands, int bits, OutputStream z)
            throws IOException {
        int w = raster.getWidth();
        int[] samples = new int[bands * w];
        byte[] row = new byte[bands * w * bits / 8];
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
            if (bits == 8) {
                for (int i = 0; i < samples.length; i++) {
                    row[i] = (byte) samples[i];
                }
            } else {
                for (int i = 0; i < samples.length; i++) {
                    row[2 * i] = (byte) (samples[i] >> 8);
                    row[2 * i + 1] = (byte) samples[i];
                }
            }
            z.write(row);
        }
    }

    /** The ICC profile a CMYK page goes in with, and what the scan protocol says about it. */
    private record CmykProfile(byte[] data, String note) {
    }

    /** Name of the CMYK profile assigned to CMYK pages whose file brings none (PDFBox's, CC0). */
    static final String DEFAULT_CMYK = "CGATS001Compat-v2-micro";

    private static volatile byte[] defaultCmyk;

    /**
     * The file's own ICC profile when it has one (ImageIO hands it over as the colour space), else
     * the CGATS001 (SWOP-compatible) profile PDFBox ships, which is what PDF readers assume for
     * uncalibrated CMYK. Either way the samples are kept; only the profile says how they look. A
     * profile PDF/A-2b cannot carry (ICC version above 4, an unusual device class) refuses the page.
     */
    private static CmykProfile cmykProfile(ColorModel cm, String from, String file) throws IOException {
        if (cm.getColorSpace() instanceof java.awt.color.ICC_ColorSpace ics) {
            java.awt.color.ICC_Profile p = ics.getProfile();
            int cls = p.getProfileClass();
            if (p.getMajorVersion() > 4 || p.getColorSpaceType() != java.awt.color.ColorSpace.TYPE_CMYK
                    || !(cls == java.awt.color.ICC_Profile.CLASS_INPUT || cls == java.awt.color.ICC_Profile.CLASS_OUTPUT
                        || cls == java.awt.color.ICC_Profile.CLASS_DISPLAY
                        || cls == java.awt.color.ICC_Profile.CLASS_COLORSPACECONVERSION)) {
                throw new PageImageException(file, new ImageProblem(ImageProblem.Kind.UNSUPPORTED,
                        from + " carries an ICC profile (version " + p.getMajorVersion() + ", class " + cls
                        + ") that PDF/A-2b cannot embed"));
            }
            return new CmykProfile(p.getData(), "samples kept under the file's ICC profile");
        }
        byte[] p = defaultCmyk;
        if (p == null) {
            try (InputStream in = org.apache.pdfbox.pdmodel.PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/icc/" + DEFAULT_CMYK + ".icc")) {
                if (in == null) {
                    throw new IOException("PDFBox's CMYK ICC profile " + DEFAULT_CMYK + " is missing");
                }
                p = in.readAllBytes();
            }
            defaultCmyk = p;
        }
        return new CmykProfile(p, "samples kept, no ICC profile in the file: " + DEFAULT_CMYK + " assigned");
    }

    private static boolean isGrayPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++) {
            int rgb = icm.getRGB(i);
            int r = (rgb >> 16) & 0xFF;
            if (r != ((rgb >> 8) & 0xFF) || r != (rgb & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameComponentSize(ColorModel cm, int... allowed) {
        int first = cm.getComponentSize(0);
        for (int c = 1; c < cm.getNumComponents(); c++) {
            if (cm.getComponentSize(c) != first) {
                return false;
            }
        }
        for (int a : allowed) {
            if (a == first) {
                return true;
            }
        }
        return false;
    }

    /** Colour space type, components, sizes and alpha: no pixel values. */
    private static String describe(ColorModel cm, Raster raster) {
        int[] sizes = cm.getComponentSize();
        return "colour space type " + cm.getColorSpace().getType() + " with " + cm.getNumComponents()
                + " components of " + java.util.Arrays.toString(sizes) + " bits in " + raster.getNumBands()
                + " bands" + (cm.hasAlpha() ? " and alpha" : "");
    }

    private static boolean isGrayPair(IndexColorModel icm) {
        int a = icm.getRGB(0) & 0xFFFFFF;
        int b = icm.getRGB(1) & 0xFFFFFF;
        return (a == 0 && b == 0xFFFFFF) || (a == 0xFFFFFF && b == 0);
    }
}
