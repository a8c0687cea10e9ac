package io.github.aktenlift.imaging;

import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Decode-free checks of compressed page data")
class StreamChecksTest {

    @TempDir
    Path tmp;

    private final ImageInspector inspector = new ImageInspector(200_000_000L, 20_000);

    @Test
    @DisplayName("every valid G4 page passes: all page kinds, several sizes, one strip and many")
    void validG4Passes() throws Exception {
        int checked = 0;
        for (PageGeometry g : List.of(PageGeometry.a4(100), PageGeometry.a4(200), new PageGeometry(333, 517, 150))) {
            for (int rowsPerStrip : new int[] {0, 64}) {
                ScanGenerator gen = ScanGenerator.withSeed(17 + rowsPerStrip).withGeometry(g).withRowsPerStrip(rowsPerStrip);
                for (PageKind kind : PageKind.values()) {
                    for (int page = 0; page < 4; page++) {
                        Path f = tmp.resolve("p" + checked + ".tif");
                        gen.writeG4(f, page, kind);
                        ImageInfo info = inspector.inspect(f);
                        assertThatCode(() -> G4StreamCheck.verify(f, info)).as("%s %s strip %d page %d", g, kind,
                                rowsPerStrip, page).doesNotThrowAnyException();
                        checked++;
                    }
                }
            }
        }
        Path multi = tmp.resolve("multi.tif");
        ScanGenerator.withSeed(3).withGeometry(PageGeometry.a4(150)).writeG4MultiPage(multi, 1,
                List.of(PageKind.TEXT, PageKind.BLANK, PageKind.LETTER));
        G4StreamCheck.verify(multi, inspector.inspect(multi));
        assertThat(checked).isEqualTo(72);
    }

    @Test
    @DisplayName("garbage in a G4 strip is found, and so is a strip cut short")
    void brokenG4Fails() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int found = 0;
        for (int i = 0; i < 40; i++) {
            Path f = tmp.resolve("g" + i + ".tif");
            ScanGenerator.withSeed(i).withGeometry(PageGeometry.a4(150)).writeG4(f, i, PageKind.TEXT);
            ImageInfo info = inspector.inspect(f);
            TiffPage p = info.pages().get(0);
            byte[] bytes = Files.readAllBytes(f);
            int start = (int) (long) p.stripOffsets().get(0);
            int length = (int) (long) p.stripByteCounts().get(0);
            // overwrite a stretch in the middle of the strip with random bytes
            int from = start + length / 3;
            for (int k = from; k < from + Math.max(64, length / 10); k++) {
                bytes[k] = (byte) random.nextInt(256);
            }
            Path broken = tmp.resolve("b" + i + ".tif");
            Files.write(broken, bytes);
            try {
                G4StreamCheck.verify(broken, inspector.inspect(broken));
            } catch (ImageProblem e) {
                assertThat(e.kind()).isIn(ImageProblem.Kind.CORRUPT, ImageProblem.Kind.TRUNCATED);
                found++;
            }
        }
        assertThat(found).as("broken strips found of 40").isEqualTo(40);

        Path f = tmp.resolve("short.tif");
        ScanGenerator.withSeed(1).withGeometry(PageGeometry.a4(150)).writeG4(f, 1, PageKind.TEXT);
        ImageInfo info = inspector.inspect(f);
        byte[] strip = new byte[(int) (long) info.pages().get(0).stripByteCounts().get(0) / 2];
        System.arraycopy(Files.readAllBytes(f), (int) (long) info.pages().get(0).stripOffsets().get(0), strip, 0, strip.length);
        assertThatThrownBy(() -> G4StreamCheck.verify(strip, info.width(), info.height(), false))
                .isInstanceOfSatisfying(ImageProblem.class, e -> assertThat(e.kind()).isIn(ImageProblem.Kind.TRUNCATED,
                        ImageProblem.Kind.CORRUPT));
    }

    @Test
    @DisplayName("a valid JPEG passes its entropy walk; garbage in its scan data, or data after EOI, does not")
    void jpeg() throws Exception {
        Path f = tmp.resolve("p.jpg");
        ScanGenerator.withSeed(2).withGeometry(PageGeometry.a4(150)).writeJpeg(f, 1, PageKind.TEXT);
        JpegStreamCheck.verify(f);
        byte[] bytes = Files.readAllBytes(f);
        SplittableRandom random = new SplittableRandom(9);
        byte[] broken = bytes.clone();
        for (int k = bytes.length / 2; k < bytes.length / 2 + 200; k++) {
            broken[k] = (byte) random.nextInt(256);
        }
        Path b = tmp.resolve("b.jpg");
        Files.write(b, broken);
        assertThatThrownBy(() -> JpegStreamCheck.verify(b)).isInstanceOfSatisfying(ImageProblem.class,
                e -> assertThat(e.kind()).isEqualTo(ImageProblem.Kind.CORRUPT));
        byte[] joined = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        Path j = tmp.resolve("j.jpg");
        Files.write(j, joined);
        assertThatThrownBy(() -> JpegStreamCheck.verify(j)).isInstanceOf(ImageProblem.class);
    }
}
