package io.github.aktenlift.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import java.util.stream.Collectors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.aktenlift.imaging.ImageProblem.Kind;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InjectedFault;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;

@DisplayName("the image inspector")
class ImageInspectorTest {

    static final ImageInspector INSPECTOR = new ImageInspector(100_000_000L, 20_000);

    @TempDir
    static Path dir;

    static Kind problem(Path file) {
        try {
            INSPECTOR.inspect(file);
        } catch (ImageProblem e) {
            return e.kind();
        }
        throw new AssertionError("no problem found in " + file.getFileName());
    }

    @Nested
    @DisplayName("reads from headers")
    class Reads {
        @Test
        @DisplayName("a JPEG page's size, components and JFIF density")
        void jpeg() throws Exception {
            Path file = dir.resolve("a.jpg");
            ScanGenerator.withSeed(1).writeJpeg(file, 1, PageKind.TEXT);
            ImageInfo info = INSPECTOR.inspect(file);
            assertThat(info.format()).isEqualTo(ImageFormat.JPEG);
            assertThat(info.compression()).isEqualTo(Compression.DCT);
            assertThat(info.width()).isEqualTo(2480);
            assertThat(info.height()).isEqualTo(3508);
            assertThat(info.components()).isEqualTo(1);
            assertThat(info.bitsPerComponent()).isEqualTo(8);
            assertThat(info.dpiX()).isEqualTo(300);
            assertThat(info.pages()).isEmpty();
        }

        @Test
        @DisplayName("every page of a multi-page G4 TIFF, with its strip inside the file")
        void tiff() throws Exception {
            Path file = dir.resolve("m.tiff");
            ScanGenerator.withSeed(1).withGeometry(PageGeometry.small())
                    .writeG4MultiPage(file, 1, List.of(PageKind.TEXT, PageKind.BLANK));
            ImageInfo info = INSPECTOR.inspect(file);
            assertThat(info.pages()).hasSize(2);
            TiffPage p = info.pages().get(1);
            assertThat(p.compression()).isEqualTo(Compression.CCITT_G4);
            assertThat(p.width()).isEqualTo(298);
            assertThat(p.height()).isEqualTo(421);
            assertThat(p.dpiX()).isEqualTo(36);
            assertThat(p.fillOrder()).isEqualTo(1);
            assertThat(p.photometric()).isIn(Photometric.MIN_IS_WHITE, Photometric.MIN_IS_BLACK);
            assertThat(p.singleBilevelStrip()).isTrue();
            assertThat(p.stripOffsets().get(0) + p.stripByteCounts().get(0)).isLessThanOrEqualTo(Files.size(file));
        }

        @Test
        @DisplayName("a PNG's size and pHYs density")
        void png() throws Exception {
            Path file = dir.resolve("x.png");
            ImageIO.write(new java.awt.image.BufferedImage(40, 30,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
            ImageInfo info = INSPECTOR.inspect(file);
            assertThat(info.format()).isEqualTo(ImageFormat.PNG);
            assertThat(info.width()).isEqualTo(40);
            assertThat(info.height()).isEqualTo(30);
            assertThat(info.components()).isEqualTo(1);
            assertThat(info.dpiX()).isCloseTo(0, within(0.01));
        }

        @Test
        @DisplayName("a progressive JPEG passes: DCTDecode takes it")
        void progressive() throws Exception {
            Path file = dir.resolve("prog.jpg");
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                writer.write(null, new IIOImage(new java.awt.image.BufferedImage(64, 48,
                        java.awt.image.BufferedImage.TYPE_3BYTE_BGR), null, null), param);
            } finally {
                writer.dispose();
            }
            assertThat(INSPECTOR.inspect(file).components()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("rejects the scan generator's faults")
    class Faults {
        static Map<String, ScanFault> faultsByFile;
        static Path delivery;

        @BeforeAll
        static void write() throws IOException {
            delivery = dir.resolve("delivery");
            Delivery jpeg = ScanGenerator.writeDelivery(delivery.resolve("jpeg"), spec(DeliverySpec.Formats.JPEG));
            Delivery g4 = ScanGenerator.writeDelivery(delivery.resolve("g4"), spec(DeliverySpec.Formats.G4));
            faultsByFile = new java.util.HashMap<>();
            for (Delivery d : List.of(jpeg, g4)) {
                for (InjectedFault f : d.faults()) {
                    faultsByFile.put(d.directory().resolve(f.file()).toString(), f.fault());
                }
            }
        }

        static DeliverySpec spec(DeliverySpec.Formats formats) {
            return DeliverySpec.builder().barcodes("AKT-000001").documentsPerFile(1, 1)
                    .sheetsPerDocument(5, 5).duplex(false).formats(formats)
                    .geometry(PageGeometry.small())
                    .fault(ScanFault.TRUNCATED_IMAGE, "AKT-000001", 1)
                    .fault(ScanFault.ZERO_BYTES, "AKT-000001", 2)
                    .fault(ScanFault.WRONG_FORMAT, "AKT-000001", 3)
                    .fault(ScanFault.HUGE_DIMENSIONS, "AKT-000001", 4)
                    .build();
        }

        Map<ScanFault, Kind> kinds() {
            return faultsByFile.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getValue(), e -> problem(Path.of(e.getKey())), (a, b) -> {
                        assertThat(a).isEqualTo(b);
                        return a;
                    }));
        }

        @Test
        @DisplayName("truncated → TRUNCATED, empty → EMPTY, mislabelled → WRONG_FORMAT, bomb → TOO_LARGE")
        void eachFault() {
            assertThat(faultsByFile).hasSize(8);
            assertThat(kinds()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    ScanFault.TRUNCATED_IMAGE, Kind.TRUNCATED,
                    ScanFault.ZERO_BYTES, Kind.EMPTY,
                    ScanFault.WRONG_FORMAT, Kind.WRONG_FORMAT,
                    ScanFault.HUGE_DIMENSIONS, Kind.TOO_LARGE));
        }

        @Test
        @DisplayName("a 60,000 × 60,000 header is turned down without allocating for it")
        void bombIsCheap() {
            List<Path> bombs = faultsByFile.entrySet().stream()
                    .filter(e -> e.getValue() == ScanFault.HUGE_DIMENSIONS)
                    .map(e -> Path.of(e.getKey())).toList();
            assertThat(bombs).hasSize(2);
            for (Path bomb : bombs) {
                problem(bomb); // warm up
                long before = allocatedByThisThread();
                assertThat(problem(bomb)).isEqualTo(Kind.TOO_LARGE);
                long allocated = allocatedByThisThread() - before;
                assertThat(allocated).as("bytes allocated for " + bomb.getFileName()).isLessThan(256 * 1024);
            }
        }

        @Test
        @DisplayName("messages name the problem, not the file's contents")
        void messages() {
            Path bomb = faultsByFile.entrySet().stream()
                    .filter(e -> e.getValue() == ScanFault.HUGE_DIMENSIONS).map(e -> Path.of(e.getKey()))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> INSPECTOR.inspect(bomb)).hasMessageContaining("60000 × 60000")
                    .hasMessageNotContaining(bomb.getParent().toString());
        }
    }

