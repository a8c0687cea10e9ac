package io.github.aktenlift.adapters.tesseract;

import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;
import io.github.aktenlift.testkit.KnownText;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tesseract's throughput on generated German A4 pages at 300 dpi (40 lines of 11-point text, JPEG):
 * pages per second with one process at a time (one core), then with as many as the machine has
 * cores, so pages per second per core. Outside the default build (tag {@code benchmark}):
 *
 * <pre>
 * mvn -B -o -pl adapters-tesseract -am test -Dgroups=benchmark -Dsurefire.excludedGroups= \
 *     -Dtest=TesseractBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dtesseract.pages=8]
 * </pre>
 *
 * Lines starting with {@code BENCH} carry the figures.
 */
@Tag("benchmark")
class TesseractBenchmark {

    @TempDir
    Path tmp;

    @Test
    void pagesPerSecondPerCore() throws Exception {
        TesseractEngine probe = TesseractEngine.builder().build();
        try {
            probe.check();
        } catch (OcrException e) {
            Assumptions.abort("tesseract with German is not installed: " + e.getMessage());
        }
        int pages = Integer.getInteger("tesseract.pages", 6);
        int cores = Runtime.getRuntime().availableProcessors();
        PageGeometry a4 = PageGeometry.A4_300;
        List<OcrRequest> requests = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            Path file = tmp.resolve("p" + i + ".jpg");
            ScanGenerator.withSeed(i).write(PageFormat.JPEG, file, KnownText.german(a4, i, 40), true);
            requests.add(new OcrRequest(file, a4.widthPx(), a4.heightPx(), a4.dpi()));
        }
        // warm the page cache and the language data once
        TesseractEngine.builder().parallelism(1).build().recognise(requests.get(0));
        for (int parallel : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            TesseractEngine engine = TesseractEngine.builder().parallelism(parallel).timeout(Duration.ofMinutes(5))
                    .build();
            engine.check();
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            long t0 = System.nanoTime();
            List<Future<RecognisedPage>> results = new ArrayList<>();
            for (OcrRequest r : requests) {
                results.add(pool.submit(() -> engine.recognise(r)));
            }
            long words = 0;
            for (Future<RecognisedPage> f : results) {
                words += f.get().words().size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            assertThat(words).isGreaterThan(pages * 100L);
            System.out.printf(Locale.ROOT, "BENCH tesseract %s, %d process(es) at once on %d cores: %d pages in %.1f s"
                    + " = %.3f pages/s, %.3f pages/s per process, %d words/page%n", engine.describe(), parallel, cores,
                    pages, seconds, pages / seconds, pages / seconds / parallel, words / pages);
        }
    }
}
