package io.github.aktenlift.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The scan generator")
class ScanGeneratorTest {

    private static final PageGeometry SMALL = PageGeometry.small();
    private static final ScanGenerator GENERATOR = ScanGenerator.withSeed(42).withGeometry(SMALL);

    static byte[] jpeg(ScanGenerator generator, long page, PageKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WrittenImage written = generator.writeJpeg(out, page, kind);
        assertThat(written.size()).isEqualTo(out.size());
        assertThat(written.sha256()).isEqualTo(HashingOutputStream.hex(out.toByteArray()));
        return out.toByteArray();
    }

    static byte[] g4(ScanGenerator generator, long page, PageKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WrittenImage written = generator.writeG4(out, page, kind);
        assertThat(written.size()).isEqualTo(out.size());
        assertThat(written.sha256()).isEqualTo(HashingOutputStream.hex(out.toByteArray()));
        return out.toByteArray();
    }

    @Nested
    @DisplayName("is deterministic")
    class Determinism {

        @Test
        @DisplayName("the same seed and page give byte-identical JPEG and G4 files")
        void sameSeedSameBytes() throws IOException {
            for (PageKind kind : PageKind.values()) {
                assertThat(jpeg(ScanGenerator.withSeed(42).withGeometry(SMALL), 3, kind))
                        .isEqualTo(jpeg(GENERATOR, 3, kind));
                assertThat(g4(ScanGenerator.withSeed(42).withGeometry(SMALL), 3, kind))
                        .isEqualTo(g4(GENERATOR, 3, kind));
            }
        }

        @Test
        @DisplayName("another seed or another page number gives other bytes")
        void otherSeedOtherBytes() throws IOException {
            ScanGenerator other = ScanGenerator.withSeed(43).withGeometry(SMALL);
            assertThat(jpeg(other, 3, PageKind.TEXT)).isNotEqualTo(jpeg(GENERATOR, 3, PageKind.TEXT));
            assertThat(g4(other, 3, PageKind.TEXT)).isNotEqualTo(g4(GENERATOR, 3, PageKind.TEXT));
            assertThat(jpeg(GENERATOR, 4, PageKind.TEXT)).isNotEqualTo(jpeg(GENERATOR, 3, PageKind.TEXT));
        }

        @Test
        @DisplayName("a file written to a path has the bytes and hash of the stream version")
        void pathEqualsStream(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("a/b/p.jpg");
            WrittenImage written = GENERATOR.writeJpeg(file, 3, PageKind.LETTER);
            assertThat(Files.readAllBytes(file)).isEqualTo(jpeg(GENERATOR, 3, PageKind.LETTER));
            assertThat(Images.sha256(file)).isEqualTo(written.sha256());
        }
    }

    @Nested
    @DisplayName("writes grayscale JPEG pages")
    class Jpeg {

        @Test
        @DisplayName("baseline, one 8-bit component, the page size, and the dpi as JFIF density")
        void header() throws IOException {
            byte[] bytes = jpeg(GENERATOR, 1, PageKind.LETTER);
            assertThat(Images.jpegMarker(bytes, 0xC0)).as("SOF0 (baseline)").isPositive();
            int sof = Images.jpegMarker(bytes, 0xC0);
            assertThat(bytes[sof + 4]).as("precision").isEqualTo((byte) 8);
            assertThat(bytes[sof + 9]).as("components").isEqualTo((byte) 1);
            ImageReader reader = Images.reader(bytes);
            try {
                assertThat(reader.getFormatName()).isEqualToIgnoringCase("jpeg");
                assertThat(reader.getWidth(0)).isEqualTo(SMALL.widthPx());
                assertThat(reader.getHeight(0)).isEqualTo(SMALL.heightPx());
                IIOMetadataNode jfif = (IIOMetadataNode) ((IIOMetadataNode) reader.getImageMetadata(0)
                        .getAsTree("javax_imageio_jpeg_image_1.0"))
                        .getElementsByTagName("app0JFIF").item(0);
                assertThat(jfif.getAttribute("resUnits")).isEqualTo("1");
                assertThat(jfif.getAttribute("Xdensity")).isEqualTo(String.valueOf(SMALL.dpi()));
                assertThat(jfif.getAttribute("Ydensity")).isEqualTo(String.valueOf(SMALL.dpi()));
                BufferedImage image = reader.read(0);
                assertThat(image.getRaster().getNumBands()).isEqualTo(1);
                assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            } finally {
                reader.dispose();
            }
        }

        @Test
        @DisplayName("text pages carry ink, blank pages only paper grain")
        void content() throws IOException {
            assertThat(darkShare(jpeg(GENERATOR, 1, PageKind.TEXT))).isGreaterThan(0.03);
            assertThat(darkShare(jpeg(GENERATOR, 1, PageKind.LETTER))).isGreaterThan(0.03);
            assertThat(darkShare(jpeg(GENERATOR, 1, PageKind.BLANK))).isLessThan(0.001);
        }

        @Test
        @DisplayName("a full A4 page at 300 dpi is 2480 × 3508 pixels, density 300")
        void a4() throws IOException {
            byte[] bytes = jpeg(ScanGenerator.withSeed(7), 0, PageKind.LETTER);
            ImageReader reader = Images.reader(bytes);
            try {
                assertThat(reader.getWidth(0)).isEqualTo(2480);
                assertThat(reader.getHeight(0)).isEqualTo(3508);
                IIOMetadataNode jfif = (IIOMetadataNode) ((IIOMetadataNode) reader.getImageMetadata(0)
                        .getAsTree("javax_imageio_jpeg_image_1.0"))
                        .getElementsByTagName("app0JFIF").item(0);
                assertThat(jfif.getAttribute("Xdensity")).isEqualTo("300");
            } finally {
                reader.dispose();
            }
            assertThat(bytes.length).as("an A4 text page at q0.85").isBetween(100_000, 2_000_000);
        }

