package io.github.aktenlift.pdfa;

import static io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.rendition.PageRendition;
import io.github.aktenlift.rendition.PageTreatment;
import io.github.aktenlift.rendition.RenditionResult;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;

@DisplayName("PDF/A-2b renditions of scanned pages")
class PdfARendererTest {

    static final Instant CREATED = Instant.parse("2026-11-25T09:30:00Z");
    static final ImageInspector INSPECTOR = new ImageInspector(100_000_000L, 20_000);
    static final ScanGenerator GENERATOR = ScanGenerator.withSeed(42);

    @TempDir
    static Path dir;
    static Path jpeg;
    static Path g4;
    static Path multi;

    @BeforeAll
    static void pages() throws IOException {
        jpeg = dir.resolve("p0001.jpg");
        GENERATOR.writeJpeg(jpeg, 1, PageKind.LETTER);
        g4 = dir.resolve("p0002.tif");
        GENERATOR.writeG4(g4, 2, PageKind.TEXT);
        multi = dir.resolve("multi.tif");
        GENERATOR.withGeometry(PageGeometry.a4(150)).writeG4MultiPage(multi, 3,
                List.of(PageKind.TEXT, PageKind.BLANK, PageKind.LETTER));
    }

    static ImageInfo inspect(Path file) {
        try {
            return INSPECTOR.inspect(file);
        } catch (ImageProblem e) {
            throw new AssertionError(e);
        }
    }

    static RenditionRequest request(List<PageSource> pages) {
        return new RenditionRequest("Antrag auf Erteilung einer Aufenthaltserlaubnis", "APPLICATION",
                LocalDate.of(2019, 3, 14), "32.1-AZ-2019/0815", "AKT-000123", CREATED, pages);
    }

    record Rendered(byte[] pdf, RenditionResult result) {
    }

