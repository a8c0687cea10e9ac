package io.github.aktenlift.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast A4 pages at 300 dpi are generated; left out of the default run. Prints, asserts
 * nothing. Run with {@code mvn -o -pl testkit test -Dgroups=benchmark -Dsurefire.excludedGroups=}:
 * {@code -Dgroups=benchmark} alone selects nothing, because the parent's exclusion of the tag
 * still applies and JUnit lets exclusions win.
 */
@Tag("benchmark")
@DisplayName("Scan generator speed")
class ScanGeneratorBenchmarkTest {

    private static final int PAGES = 20;
    private static final List<PageKind> MIX = List.of(PageKind.LETTER, PageKind.TEXT,
            PageKind.TEXT, PageKind.BLANK);

    @Test
    @DisplayName("pages per second for JPEG and G4 at A4 300 dpi")
    void pagesPerSecond() throws IOException {
        ScanGenerator generator = ScanGenerator.withSeed(1);
        for (PageFormat format : PageFormat.values()) {
            for (int i = 0; i < 3; i++) { // warm-up
                generator.write(format, OutputStream.nullOutputStream(), i, MIX.get(i % MIX.size()));
            }
            long[] sizes = new long[PAGES];
            long start = System.nanoTime();
            for (int i = 0; i < PAGES; i++) {
                sizes[i] = generator.write(format, OutputStream.nullOutputStream(), 100 + i,
                        MIX.get(i % MIX.size())).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long total = Arrays.stream(sizes).sum();
            Arrays.sort(sizes);
            System.out.printf("%-4s %5.1f pages/s, mean %,d bytes/page, median %,d, total %,d bytes"
                            + " in %.2f s (%d pages: letter, text, text, blank, ...)%n",
                    format, PAGES / seconds, total / PAGES, sizes[PAGES / 2], total, seconds, PAGES);
        }
    }

    @Test
    @DisplayName("a delivery of A4 pages, written to disk with its index")
    void delivery(@TempDir Path dir) throws IOException {
        DeliverySpec spec = DeliverySpec.builder()
                .barcodes("F000000017X", "F000000025Y")
                .formats(DeliverySpec.Formats.MIXED)
                .documentsPerFile(2, 2).sheetsPerDocument(3, 3).build();
        long start = System.nanoTime();
        Delivery delivery = ScanGenerator.writeDelivery(dir, spec);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("delivery: %d pages %s, %,d bytes, %.2f s, %.1f pages/s%n",
                delivery.pages(), delivery.pagesByFormat(), delivery.totalBytes(), seconds,
                delivery.pages() / seconds);
    }
}
