package io.github.aktenlift.imaging;

import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decode-free walks over compressed page data, on generated A4 300 dpi pages: the G4 walk
 * against the walk it replaced (kept in test scope as {@link G4ReferenceWalk}) and against
 * SHA-256 of the same bytes; the streaming JPEG check against the separate pass it replaced
 * ({@link JpegReferenceWalk}, which reads the file) and SHA-256. Prints µs per page; asserts only
 * that every page passes.
 *
 * <p>Run: {@code mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=StreamChecksBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class StreamChecksBenchmark {

    private static final int PAGES = 60;
    private static final int ROUNDS = 5;

    @TempDir
    Path tmp;

    private record Strip(byte[] data, int width, int rows) {
    }

    @Test
    void g4Walks() throws Exception {
        ImageInspector inspector = new ImageInspector(200_000_000L, 20_000);
        List<Strip> strips = new ArrayList<>();
        long bytes = 0;
        ScanGenerator gen = ScanGenerator.withSeed(11).withGeometry(PageGeometry.A4_300);
        for (int i = 0; i < PAGES; i++) {
            Path f = tmp.resolve("p" + i + ".tif");
            gen.writeG4(f, i, i % 4 == 3 ? PageKind.BLANK : i % 2 == 0 ? PageKind.TEXT : PageKind.LETTER);
            TiffPage p = inspector.inspect(f).pages().get(0);
            byte[] file = Files.readAllBytes(f);
            int from = (int) (long) p.stripOffsets().get(0);
            int length = (int) (long) p.stripByteCounts().get(0);
            strips.add(new Strip(java.util.Arrays.copyOfRange(file, from, from + length), p.width(), p.height()));
            bytes += length;
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int round = 1; round <= ROUNDS; round++) {
            int reps = round == 1 ? 1 : 5;
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (Strip s : strips) {
                    G4ReferenceWalk.verify(s.data, s.width, s.rows, false);
                }
            }
            double old = (System.nanoTime() - t0) / 1e3 / reps / PAGES;
            t0 = System.nanoTime();
            for (int r = 0; r < reps * 4; r++) {
                for (Strip s : strips) {
                    G4StreamCheck.verify(s.data, s.width, s.rows, false);
                }
            }
            double now = (System.nanoTime() - t0) / 1e3 / reps / 4 / PAGES;
            t0 = System.nanoTime();
            for (int r = 0; r < reps * 4; r++) {
                for (Strip s : strips) {
                    sha.update(s.data);
                }
            }
            sha.reset();
            double hash = (System.nanoTime() - t0) / 1e3 / reps / 4 / PAGES;
            System.out.printf("BENCH G4 walk, round %d: %d pages of %.0f KB: reference walk %.0f µs/page, "
                            + "new walk %.0f µs/page (%.1f× faster), SHA-256 of the strip %.0f µs/page%n",
                    round, PAGES, bytes / 1024.0 / PAGES, old, now, old / now, hash);
        }
        assertThat(strips).hasSize(PAGES);
    }

    @Test
    void jpegWalks() throws Exception {
        List<byte[]> files = new ArrayList<>();
        long bytes = 0;
        ScanGenerator gen = ScanGenerator.withSeed(12).withGeometry(PageGeometry.A4_300);
        for (int i = 0; i < PAGES / 3; i++) {
            Path f = tmp.resolve("p" + i + ".jpg");
            gen.writeJpeg(f, i, i % 4 == 3 ? PageKind.BLANK : i % 2 == 0 ? PageKind.TEXT : PageKind.LETTER);
            files.add(Files.readAllBytes(f));
            bytes += files.get(i).length;
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int round = 1; round <= ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                JpegReferenceWalk.verify(tmp.resolve("p" + i + ".jpg"));
            }
            double old = (System.nanoTime() - t0) / 1e3 / files.size();
            t0 = System.nanoTime();
            for (byte[] f : files) {
                JpegStreamCheck check = new JpegStreamCheck();
                for (int at = 0; at < f.length; at += 1 << 18) {
                    check.update(f, at, Math.min(1 << 18, f.length - at));
                }
                check.finish();
            }
            double now = (System.nanoTime() - t0) / 1e3 / files.size();
            t0 = System.nanoTime();
            for (byte[] f : files) {
                sha.update(f);
                sha.digest();
            }
            double hash = (System.nanoTime() - t0) / 1e3 / files.size();
            System.out.printf("BENCH JPEG walk, round %d: %d pages of %.0f KB: reference walk (reads the file) %.0f µs/page, "
                            + "streaming check on bytes in memory %.0f µs/page, SHA-256 of the same bytes %.0f µs/page%n",
                    round, files.size(), bytes / 1024.0 / files.size(), old, now, hash);
        }
        assertThat(files).hasSize(PAGES / 3);
    }
}