    static Rendered render(List<PageSource> pages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenditionResult result = new PdfARenderer().render(request(pages), out);
        byte[] pdf = out.toByteArray();
        assertThat(result.size()).isEqualTo(pdf.length);
        assertThat(result.sha256()).isEqualTo(sha256(pdf));
        assertPdfA2b(pdf);
        return new Rendered(pdf, result);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** The raw (still encoded) bytes of the image on a page. */
    static byte[] rawImage(PDDocument doc, int page) throws IOException {
        PDPage p = doc.getPage(page);
        COSName name = p.getResources().getXObjectNames().iterator().next();
        PDImageXObject image = (PDImageXObject) p.getResources().getXObject(name);
        COSStream stream = image.getCOSObject();
        try (InputStream in = stream.createRawInputStream()) {
            return in.readAllBytes();
        }
    }

    static byte[] slice(Path file, long offset, long length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + length));
    }

    @Nested
    @DisplayName("a JPEG page")
    class Jpeg {
        @Test
        @DisplayName("goes in byte for byte under DCTDecode, on an A4 page, hashed as its file")
        void passthrough() throws IOException {
            Rendered r = render(List.of(PageSource.of(jpeg, inspect(jpeg))));
            PageRendition page = r.result().pages().get(0);
            assertThat(page.treatment()).isEqualTo(PageTreatment.PASSTHROUGH);
            assertThat(page.how()).isEqualTo("JPEG→DCT passthrough");
            assertThat(page.sourceSha256()).isEqualTo(sha256(jpeg));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(rawImage(doc, 0)).isEqualTo(Files.readAllBytes(jpeg));
                PDImageXObject image = (PDImageXObject) doc.getPage(0).getResources()
                        .getXObject(COSName.getPDFName("Im0"));
                assertThat(image.getCOSObject().getCOSName(COSName.FILTER)).isEqualTo(COSName.DCT_DECODE);
                assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.2f, within(0.1f));
                assertThat(doc.getPage(0).getMediaBox().getHeight()).isCloseTo(841.9f, within(0.2f));
            }
        }
    }

    @Nested
    @DisplayName("a G4 TIFF page")
    class G4 {
        @Test
        @DisplayName("goes in as its one strip under CCITTFaxDecode and looks like the TIFF")
        void passthrough() throws IOException {
            ImageInfo info = inspect(g4);
            Rendered r = render(List.of(PageSource.of(g4, info)));
            PageRendition page = r.result().pages().get(0);
            assertThat(page.treatment()).isEqualTo(PageTreatment.PASSTHROUGH);
            assertThat(page.sourceSha256()).isEqualTo(sha256(g4));
            var strip = info.pages().get(0);
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(rawImage(doc, 0)).isEqualTo(
                        slice(g4, strip.stripOffsets().get(0), strip.stripByteCounts().get(0)));
                assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(595.2f, within(0.1f));
                // black stays black: the decoded PDF image equals the TIFF's pixels
                BufferedImage fromPdf = ((PDImageXObject) doc.getPage(0).getResources()
                        .getXObject(COSName.getPDFName("Im0"))).getImage();
                BufferedImage fromTiff = ImageIO.read(g4.toFile());
                assertThat(samePixels(fromPdf, fromTiff)).isTrue();
            }
        }

        @Test
        @DisplayName("a multi-page TIFF becomes one PDF page per image, its file hashed once")
        void multiPage() throws IOException {
            ImageInfo info = inspect(multi);
            assertThat(info.pageCount()).isEqualTo(3);
            List<PageSource> pages = PageSource.allOf(multi, info);
            assertThat(pages).extracting(PageSource::pageInFile).containsExactly(1, 2, 3);
            Rendered r = render(pages);
            assertThat(r.result().pages()).extracting(PageRendition::treatment)
                    .containsOnly(PageTreatment.PASSTHROUGH);
            assertThat(r.result().pages()).extracting(PageRendition::sourceSha256)
                    .containsOnly(sha256(multi));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(3);
                for (int i = 0; i < 3; i++) {
                    var strip = info.pages().get(i);
                    assertThat(rawImage(doc, i)).isEqualTo(
                            slice(multi, strip.stripOffsets().get(0), strip.stripByteCounts().get(0)));
                    assertThat(doc.getPage(i).getMediaBox().getWidth()).isCloseTo(595.2f, within(0.5f));
                }
            }
        }

        @Test
        @DisplayName("a G4 page in several strips is re-encoded losslessly, and says so")
        void multiStrip() throws IOException {
            Path strips = dir.resolve("strips.tif");
            GENERATOR.withGeometry(PageGeometry.a4(100)).withRowsPerStrip(64).writeG4(strips, 7, PageKind.TEXT);
            ImageInfo info = inspect(strips);
            assertThat(info.pages().get(0).stripOffsets()).hasSizeGreaterThan(1);
            Rendered r = render(List.of(PageSource.of(strips, info)));
            PageRendition page = r.result().pages().get(0);
            assertThat(page.treatment()).isEqualTo(PageTreatment.REENCODED);
            assertThat(page.how()).startsWith("TIFF G4 in").endsWith("→Flate lossless");
            assertThat(page.sourceSha256()).isEqualTo(sha256(strips));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                BufferedImage fromPdf = ((PDImageXObject) doc.getPage(0).getResources()
                        .getXObject(COSName.getPDFName("Im0"))).getImage();
                assertThat(samePixels(fromPdf, ImageIO.read(strips.toFile()))).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("a PNG page")
    class Png {
        @Test
        @DisplayName("is re-encoded with Flate, pixel for pixel, and recorded as such")
        void reencoded() throws IOException {
            Path png = dir.resolve("p0009.png");
            BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 300; x++) {
                    image.setRGB(x, y, (x * 7 << 16) | (y * 3 << 8) | ((x + y) & 0xff));
                }
            }
            writePng(image, png, 100);
            Rendered r = render(List.of(PageSource.of(png, inspect(png))));
            PageRendition page = r.result().pages().get(0);
            assertThat(page.treatment()).isEqualTo(PageTreatment.REENCODED);
            assertThat(page.how()).isEqualTo("PNG→Flate lossless");
            assertThat(page.sourceSha256()).isEqualTo(sha256(png));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(216f, within(0.1f));
                BufferedImage fromPdf = ((PDImageXObject) doc.getPage(0).getResources()
                        .getXObject(COSName.getPDFName("Im0"))).getImage();
                assertThat(samePixels(fromPdf, image)).isTrue();
            }
        }
    }

    @Nested
    @DisplayName("a mixed document")
    class Mixed {
        @Test
        @DisplayName("keeps the page order, metadata in XMP and Info, and no personal data")
        void mixed() throws IOException {
            ImageInfo multiInfo = inspect(multi);
            Rendered r = render(List.of(PageSource.of(jpeg, inspect(jpeg)),
                    new PageSource(multi, multiInfo, 2), PageSource.of(g4, inspect(g4)),
                    new PageSource(multi, multiInfo, 1)));
            assertThat(r.result().pages()).extracting(PageRendition::pageInSource)
                    .containsExactly(1, 2, 1, 1);
            assertThat(r.result().pages()).extracting(PageRendition::sourceSha256)
                    .containsExactly(sha256(jpeg), sha256(multi), sha256(g4), sha256(multi));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(4);
                assertThat(rawImage(doc, 0)).isEqualTo(Files.readAllBytes(jpeg));
                var second = multiInfo.pages().get(1);
                assertThat(rawImage(doc, 1)).isEqualTo(slice(multi, second.stripOffsets().get(0),
                        second.stripByteCounts().get(0)));
                String xmp;
                try (InputStream in = doc.getDocumentCatalog().getMetadata().exportXMPMetadata()) {
                    xmp = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertThat(xmp).contains("Antrag auf Erteilung einer Aufenthaltserlaubnis",
                        "<dc:type><rdf:Bag><rdf:li>APPLICATION</rdf:li>", "32.1-AZ-2019/0815",
                        "AKT-000123", "2019-03-14", "<pdfaid:part>2</pdfaid:part>",
                        "2026-11-25T09:30:00+00:00");
                assertThat(xmp).doesNotContain("dc:creator", "Author");
                assertThat(doc.getDocumentInformation().getTitle())
                        .isEqualTo("Antrag auf Erteilung einer Aufenthaltserlaubnis");
                assertThat(doc.getDocumentInformation().getAuthor()).isNull();
                assertThat(doc.getEncryption()).isNull();
            }
        }

        @Test
        @DisplayName("more than 1,000 pages get a two-level page tree; a page asked for twice is stored once")
        void manyPages() throws IOException {
            Path small = dir.resolve("small.tif");
            GENERATOR.withGeometry(PageGeometry.small()).writeG4(small, 11, PageKind.TEXT);
            PageSource page = PageSource.of(small, inspect(small));
            List<PageSource> pages = java.util.Collections.nCopies(1200, page);
            Rendered r = render(pages);
            assertThat(r.result().pages()).hasSize(1200);
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(1200);
                assertThat(doc.getPages().getCOSObject().getCOSArray(COSName.KIDS).size()).isEqualTo(2);
                assertThat(rawImage(doc, 1199)).isEqualTo(rawImage(doc, 0));
            }
            assertThat((long) r.pdf().length).isLessThan(1200 * 400 + Files.size(small) * 2);
        }

        @Test
        @DisplayName("a page without a resolution is refused before anything is written")
        void noResolution() throws IOException {
            Path png = dir.resolve("nodpi.png");
            ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PdfARenderer().render(
                    request(List.of(PageSource.of(png, inspect(png)))), out))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page 1");
            assertThat(out.size()).isZero();
        }

        @Test
        @DisplayName("equal requests give byte-identical PDFs")
        void deterministic() throws IOException {
            List<PageSource> pages = List.of(PageSource.of(g4, inspect(g4)), PageSource.of(jpeg, inspect(jpeg)));
            assertThat(render(pages).pdf()).isEqualTo(render(pages).pdf());
        }

        @Test
        @DisplayName("renders a page that looks like its source")
        void looks() throws IOException {
            Rendered r = render(List.of(PageSource.of(jpeg, inspect(jpeg))));
            try (PDDocument doc = Loader.loadPDF(r.pdf())) {
                BufferedImage shown = new PDFRenderer(doc).renderImage(0, 0.25f);
                assertThat(shown.getWidth()).isBetween(147, 150);
            }
        }
    }

    static void writePng(BufferedImage image, Path file, int dpi) throws IOException {
        var writer = ImageIO.getImageWritersByFormatName("png").next();
        var param = writer.getDefaultWriteParam();
        var metadata = writer.getDefaultImageMetadata(
                javax.imageio.ImageTypeSpecifier.createFromRenderedImage(image), param);
        var phys = new javax.imageio.metadata.IIOMetadataNode("pHYs");
        String ppm = Integer.toString((int) Math.round(dpi / 0.0254));
        phys.setAttribute("pixelsPerUnitXAxis", ppm);
        phys.setAttribute("pixelsPerUnitYAxis", ppm);
        phys.setAttribute("unitSpecifier", "meter");
        var root = new javax.imageio.metadata.IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        try (OutputStream out = Files.newOutputStream(file);
             var ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /** Whether two images show the same pixels, compared as sRGB. */
    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
                    return false;
                }
            }
        }
        return true;
    }
}
