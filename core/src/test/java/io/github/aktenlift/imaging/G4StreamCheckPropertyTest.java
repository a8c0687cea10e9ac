package io.github.aktenlift.imaging;

import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The table-driven G4 walk against two references on generated pages: the walk it replaced
 * ({@link G4ReferenceWalk}, a plain decoder of changing elements) for the verdict and the row of
 * the first fault, on intact and on randomly damaged strips, and the JDK's TIFF decoder for intact
 * pages.
 */
@DisplayName("The G4 walk gives the reference walk's verdict")
class G4StreamCheckPropertyTest {

    private static final Pattern ROW = Pattern.compile("row (\\d+)");

    @TempDir
    static Path tmp;

    private static final ImageInspector INSPECTOR = new ImageInspector(200_000_000L, 20_000);
    private static final List<Strip> strips = new ArrayList<>();

    /** One single-strip page: its compressed bytes and what its header says. */
    private record Strip(String name, byte[] data, int width, int rows, Path file) {
    }

    /** Passed, or the kind of fault and the row (from 1) it was found in. */
    private record Verdict(ImageProblem.Kind kind, int row) {
        static final Verdict PASSED = new Verdict(null, 0);
    }

    @BeforeAll
    static void generatePages() throws Exception {
        List<PageGeometry> geometries = List.of(PageGeometry.a4(100), PageGeometry.a4(150), PageGeometry.a4(200),
                new PageGeometry(333, 517, 150), new PageGeometry(64, 40, 72));
        int n = 0;
        for (PageGeometry g : geometries) {
            ScanGenerator gen = ScanGenerator.withSeed(100 + n).withGeometry(g);
            for (PageKind kind : PageKind.values()) {
                for (int page = 0; page < 2; page++) {
                    Path f = tmp.resolve("p" + n + ".tif");
                    gen.writeG4(f, page + 1, kind);
                    TiffPage p = INSPECTOR.inspect(f).pages().get(0);
                    byte[] file = Files.readAllBytes(f);
                    int from = (int) (long) p.stripOffsets().get(0);
                    int length = (int) (long) p.stripByteCounts().get(0);
                    strips.add(new Strip(g + " " + kind + " " + page, Arrays.copyOfRange(file, from, from + length),
                            p.width(), p.height(), f));
                    n++;
                }
            }
        }
    }

    private static Verdict verdict(ThrowingCheck check) {
        try {
            check.run();
            return Verdict.PASSED;
        } catch (ImageProblem e) {
            Matcher m = ROW.matcher(e.getMessage());
            assertThat(m.find()).as("the message names the row: %s", e.getMessage()).isTrue();
            return new Verdict(e.kind(), Integer.parseInt(m.group(1)));
        }
    }

    @FunctionalInterface
    private interface ThrowingCheck {
        void run() throws ImageProblem;
    }

    private static Verdict walk(byte[] data, int width, int rows, boolean lsbFirst) {
        return verdict(() -> G4StreamCheck.verify(data, width, rows, lsbFirst));
    }

    private static Verdict reference(byte[] data, int width, int rows, boolean lsbFirst) {
        return verdict(() -> G4ReferenceWalk.verify(data, width, rows, lsbFirst));
    }

    @Test
    @DisplayName("every intact page passes both walks, and the JDK's decoder reads it with all its rows")
    void intactPagesPass() throws Exception {
        for (Strip s : strips) {
            assertThat(walk(s.data, s.width, s.rows, false)).as(s.name).isEqualTo(Verdict.PASSED);
            assertThat(reference(s.data, s.width, s.rows, false)).as(s.name).isEqualTo(Verdict.PASSED);
            BufferedImage decoded = ImageIO.read(s.file.toFile());
            assertThat(decoded.getHeight()).as(s.name).isEqualTo(s.rows);
            assertThat(decoded.getWidth()).as(s.name).isEqualTo(s.width);
        }
        assertThat(strips).hasSize(30);
    }

    @Test
    @DisplayName("damaged strips get the reference's verdict and row: garbage, flipped bits, cuts, lost and extra bytes")
    void damagedStripsMatchTheReference() {
        SplittableRandom random = new SplittableRandom(20261125L);
        Map<ImageProblem.Kind, Integer> kinds = new EnumMap<>(ImageProblem.Kind.class);
        int passed = 0;
        int cases = 0;
        for (Strip s : strips) {
            for (int k = 0; k < 40; k++) {
                byte[] damaged = Damage.apply(s.data, random, k % 5, 64, r -> r.nextInt(256));
                Verdict expected = reference(damaged, s.width, s.rows, false);
                assertThat(walk(damaged, s.width, s.rows, false)).as("%s, damage %d, case %d", s.name, k % 5, k)
                        .isEqualTo(expected);
                if (expected == Verdict.PASSED) {
                    passed++;
                } else {
                    kinds.merge(expected.kind(), 1, Integer::sum);
                }
                cases++;
            }
        }
        // the damage is real: most cases fail, with both kinds of fault among them
        assertThat(cases).isEqualTo(1200);
        assertThat(passed).as("damaged strips that still decode").isLessThan(cases / 5);
        assertThat(kinds).containsKeys(ImageProblem.Kind.CORRUPT, ImageProblem.Kind.TRUNCATED);
    }

