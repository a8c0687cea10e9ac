package io.github.aktenlift.pdfa;

import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.PageTreatment;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;

/**
 * A page the scan protocol records as passed through or re-encoded losslessly has, in the
 * rendition, exactly the samples its source decodes to: for every kind of image the inspector lets
 * through, the rendition's image is decoded by PDFBox (not by Aktenlift) and compared sample by
 * sample with the source as the JDK's decoders read it. Kinds that could only be converted are
 * refused before anything is written.
 */
@DisplayName("Lossless means every decoded sample kept")
class LosslessPixelsTest {

    static final ImageInspector INSPECTOR = new ImageInspector(100_000_000L, 20_000);
    static final int W = 173;
    static final int H = 91;

    @TempDir
    static Path dir;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("PNG gray 8", (Source) f -> png(gray(8), f)),
                Arguments.of("PNG gray 16", (Source) f -> png(gray(16), f)),
                Arguments.of("PNG gray 4", (Source) f -> png(palette(4, true), f)),
                Arguments.of("PNG RGB 8", (Source) f -> png(rgb(8), f)),
                Arguments.of("PNG RGB 16", (Source) f -> png(rgb(16), f)),
                Arguments.of("PNG palette colour", (Source) f -> png(palette(8, false), f)),
                Arguments.of("PNG bilevel", (Source) f -> png(palette(1, true), f)),
                Arguments.of("TIFF LZW gray 8", (Source) f -> tiff(gray(8), "LZW", f)),
                Arguments.of("TIFF Deflate gray 16", (Source) f -> tiff(gray(16), "Deflate", f)),
                Arguments.of("TIFF Deflate RGB 8", (Source) f -> tiff(rgb(8), "Deflate", f)),
                Arguments.of("TIFF LZW RGB 16", (Source) f -> tiff(rgb(16), "LZW", f)),
                Arguments.of("TIFF PackBits palette", (Source) f -> tiff(palette(8, false), "PackBits", f)),
                Arguments.of("TIFF uncompressed RGB 8", (Source) f -> tiff(rgb(8), null, f)),
                Arguments.of("TIFF uncompressed CMYK 8", (Source) f -> Files.write(f, cmykTiff(8))),
                Arguments.of("TIFF LZW gray 4", (Source) f -> tiff(palette(4, true), "LZW", f)),
                Arguments.of("TIFF uncompressed gray 2", (Source) f -> tiff(palette(2, true), null, f)),
                Arguments.of("TIFF LZW palette 4", (Source) f -> tiff(palette(4, false), "LZW", f)),
                Arguments.of("TIFF bilevel uncompressed", (Source) f -> tiff(palette(1, true), null, f)),
                Arguments.of("TIFF bilevel PackBits", (Source) f -> tiff(palette(1, true), "PackBits", f)),
                Arguments.of("TIFF CCITT T.4 (G3)", (Source) f -> tiff(palette(1, true), "CCITT T.4", f)),
                Arguments.of("PNG gray 2", (Source) f -> png(palette(2, true), f)),
                Arguments.of("TIFF G4, one strip (passed through)", (Source) f ->
                        ScanGenerator.withSeed(5).withGeometry(PageGeometry.a4(75)).writeG4(f, 1, PageKind.TEXT)),
                Arguments.of("TIFF G4 in strips (re-encoded)", (Source) f ->
                        ScanGenerator.withSeed(6).withGeometry(PageGeometry.a4(75)).withRowsPerStrip(32)
                                .writeG4(f, 2, PageKind.LETTER)),
                Arguments.of("JPEG gray (passed through)", (Source) f ->
                        ScanGenerator.withSeed(7).withGeometry(PageGeometry.a4(75)).writeJpeg(f, 3, PageKind.TEXT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("the rendition's image decodes to the source's samples")
    void samplesKept(String kind, Source source) throws Exception {
        String extension = kind.startsWith("PNG") ? ".png" : kind.startsWith("JPEG") ? ".jpg" : ".tif";
        Path file = dir.resolve(kind.replaceAll("[^A-Za-z0-9]+", "-") + extension);
        source.write(file);
        ImageInfo info = INSPECTOR.inspect(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PageRendition page = new PdfARenderer().render(request(PageSource.of(file, info)), out).pages().get(0);
        byte[] pdf = out.toByteArray();
        assertPdfA2b(pdf);
        assertThat(page.how()).doesNotContain("reduced", "flattened");
        if (page.treatment() == PageTreatment.REENCODED) {
            assertThat(page.how()).endsWith("→Flate lossless");
        }
        BufferedImage expected = ImageIO.read(file.toFile());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDImageXObject image = (PDImageXObject) doc.getPage(0).getResources()
                    .getXObject(COSName.getPDFName("Im0"));
            assertThat(image.getWidth()).isEqualTo(expected.getWidth());
            assertThat(image.getHeight()).isEqualTo(expected.getHeight());
            if (image.getBitsPerComponent() == 1) {
                assertSameBlackAndWhite(expected, image.getImage(), kind);
            } else {
                assertSameSamples(expected, image.getRawRaster(), image.getBitsPerComponent(), kind);
            }
        }
    }

    @Test
    @DisplayName("a CMYK TIFF keeps its samples, rich black included, and the protocol says which ICC profile goes with them")
    void cmykKept() throws Exception {
        int bits = 8;
        Path file = dir.resolve("cmyk.tif");
        Files.write(file, cmykTiff(bits));
        ImageInfo info = INSPECTOR.inspect(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PageRendition page = new PdfARenderer().render(request(PageSource.of(file, info)), out).pages().get(0);
        assertPdfA2b(out.toByteArray());
        assertThat(page.treatment()).isEqualTo(PageTreatment.REENCODED);
        assertThat(page.how()).isEqualTo("TIFF NONE CMYK " + bits + "-bit, samples kept, no ICC profile in the file: "
                + PdfARenderer.DEFAULT_CMYK + " assigned→Flate lossless");
        Raster source = ImageIO.read(file.toFile()).getRaster();
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            PDImageXObject image = (PDImageXObject) doc.getPage(0).getResources()
                    .getXObject(COSName.getPDFName("Im0"));
            assertThat(image.getColorSpace().getName()).isEqualTo("ICCBased");
            assertThat(image.getColorSpace().getNumberOfComponents()).isEqualTo(4);
            Raster raw = image.getRawRaster();
            assertThat(raw.getNumBands()).isEqualTo(4);
            int[] expected = new int[4];
            int[] actual = new int[4];
            java.util.Set<java.util.List<Integer>> colours = new java.util.HashSet<>();
            for (int y = 0; y < source.getHeight(); y++) {
                for (int x = 0; x < source.getWidth(); x++) {
                    source.getPixel(x, y, expected);
                    raw.getPixel(x, y, actual);
                    assertThat(actual).as("CMYK %d-bit at (%d, %d)", bits, x, y).containsExactly(expected);
                    colours.add(java.util.List.of(expected[0], expected[1], expected[2], expected[3]));
                }
            }
            raw.getPixel(0, 0, actual);
            assertThat(actual).containsExactly(189, 174, 170, 229);
            assertThat(colours).as("distinct colours").hasSizeGreaterThan(100);
        }
    }

    @Test
    @DisplayName("separations other than four CMYK inks of 8 bits are refused before anything is written")
    void otherSeparationsRefused() throws IOException {
        for (byte[] tiff : List.of(rawTiff(5, 3, 8, false), rawTiff(5, 4, 4, false), rawTiff(5, 4, 16, false))) {
            Path file = Files.write(dir.resolve("separated.tif"), tiff);
            assertThatThrownBy(() -> INSPECTOR.inspect(file))
                    .isInstanceOfSatisfying(ImageProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(ImageProblem.Kind.UNSUPPORTED);
                        assertThat(p.getMessage()).contains("TIFF page 1", "CMYK");
                    });
        }
    }

    @Test
    @DisplayName("a TIFF with an alpha channel, a Lab TIFF and a 12-bit gray TIFF are refused, naming the page")
    void otherConversionsRefused() throws IOException {
        for (byte[] tiff : List.of(rawTiff(2, 4, 8, true), rawTiff(8, 3, 8, false), rawTiff(1, 1, 12, false))) {
            Path file = Files.write(dir.resolve("refused.tif"), tiff);
            assertThatThrownBy(() -> INSPECTOR.inspect(file))
                    .isInstanceOfSatisfying(ImageProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(ImageProblem.Kind.UNSUPPORTED);
                        assertThat(p.getMessage()).contains("TIFF page 1");
                    });
        }
    }