        private double darkShare(byte[] jpeg) throws IOException {
            ImageReader reader = Images.reader(jpeg);
            try {
                byte[] pixels = ((DataBufferByte) reader.read(0).getRaster().getDataBuffer()).getData();
                long dark = 0;
                for (byte p : pixels) {
                    if ((p & 0xff) < 128) {
                        dark++;
                    }
                }
                return (double) dark / pixels.length;
            } finally {
                reader.dispose();
            }
        }
    }

    @Nested
    @DisplayName("writes bitonal G4 TIFF pages")
    class G4 {

        @Test
        @DisplayName("compression T.6, bilevel, the page size, and the dpi in the resolution tags")
        void tags() throws IOException {
            ImageReader reader = Images.reader(g4(GENERATOR, 1, PageKind.LETTER));
            try {
                assertThat(reader.getFormatName()).isEqualToIgnoringCase("tif");
                TIFFDirectory ifd = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_COMPRESSION).getAsInt(0))
                        .isEqualTo(BaselineTIFFTagSet.COMPRESSION_CCITT_T_6).isEqualTo(4);
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_IMAGE_WIDTH).getAsInt(0))
                        .isEqualTo(SMALL.widthPx());
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_IMAGE_LENGTH).getAsInt(0))
                        .isEqualTo(SMALL.heightPx());
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT).getAsInt(0))
                        .isEqualTo(BaselineTIFFTagSet.RESOLUTION_UNIT_INCH);
                for (int tag : new int[] {BaselineTIFFTagSet.TAG_X_RESOLUTION,
                    BaselineTIFFTagSet.TAG_Y_RESOLUTION}) {
                    assertThat(ifd.getTIFFField(tag).getAsRational(0))
                            .containsExactly(SMALL.dpi(), 1);
                }
                TIFFField bits = ifd.getTIFFField(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE);
                if (bits != null) { // 1 is the default, the JDK writer may leave it out
                    assertThat(bits.getAsInt(0)).isEqualTo(1);
                }
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS).getCount())
                        .as("one strip").isEqualTo(1);
                BufferedImage image = reader.read(0);
                assertThat(image.getColorModel().getPixelSize()).isEqualTo(1);
                assertThat(image.getWidth()).isEqualTo(SMALL.widthPx());
            } finally {
                reader.dispose();
            }
        }

        @Test
        @DisplayName("can be split into strips of a given number of rows")
        void strips() throws IOException {
            ImageReader reader = Images.reader(g4(GENERATOR.withRowsPerStrip(64), 1, PageKind.TEXT));
            try {
                IIOMetadata metadata = reader.getImageMetadata(0);
                TIFFDirectory ifd = TIFFDirectory.createFromMetadata(metadata);
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_ROWS_PER_STRIP).getAsInt(0))
                        .isEqualTo(64);
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_STRIP_OFFSETS).getCount())
                        .isEqualTo((SMALL.heightPx() + 63) / 64);
                assertThat(reader.read(0).getHeight()).isEqualTo(SMALL.heightPx());
            } finally {
                reader.dispose();
            }
        }

        @Test
        @DisplayName("a multi-page TIFF holds one image per page, each T.6")
        void multiPage(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("file.tif");
            List<PageKind> kinds = List.of(PageKind.LETTER, PageKind.BLANK, PageKind.TEXT,
                    PageKind.TEXT, PageKind.BLANK);
            WrittenImage written = GENERATOR.writeG4MultiPage(file, 10, kinds);
            assertThat(written.pages()).isEqualTo(5);
            assertThat(Images.sha256(file)).isEqualTo(written.sha256());
            ImageReader reader = Images.reader(Files.readAllBytes(file));
            try {
                assertThat(reader.getNumImages(true)).isEqualTo(5);
                for (int i = 0; i < 5; i++) {
                    TIFFDirectory ifd = TIFFDirectory.createFromMetadata(reader.getImageMetadata(i));
                    assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_COMPRESSION).getAsInt(0))
                            .isEqualTo(4);
                    assertThat(reader.read(i).getHeight()).isEqualTo(SMALL.heightPx());
                }
            } finally {
                reader.dispose();
            }
            // page i of the file is page 10 + i of the sequence
            ImageReader single = Images.reader(g4(GENERATOR, 12, PageKind.TEXT));
            ImageReader multi = Images.reader(Files.readAllBytes(file));
            try {
                assertThat(pixels(multi.read(2))).isEqualTo(pixels(single.read(0)));
            } finally {
                single.dispose();
                multi.dispose();
            }
        }

        @Test
        @DisplayName("a full A4 page at 300 dpi is 2480 × 3508 pixels, 300 dpi, compact")
        void a4() throws IOException {
            byte[] bytes = g4(ScanGenerator.withSeed(7), 0, PageKind.LETTER);
            ImageReader reader = Images.reader(bytes);
            try {
                assertThat(reader.getWidth(0)).isEqualTo(2480);
                assertThat(reader.getHeight(0)).isEqualTo(3508);
                TIFFDirectory ifd = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
                assertThat(ifd.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION).getAsRational(0))
                        .containsExactly(300, 1);
            } finally {
                reader.dispose();
            }
            assertThat(bytes.length).isBetween(10_000, 400_000);
        }

        private byte[] pixels(BufferedImage image) {
            return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        }
    }
}
