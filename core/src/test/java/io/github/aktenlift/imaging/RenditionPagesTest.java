package io.github.aktenlift.imaging;

import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Taking page images back out of a rendition")
class RenditionPagesTest {

    private static final PageGeometry PAGE = PageGeometry.a4(100);

    @TempDir
    Path tmp;

    private static void addPage(PDDocument doc, PDImageXObject img, int dpi) throws IOException {
        PDPage page = new PDPage(new PDRectangle(img.getWidth() * 72f / dpi, img.getHeight() * 72f / dpi));
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            cs.drawImage(img, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
        }
    }

    /** @return how many pixels differ (never the pixels themselves: an assertion on arrays prints them all) */
    private static long differingPixels(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        long diff = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                diff += (a.getRGB(x, y) & 0xffffff) == (b.getRGB(x, y) & 0xffffff) ? 0 : 1;
            }
        }
        return diff;
    }

    @Test
    @DisplayName("JPEG pages come back byte for byte, G4 pages as a TIFF around the same bytes with the same pixels")
    void roundTrip() throws Exception {
        ScanGenerator gen = ScanGenerator.withSeed(5).withGeometry(PAGE);
        Path jpg = tmp.resolve("p1.jpg");
        Path tif = tmp.resolve("p2.tif");
        gen.writeJpeg(jpg, 1, PageKind.TEXT);
        gen.writeG4(tif, 2, PageKind.LETTER);
        Path png = tmp.resolve("p3.png");
        ImageIO.write(ImageIO.read(jpg.toFile()), "png", png.toFile());

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            addPage(doc, JPEGFactory.createFromByteArray(doc, Files.readAllBytes(jpg)), 100);
            addPage(doc, CCITTFactory.createFromFile(doc, tif.toFile()), 100);
            addPage(doc, LosslessFactory.createFromImage(doc, ImageIO.read(png.toFile())), 100);
            doc.save(pdf);
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        ImageInspector inspector = new ImageInspector(100_000_000L, 20_000);
        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            Path j = RenditionPages.extract(doc, 0, out, "a");
            Path t = RenditionPages.extract(doc, 1, out, "b");
            Path p = RenditionPages.extract(doc, 2, out, "c");
            assertThat(Files.readAllBytes(j)).isEqualTo(Files.readAllBytes(jpg));

            ImageInfo info = inspector.inspect(t);
            assertThat(info.format()).isEqualTo(ImageFormat.TIFF);
            assertThat(info.compression()).isEqualTo(Compression.CCITT_G4);
            assertThat(info.width()).isEqualTo(PAGE.widthPx());
            assertThat(Math.round(info.dpiX())).isEqualTo(100);
            assertThat(differingPixels(ImageIO.read(t.toFile()), ImageIO.read(tif.toFile()))).isZero();

            assertThat(p.getFileName().toString()).endsWith(".png");
            assertThat(differingPixels(ImageIO.read(p.toFile()), ImageIO.read(png.toFile()))).isZero();
        }
    }
}
