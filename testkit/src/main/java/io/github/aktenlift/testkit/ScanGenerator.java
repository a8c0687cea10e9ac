package io.github.aktenlift.testkit;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apiguardian.api.API;

/**
 * Writes synthetic scanned pages, and whole scan deliveries, that are deterministic by seed: the
 * same seed, geometry and settings give byte-identical files.
 *
 * <p>Pages are grayscale baseline JPEGs (8 bits, one component, JFIF density in dpi) or bitonal
 * TIFFs with CCITT T.6 (Group 4) compression and resolution tags, single-page or multi-page. What is
 * on them looks like office paper from a distance: margins, letterheads, lines of word-shaped
 * blocks, signatures, stamps, blank backs with grain or dust. No fonts are used, so the generator
 * runs on headless servers that have none.
 *
 * <p>Memory stays bounded: at most one page image is held at a time, and each file's compressed
 * bytes are buffered only until the file is complete (a TIFF writer must go back to patch offsets),
 * then streamed out and hashed once on the way. The JVM-wide {@link ImageIO#setUseCache} switch is
 * never touched; the generator uses its own in-memory stream cache.
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return changed copies.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ScanGenerator {

    /** JPEG quality used unless {@link #withJpegQuality} says otherwise. */
    public static final float DEFAULT_JPEG_QUALITY = 0.85f;

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private final long seed;
    private final PageGeometry geometry;
    private final float jpegQuality;
    private final int rowsPerStrip;

    private ScanGenerator(long seed, PageGeometry geometry, float jpegQuality, int rowsPerStrip) {
        this.seed = seed;
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1]: " + jpegQuality);
        }
        if (rowsPerStrip < 0) {
            throw new IllegalArgumentException("rowsPerStrip must be >= 0: " + rowsPerStrip);
        }
        this.jpegQuality = jpegQuality;
        this.rowsPerStrip = rowsPerStrip;
    }

    /**
     * A generator for A4 pages at 300 dpi, JPEG quality 0.85, one TIFF strip per page.
     *
     * @param seed what every page's content is derived from
     * @return the generator
     */
    public static ScanGenerator withSeed(long seed) {
        return new ScanGenerator(seed, PageGeometry.A4_300, DEFAULT_JPEG_QUALITY, 0);
    }

    /**
     * A copy that writes pages of another size or resolution.
     *
     * @param geometry pixel size and dpi
     * @return the changed copy
     */
    public ScanGenerator withGeometry(PageGeometry geometry) {
        return new ScanGenerator(seed, geometry, jpegQuality, rowsPerStrip);
    }

    /**
     * A copy with another JPEG quality.
     *
     * @param quality in (0, 1], as {@link ImageWriteParam#setCompressionQuality} takes it
     * @return the changed copy
     */
    public ScanGenerator withJpegQuality(float quality) {
        return new ScanGenerator(seed, geometry, quality, rowsPerStrip);
    }

    /**
     * A copy that splits each TIFF page into strips of this many rows.
     *
     * @param rows rows per strip, or 0 for one strip per page (the default, and what most scanners
     *     write)
     * @return the changed copy
     */
    public ScanGenerator withRowsPerStrip(int rows) {
        return new ScanGenerator(seed, geometry, jpegQuality, rows);
    }

    /**
     * The seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The page geometry.
     *
     * @return the geometry, never {@code null}
     */
    public PageGeometry geometry() {
        return geometry;
    }

    /**
     * The JPEG quality.
     *
     * @return the quality in (0, 1]
     */
    public float jpegQuality() {
        return jpegQuality;
    }

    /**
     * The rows per TIFF strip.
     *
     * @return rows per strip, 0 for one strip per page
     */
    public int rowsPerStrip() {
        return rowsPerStrip;
    }

    /**
     * Writes one page in the given format. The stream is not closed.
     *
     * @param format JPEG or G4
     * @param out where the bytes go
     * @param page which page of this seed's endless sequence to paint; the same number paints the
     *     same content in both formats
     * @param kind what is on the page
     * @return size and SHA-256 of the bytes written
     * @throws IOException if {@code out} fails
     */
    public WrittenImage write(PageFormat format, OutputStream out, long page, PageKind kind)
            throws IOException {
        return switch (format) {
            case JPEG -> writeJpeg(out, page, kind);
            case G4 -> writeG4(out, page, kind);
        };
    }

    /**
     * Writes one page in the given format to a file, replacing it if it exists and creating
     * missing parent directories.
     *
     * @param format JPEG or G4
     * @param file the file
     * @param page which page of this seed's sequence to paint
     * @param kind what is on the page
     * @return size and SHA-256 of the file
     * @throws IOException if the file cannot be written
     */
    public WrittenImage write(PageFormat format, Path file, long page, PageKind kind)
            throws IOException {
        return toFile(file, out -> write(format, out, page, kind));
    }

    /**
     * Writes one grayscale baseline JPEG page. The stream is not closed.
     *
     * @param out where the bytes go
     * @param page which page of this seed's sequence to paint
     * @param kind what is on the page
     * @return size and SHA-256 of the bytes written
     * @throws IOException if {@code out} fails
     */
    public WrittenImage writeJpeg(OutputStream out, long page, PageKind kind) throws IOException {
        HashingOutputStream hashing = new HashingOutputStream(out);
        encodeJpeg(paint(page, kind, false), hashing, geometry.dpi(), jpegQuality);
        return hashing.result(1);
    }

    /**
     * Writes one grayscale baseline JPEG page to a file.
     *
     * @param file the file, replaced if it exists
     * @param page which page of this seed's sequence to paint
     * @param kind what is on the page
     * @return size and SHA-256 of the file
     * @throws IOException if the file cannot be written
     */
    public WrittenImage writeJpeg(Path file, long page, PageKind kind) throws IOException {
        return toFile(file, out -> writeJpeg(out, page, kind));
    }

    /**
     * Writes a page of known words, grayscale JPEG or bitonal G4, at the text's geometry and
     * resolution; {@link KnownText#alto(int)} and {@link KnownText#hocr()} give its OCR result.
     *
     * @param format JPEG or G4
     * @param file the file, replaced if it exists
     * @param text the words and their boxes
     * @param legible whether to draw the words with a font, for an OCR engine to read (needs a font
     *     on the machine), or as letter-sized blocks inside their boxes (needs none)
     * @return size and SHA-256 of the file
     * @throws IOException if the file cannot be written
     * @since 0.2
     */
    public WrittenImage write(PageFormat format, Path file, KnownText text, boolean legible) throws IOException {
        return toFile(file, out -> write(format, out, text, legible));
    }

    /**
     * Writes a page of known words to a stream, which is not closed; see
     * {@link #write(PageFormat, Path, KnownText, boolean)}.
     *
     * @param format JPEG or G4
     * @param out where the bytes go
     * @param text the words and their boxes
     * @param legible whether to draw the words with a font, or as blocks
     * @return size and SHA-256 of the bytes written
     * @throws IOException if {@code out} fails
     * @since 0.2
     */
    public WrittenImage write(PageFormat format, OutputStream out, KnownText text, boolean legible)
            throws IOException {
        HashingOutputStream hashing = new HashingOutputStream(out);
        BufferedImage image = PagePainter.paintText(text, format == PageFormat.G4, legible, seed);
        int dpi = text.geometry().dpi();
        if (format == PageFormat.G4) {
            encodeG4(image, hashing, dpi);
        } else {
            encodeJpeg(image, hashing, dpi, jpegQuality);
        }
        return hashing.result(1);
    }

    /**
     * Writes one bitonal CCITT G4 TIFF page. The stream is not closed.
     *
     * @param out where the bytes go
     * @param page which page of this seed's sequence to paint
     * @param kind what is on the page
     * @return size and SHA-256 of the bytes written
     * @throws IOException if {@code out} fails
     */
    public WrittenImage writeG4(OutputStream out, long page, PageKind kind) throws IOException {
        return writeG4MultiPage(out, page, List.of(kind));
    }

    /**
     * Writes one bitonal CCITT G4 TIFF page to a file.
     *
     * @param file the file, replaced if it exists
     * @param page which page of this seed's sequence to paint
     * @param kind what is on the page
     * @return size and SHA-256 of the file
     * @throws IOException if the file cannot be written
     */
    public WrittenImage writeG4(Path file, long page, PageKind kind) throws IOException {
        return toFile(file, out -> writeG4(out, page, kind));
    }

    /**
     * Writes a multi-page bitonal CCITT G4 TIFF, one image file directory per page, painting and
     * encoding one page at a time. The stream is not closed.
     *
     * @param out where the bytes go
     * @param firstPage the sequence number of the first page; the others follow it
     * @param kinds what is on each page, at least one
     * @return size, SHA-256 and page count of the bytes written
     * @throws IOException if {@code out} fails
     */
    public WrittenImage writeG4MultiPage(OutputStream out, long firstPage, List<PageKind> kinds)
            throws IOException {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a TIFF needs at least one page");
        }
        HashingOutputStream hashing = new HashingOutputStream(out);
        ImageWriter writer = writer("tiff");
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(hashing)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            if (kinds.size() > 1) {
                writer.prepareWriteSequence(null);
            }
            IIOMetadata metadata = null;
            for (int i = 0; i < kinds.size(); i++) {
                BufferedImage image = paint(firstPage + i, kinds.get(i), true);
                if (metadata == null) {
                    metadata = tiffMetadata(writer, param, image);
                }
                IIOImage page = new IIOImage(image, null, metadata);
                if (kinds.size() > 1) {
                    writer.writeToSequence(page, param);
                } else {
                    writer.write(null, page, param);
                }
            }
            if (kinds.size() > 1) {
                writer.endWriteSequence();
            }
        } finally {
            writer.dispose();
        }
        return hashing.result(kinds.size());
    }

    /**
     * Writes a multi-page bitonal CCITT G4 TIFF to a file.
     *
     * @param file the file, replaced if it exists
     * @param firstPage the sequence number of the first page
     * @param kinds what is on each page, at least one
     * @return size, SHA-256 and page count of the file
     * @throws IOException if the file cannot be written
     */
    public WrittenImage writeG4MultiPage(Path file, long firstPage, List<PageKind> kinds)
            throws IOException {
        return toFile(file, out -> writeG4MultiPage(out, firstPage, kinds));
    }

    /**
     * Writes a delivery folder: page files under {@code dir/<barcode>/<document>/} and an
     * {@code index.json} describing them, as a scan service hands them over. The index is written
     * under a temporary name and renamed when complete, so a watcher never sees half an index.
     *
     * @param dir the delivery folder; created if missing, files in it are replaced
     * @param spec what to write, including the seed and the faults to inject
     * @return what was written
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if a fault names a page the case file does not have
     */
    public static Delivery writeDelivery(Path dir, DeliverySpec spec) throws IOException {
        return new DeliveryWriter(dir, spec).write();
    }

    BufferedImage paint(long page, PageKind kind, boolean bitonal) {
        return PagePainter.paint(geometry, Objects.requireNonNull(kind, "kind"), bitonal,
                pageSeed(seed, page));
    }

    /** Decorrelates neighbouring seeds and page numbers (SplittableRandom's own mixing step). */
    static long pageSeed(long seed, long page) {
        long z = seed + (page + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static void encodeJpeg(RenderedImage image, OutputStream out, int dpi, float quality)
            throws IOException {
        ImageWriter writer = writer("jpeg");
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(JPEG_METADATA);
            IIOMetadataNode jfif = (IIOMetadataNode) root.getElementsByTagName("app0JFIF").item(0);
            jfif.setAttribute("resUnits", "1"); // dots per inch
            jfif.setAttribute("Xdensity", Integer.toString(dpi));
            jfif.setAttribute("Ydensity", Integer.toString(dpi));
            try {
                metadata.setFromTree(JPEG_METADATA, root);
            } catch (IIOInvalidTreeException e) {
                throw new IllegalStateException("the JDK's own JFIF tree was rejected", e);
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    static void encodeG4(RenderedImage image, OutputStream out, int dpi) throws IOException {
        ImageWriter writer = writer("tiff");
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            writer.write(null, new IIOImage(image, null,
                    tiffMetadata(writer, param, image, dpi, 0)), param);
        } finally {
            writer.dispose();
        }
    }

    private IIOMetadata tiffMetadata(ImageWriter writer, ImageWriteParam param, RenderedImage image)
            throws IOException {
        return tiffMetadata(writer, param, image, geometry.dpi(), rowsPerStrip);
    }

    /** Resolution in dpi and the strip layout, set through the TIFF plugin's own tag set. */
    private static IIOMetadata tiffMetadata(ImageWriter writer, ImageWriteParam param,
                                            RenderedImage image, int dpi, int rowsPerStrip)
            throws IOException {
        IIOMetadata defaults = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(image), param);
        TIFFDirectory directory = TIFFDirectory.createFromMetadata(defaults);
        BaselineTIFFTagSet tags = BaselineTIFFTagSet.getInstance();
        long[][] resolution = {{dpi, 1}};
        directory.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_X_RESOLUTION),
                TIFFTag.TIFF_RATIONAL, 1, resolution));
        directory.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_Y_RESOLUTION),
                TIFFTag.TIFF_RATIONAL, 1, resolution));
        directory.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT),
                BaselineTIFFTagSet.RESOLUTION_UNIT_INCH));
        int rows = rowsPerStrip == 0 ? image.getHeight() : Math.min(rowsPerStrip, image.getHeight());
        directory.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_ROWS_PER_STRIP),
                TIFFTag.TIFF_LONG, 1, new long[] {rows}));
        return directory.getAsMetadata();
    }

    static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + format + " in this JDK");
        }
        return writers.next();
    }

    /** Something that writes one file's bytes to a stream. */
    interface Encoding {
        WrittenImage writeTo(OutputStream out) throws IOException;
    }

    static WrittenImage toFile(Path file, Encoding encoding) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            return encoding.writeTo(out);
        }
    }
}