    @Test
    @DisplayName("a PNG with an alpha channel or with transparency is refused, not flattened")
    void transparencyRefused() throws IOException {
        Path alpha = dir.resolve("alpha.png");
        BufferedImage argb = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(3, 4, 0x80FF0000);
        png(argb, alpha);
        Path trns = dir.resolve("trns.png");
        byte[] r = new byte[] {0, (byte) 200, 10};
        IndexColorModel transparent = new IndexColorModel(8, 3, r, r, r, 1);
        png(new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, transparent), trns);
        for (Path file : List.of(alpha, trns)) {
            assertThatThrownBy(() -> INSPECTOR.inspect(file))
                    .isInstanceOfSatisfying(ImageProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(ImageProblem.Kind.UNSUPPORTED);
                        assertThat(p.getMessage()).containsIgnoringCase("transparency");
                    });
        }
    }

    // ---- comparison ----------------------------------------------------------------------------

    /** Samples of the source as the rendition must hold them: palettes expanded to their entries. */
    static void assertSameSamples(BufferedImage source, Raster rendition, int bits, String kind) {
        Raster src = source.getRaster();
        boolean indexed = source.getColorModel() instanceof IndexColorModel;
        IndexColorModel icm = indexed ? (IndexColorModel) source.getColorModel() : null;
        int bands = rendition.getNumBands();
        int[] actual = new int[bands];
        int[] expected = new int[Math.max(3, Math.max(bands, src.getNumBands()))];
        long compared = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                rendition.getPixel(x, y, actual);
                if (indexed) {
                    int rgb = icm.getRGB(src.getSample(x, y, 0));
                    expected[0] = bands == 1 ? rgb & 0xFF : (rgb >> 16) & 0xFF;
                    expected[1] = (rgb >> 8) & 0xFF;
                    expected[2] = rgb & 0xFF;
                } else {
                    assertThat(src.getNumBands()).as(kind + ": bands").isEqualTo(bands);
                    src.getPixel(x, y, expected);
                }
                for (int b = 0; b < bands; b++) {
                    if (actual[b] != expected[b]) {
                        throw new AssertionError(kind + ": sample " + b + " at (" + x + ", " + y + ") is "
                                + actual[b] + " in the rendition, " + expected[b] + " in the source ("
                                + bits + " bits)");
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo((long) source.getWidth() * source.getHeight() * bands);
    }

    static void assertSameBlackAndWhite(BufferedImage source, BufferedImage rendition, String kind) {
        long black = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                boolean s = (source.getRGB(x, y) & 0xFF) < 128;
                boolean r = (rendition.getRGB(x, y) & 0xFF) < 128;
                if (s != r) {
                    throw new AssertionError(kind + ": pixel (" + x + ", " + y + ") is "
                            + (r ? "black" : "white") + " in the rendition, " + (s ? "black" : "white") + " in the source");
                }
                black += s ? 1 : 0;
            }
        }
        assertThat(black).as(kind + ": a page with some black").isPositive();
    }

    // ---- sources -------------------------------------------------------------------------------

    @FunctionalInterface
    interface Source {
        void write(Path file) throws IOException;
    }

    static RenditionRequest request(PageSource page) {
        return new RenditionRequest("Lossless", "APPLICATION", LocalDate.of(2020, 1, 2), "32.1-AZ-1",
                "AKT-000001", Instant.parse("2026-12-02T10:00:00Z"), List.of(page));
    }

    static BufferedImage gray(int bits) {
        BufferedImage image = new BufferedImage(W, H, bits == 8 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_USHORT_GRAY);
        fill(image.getRaster(), bits, 11);
        return image;
    }

    static BufferedImage rgb(int bits) {
        if (bits == 8) {
            BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
            fill(image.getRaster(), 8, 12);
            return image;
        }
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
        fill(raster, 16, 13);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A palette image of 2^bits entries: grays (a ramp) or colours (random). */
    static BufferedImage palette(int bits, boolean grays) {
        int size = 1 << bits;
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        Random random = new Random(bits);
        for (int i = 0; i < size; i++) {
            int level = grays ? i * 255 / (size - 1) : random.nextInt(256);
            r[i] = (byte) level;
            g[i] = (byte) (grays ? level : random.nextInt(256));
            b[i] = (byte) (grays ? level : random.nextInt(256));
        }
        IndexColorModel icm = new IndexColorModel(bits, size, r, g, b);
        BufferedImage image = new BufferedImage(W, H,
                bits < 8 ? BufferedImage.TYPE_BYTE_BINARY : BufferedImage.TYPE_BYTE_INDEXED, icm);
        fill(image.getRaster(), bits, 14);
        return image;
    }

    /** Random samples in the full range, with a few runs so that compressors have work. */
    static void fill(WritableRaster raster, int bits, long seed) {
        Random random = new Random(seed);
        int max = (1 << bits) - 1;
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                for (int band = 0; band < raster.getNumBands(); band++) {
                    int value = (x / 9 + y / 5) % 3 == 0 ? max : random.nextInt(max + 1);
                    raster.setSample(x, y, band, value);
                }
            }
        }
    }

    static void png(BufferedImage image, Path file) throws IOException {
        PdfARendererTest.writePng(image, file, 150);
    }

    static void tiff(BufferedImage image, String compression, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (OutputStream out = Files.newOutputStream(file);
             ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            IIOMetadata defaults = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            TIFFDirectory ifd = TIFFDirectory.createFromMetadata(defaults);
            BaselineTIFFTagSet base = BaselineTIFFTagSet.getInstance();
            for (int tag : new int[] {BaselineTIFFTagSet.TAG_X_RESOLUTION, BaselineTIFFTagSet.TAG_Y_RESOLUTION}) {
                ifd.addTIFFField(new TIFFField(base.getTag(tag), TIFFTag.TIFF_RATIONAL, 1, new long[][] {{150, 1}}));
            }
            ifd.addTIFFField(new TIFFField(base.getTag(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT),
                    BaselineTIFFTagSet.RESOLUTION_UNIT_INCH));
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, ifd.getAsMetadata()), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A one-strip uncompressed little-endian TIFF with the given photometric interpretation,
     * samples and depth — written by hand, because the JDK's writer makes no CMYK or Lab files.
     */
    static byte[] rawTiff(int photometric, int samples, int bits, boolean alpha) {
        return rawTiff(photometric, samples, bits, alpha, 8, 4);
    }

    static byte[] rawTiff(int photometric, int samples, int bits, boolean alpha, int w, int h) {
        int strip = (w * h * samples * bits + 7) / 8;
        int entries = alpha ? 13 : 12;
        int ifd = 8;
        int extra = ifd + 2 + 12 * entries + 4;
        int bitsAt = extra;
        int xres = bitsAt + 2 * samples;
        int yres = xres + 8;
        int data = yres + 8;
        ByteBuffer b = ByteBuffer.allocate(data + strip).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 3, 1, w);
        entry(b, 257, 3, 1, h);
        entry(b, 258, 3, samples, samples == 1 ? bits : bitsAt);
        entry(b, 259, 3, 1, 1);
        entry(b, 262, 3, 1, photometric);
        entry(b, 273, 4, 1, data);
        entry(b, 277, 3, 1, samples);
        entry(b, 278, 3, 1, h);
        entry(b, 279, 4, 1, strip);
        entry(b, 282, 5, 1, xres);
        entry(b, 283, 5, 1, yres);
        entry(b, 296, 3, 1, 2);
        if (alpha) {
            entry(b, 338, 3, 1, 2);
        }
        b.putInt(0);
        for (int s = 0; s < samples; s++) {
            b.putShort((short) bits);
        }
        b.putInt(300).putInt(1).putInt(300).putInt(1);
        return b.array();
    }

    /**
     * An uncompressed CMYK TIFF of {@value #W} × {@value #H} with random samples, many colours and a
     * rich black cmyk(189, 174, 170, 229) at its top left — the colour the RGB conversion once
     * turned into rgb(45, 50, 52).
     */
    static byte[] cmykTiff(int bits) {
        byte[] header = rawTiff(5, 4, bits, false, W, H);
        ByteBuffer b = ByteBuffer.wrap(header);
        Random random = new Random(bits);
        b.position(header.length - W * H * 4);
        int[] rich = {189, 174, 170, 229};
        for (int i = 0; i < W * H; i++) {
            for (int c = 0; c < 4; c++) {
                b.put((byte) (i == 0 ? rich[c] : i % 7 == 0 ? 255 : random.nextInt(256)));
            }
        }
        return header;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