    /**
     * Bytes this thread has allocated so far. Reflective because the test is compiled into the core
     * module, which does not read java.management; at run time tests are on the class path.
     */
    static long allocatedByThisThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class)
                    .invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JVM cannot count allocated bytes", e);
        }
    }

    @Nested
    @DisplayName("rejects by hand-made headers")
    class Crafted {
        byte[] jpegWithFrame(int precision, int components, int sof) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xFF);
            out.write(0xD8);
            out.write(0xFF);
            out.write(sof);
            int length = 8 + 3 * components;
            out.write(length >> 8);
            out.write(length);
            out.write(precision);
            out.writeBytes(new byte[] {0, 100, 0, 80, (byte) components});
            for (int c = 0; c < components; c++) {
                out.writeBytes(new byte[] {(byte) (c + 1), 0x11, 0});
            }
            out.write(0xFF);
            out.write(0xD9);
            return out.toByteArray();
        }

        Kind of(String name, byte[] bytes) throws IOException {
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return problem(file);
        }

        @Test
        @DisplayName("12-bit, CMYK and arithmetic-coded JPEGs are UNSUPPORTED")
        void unsupportedJpeg() throws IOException {
            assertThat(of("12bit.jpg", jpegWithFrame(12, 1, 0xC1))).isEqualTo(Kind.UNSUPPORTED);
            assertThat(of("cmyk.jpg", jpegWithFrame(8, 4, 0xC0))).isEqualTo(Kind.UNSUPPORTED);
            assertThat(of("arith.jpg", jpegWithFrame(8, 1, 0xC9))).isEqualTo(Kind.UNSUPPORTED);
        }

        @Test
        @DisplayName("a JPEG whose markers break off is CORRUPT; one without EOI is TRUNCATED")
        void corruptJpeg() throws IOException {
            byte[] garbage = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I',
                'F', 0, 1, 1, 1, 0, 72, 0, 72, 0, 0, 0x12, 0x34, 0x56, 0x78, (byte) 0xFF, (byte) 0xD9};
            assertThat(of("garbage.jpg", garbage)).isEqualTo(Kind.CORRUPT);
            byte[] ok = jpegWithFrame(8, 1, 0xC0);
            assertThat(of("noeoi.jpg", Arrays.copyOf(ok, ok.length - 2))).isEqualTo(Kind.TRUNCATED);
        }

        @Test
        @DisplayName("a TIFF whose directory chain loops, or whose strip has no bytes, is CORRUPT")
        void corruptTiff() throws IOException {
            Path good = dir.resolve("good.tif");
            ScanGenerator.withSeed(3).withGeometry(PageGeometry.small()).writeG4(good, 1, PageKind.TEXT);
            byte[] bytes = Files.readAllBytes(good);
            ImageInfo info;
            try {
                info = INSPECTOR.inspect(good);
            } catch (ImageProblem e) {
                throw new AssertionError(e);
            }
            // the next-IFD pointer of the only directory pointing back at itself
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(bytes[0] == 'I'
                    ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
            int ifd = b.getInt(4);
            int entries = b.getShort(ifd) & 0xffff;
            byte[] loop = bytes.clone();
            java.nio.ByteBuffer.wrap(loop).order(b.order()).putInt(ifd + 2 + 12 * entries, ifd);
            assertThat(of("loop.tif", loop)).isEqualTo(Kind.CORRUPT);
            assertThat(info.pages()).hasSize(1);
            assertThat(of("junk.tif", "II*\0garbage!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .isIn(Kind.TRUNCATED, Kind.CORRUPT);
        }

        @Test
        @DisplayName("an unknown extension is UNSUPPORTED, an unknown magic WRONG_FORMAT")
        void names() throws IOException {
            assertThat(of("scan.bmp", new byte[] {'B', 'M', 0, 0})).isEqualTo(Kind.UNSUPPORTED);
            assertThat(of("text.png", "hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .isEqualTo(Kind.WRONG_FORMAT);
        }
    }

}
