package io.github.aktenlift.imaging;

import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming JPEG check against the separate read pass it replaced ({@link JpegReferenceWalk}):
 * the same verdict and the same message, for intact and damaged files, however the bytes are cut
 * into pieces on their way through.
 */
@DisplayName("The streaming JPEG check gives the reference walk's verdict")
class JpegStreamCheckPropertyTest {

    @TempDir
    static Path tmp;

    private static final List<byte[]> files = new ArrayList<>();

    @BeforeAll
    static void generatePages() throws Exception {
        int n = 0;
        for (PageGeometry g : List.of(PageGeometry.a4(100), new PageGeometry(333, 517, 150), new PageGeometry(64, 40, 72))) {
            ScanGenerator gen = ScanGenerator.withSeed(300 + n).withGeometry(g);
            for (PageKind kind : PageKind.values()) {
                Path f = tmp.resolve("p" + n++ + ".jpg");
                gen.writeJpeg(f, n, kind);
                files.add(Files.readAllBytes(f));
            }
        }
    }

    /** "passed", or the kind and message of the problem. */
    private static String reference(byte[] data) throws Exception {
        Path f = Files.write(tmp.resolve("reference.jpg"), data);
        try {
            JpegReferenceWalk.verify(f);
            return "passed";
        } catch (ImageProblem e) {
            return e.getMessage();
        }
    }

    /** The same, fed in pieces of random length (1 byte to 64 KiB). */
    private static String streamed(byte[] data, SplittableRandom random) {
        JpegStreamCheck check = new JpegStreamCheck();
        try {
            for (int at = 0; at < data.length; ) {
                int len = Math.min(data.length - at, random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(1 << 16));
                // each piece at an offset of its own in a larger buffer, as a read buffer holds it
                byte[] buffer = new byte[len + 16];
                int off = random.nextInt(16);
                System.arraycopy(data, at, buffer, off, len);
                check.update(buffer, off, len);
                at += len;
            }
            check.finish();
            return "passed";
        } catch (ImageProblem e) {
            return e.getMessage();
        }
    }

    @Test
    @DisplayName("intact files pass, in any pieces, and their frame header is the inspected one")
    void intactFilesPass() throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        ImageInspector inspector = new ImageInspector(200_000_000L, 20_000);
        for (int i = 0; i < files.size(); i++) {
            byte[] f = files.get(i);
            for (int k = 0; k < 5; k++) {
                assertThat(streamed(f, random)).as("file %d", i).isEqualTo("passed");
            }
            JpegStreamCheck check = new JpegStreamCheck();
            check.update(f, 0, f.length);
            check.finish();
            check.expectFrame(inspector.inspect(Files.write(tmp.resolve("i.jpg"), f)));
        }
        assertThat(files).hasSize(9);
    }

    @Test
    @DisplayName("damaged files get the reference's verdict and message: garbage, flipped bits, cuts, lost, inserted and appended bytes")
    void damagedFilesMatchTheReference() throws Exception {
        SplittableRandom random = new SplittableRandom(20261125L);
        Map<ImageProblem.Kind, Integer> kinds = new EnumMap<>(ImageProblem.Kind.class);
        int failed = 0;
        int cases = 0;
        for (byte[] f : files) {
            for (int k = 0; k < 60; k++) {
                byte[] damaged = Damage.apply(f, random, k % 6, 200, r -> r.nextBoolean() ? 0xFF : r.nextInt(256));
                String expected = reference(damaged);
                assertThat(streamed(damaged, random)).as("damage %d, case %d", k % 6, k).isEqualTo(expected);
                if (!expected.equals("passed")) {
                    failed++;
                    kinds.merge(expected.startsWith("TRUNCATED") ? ImageProblem.Kind.TRUNCATED : ImageProblem.Kind.CORRUPT,
                            1, Integer::sum);
                }
                cases++;
            }
        }
        assertThat(cases).isEqualTo(540);
        // flipped bits inside the scan data are invisible to a structural walk; the rest mostly is not
        assertThat(failed).as("damaged files found").isGreaterThan(cases / 2);
        assertThat(kinds).containsKeys(ImageProblem.Kind.CORRUPT, ImageProblem.Kind.TRUNCATED);
    }

    @Test
    @DisplayName("a frame header other than the inspected one is corrupt")
    void frameMismatch() throws Exception {
        byte[] f = files.get(0);
        ImageInspector inspector = new ImageInspector(200_000_000L, 20_000);
        ImageInfo other = inspector.inspect(Files.write(tmp.resolve("other.jpg"), files.get(3)));
        JpegStreamCheck check = new JpegStreamCheck();
        check.update(f, 0, f.length);
        check.finish();
        assertThatThrownBy(() -> check.expectFrame(other)).isInstanceOfSatisfying(ImageProblem.class,
                e -> assertThat(e.kind()).isEqualTo(ImageProblem.Kind.CORRUPT));
        JpegStreamCheck empty = new JpegStreamCheck();
        assertThatThrownBy(() -> empty.expectFrame(other)).isInstanceOf(ImageProblem.class);
    }
}