    @Test
    @DisplayName("one walker checks file after file, of other widths, intact and damaged, as fresh walkers do")
    void walkerReused() throws Exception {
        G4StreamCheck walker = new G4StreamCheck();
        SplittableRandom random = new SplittableRandom(77);
        int failed = 0;
        for (int i = 0; i < strips.size(); i++) {
            Strip s = strips.get(i);
            Path file = s.file;
            if (i % 3 == 1) { // a damaged copy: garbage over a stretch of the strip
                byte[] bytes = Files.readAllBytes(s.file);
                TiffPage p = INSPECTOR.inspect(s.file).pages().get(0);
                int from = (int) (long) p.stripOffsets().get(0) + random.nextInt(s.data.length);
                for (int k = from; k < Math.min(bytes.length, from + 40); k++) {
                    bytes[k] = (byte) random.nextInt(256);
                }
                file = Files.write(tmp.resolve("reused" + i + ".tif"), bytes);
            }
            ImageInfo info = INSPECTOR.inspect(file);
            Path f = file;
            String fresh = message(() -> G4StreamCheck.verify(f, info));
            String reused;
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                reused = message(() -> walker.check(ch, info));
            }
            assertThat(reused).as(s.name).isEqualTo(fresh);
            failed += fresh.equals("passed") ? 0 : 1;
        }
        assertThat(failed).as("damaged files among them").isGreaterThan(5);
    }

    @FunctionalInterface
    private interface IoCheck {
        void run() throws ImageProblem, java.io.IOException;
    }

    private static String message(IoCheck check) throws java.io.IOException {
        try {
            check.run();
            return "passed";
        } catch (ImageProblem e) {
            return e.getMessage();
        }
    }

    @Test
    @DisplayName("a header that claims more rows than the strip holds is found in the first row beyond the data")
    void moreRowsThanEncoded() {
        for (Strip s : strips) {
            Verdict v = walk(s.data, s.width, s.rows + 3, false);
            assertThat(v).as(s.name).isEqualTo(reference(s.data, s.width, s.rows + 3, false));
            assertThat(v.kind()).as(s.name).isIn(ImageProblem.Kind.CORRUPT, ImageProblem.Kind.TRUNCATED);
            assertThat(v.row()).as(s.name).isEqualTo(s.rows + 1);
        }
    }

    @Test
    @DisplayName("a row width other than the encoded one gets the reference's verdict, and is found where runs cross it")
    void wrongWidth() {
        int found = 0;
        int cases = 0;
        for (Strip s : strips) {
            for (int delta : new int[] {-8, -1, 1, 8}) {
                Verdict v = walk(s.data, s.width + delta, s.rows, false);
                assertThat(v).as("%s width %+d", s.name, delta).isEqualTo(reference(s.data, s.width + delta, s.rows, false));
                if (!s.name.contains("BLANK")) { // a blank page is one V0 code per row, whatever the width
                    found += v == Verdict.PASSED ? 0 : 1;
                    cases++;
                }
            }
        }
        // a V0 code to the end of the reference line fits any width, so white margins hide some of them
        assertThat(found).isGreaterThan(cases / 2);
    }

    @Test
    @DisplayName("fill order 2 (least significant bit first) walks the same stream")
    void fillOrder2() {
        byte[] reversed = new byte[256];
        for (int i = 0; i < 256; i++) {
            reversed[i] = (byte) (Integer.reverse(i) >>> 24);
        }
        for (Strip s : strips) {
            byte[] lsb = s.data.clone();
            for (int i = 0; i < lsb.length; i++) {
                lsb[i] = reversed[lsb[i] & 0xff];
            }
            assertThat(walk(lsb, s.width, s.rows, true)).as(s.name).isEqualTo(Verdict.PASSED);
            assertThat(walk(lsb, s.width, s.rows, false)).as(s.name).isEqualTo(reference(lsb, s.width, s.rows, false));
        }
    }

    @Test
    @DisplayName("a checkerboard, one change per pixel, passes (the reference walk rejected rows that start black)")
    void checkerboard() throws Exception {
        int width = 97;
        int height = 12;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, (x + y) & 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("CCITT T.6");
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        Path f = tmp.resolve("checkerboard.tif");
        Files.write(f, out.toByteArray());
        ImageInfo info = INSPECTOR.inspect(f);
        assertThatCode(() -> G4StreamCheck.verify(f, info)).doesNotThrowAnyException();
        BufferedImage decoded = ImageIO.read(f.toFile());
        assertThat(decoded.getRaster().getSample(0, 1, 0)).isEqualTo(raster.getSample(0, 1, 0));
        TiffPage p = info.pages().get(0);
        byte[] strip = Arrays.copyOfRange(out.toByteArray(), (int) (long) p.stripOffsets().get(0),
                (int) (p.stripOffsets().get(0) + p.stripByteCounts().get(0)));
        assertThat(reference(strip, width, height, p.fillOrder() == 2).kind()).isEqualTo(ImageProblem.Kind.CORRUPT);
    }

    @Test
    @DisplayName("zero-length runs, which encoders do not write but a stream may hold, are followed as the reference follows them")
    void zeroLengthRuns() {
        // row 1: H white 2 black 3, H white 0 black 2, V0 to the end: changes at 2, 5, 5, 7
        // row 2: three V0 codes: 2, 5, then past the doubled 5 to the end, 16
        byte[] twoRows = bits("001" + "0111" + "10" + "001" + "00110101" + "11" + "1" + "111");
        assertThat(reference(twoRows, 16, 2, false)).isEqualTo(Verdict.PASSED);
        assertThat(walk(twoRows, 16, 2, false)).isEqualTo(Verdict.PASSED);
        // the same second row read as four V0 codes runs into the padding
        byte[] broken = bits("001" + "0111" + "10" + "001" + "00110101" + "11" + "1" + "1111" + "1");
        assertThat(walk(broken, 16, 3, false)).isEqualTo(reference(broken, 16, 3, false));
    }

    private static byte[] bits(String bits) {
        byte[] b = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                b[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return b;
    }
}
