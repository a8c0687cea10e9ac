package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One e-file look-up per import, as the bulk project makes it, against a registry of 20,000
 * e-files: prints the time of a look-up. Run with {@code mvn -B -pl adapters-filesystem -am test
 * -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=HotfolderRegistryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class HotfolderRegistryBenchmark {

    private static final int EFILES = Integer.getInteger("hotfolder.efiles", 20_000);

    @TempDir
    Path dir;

    @Test
    void lookUpInALargeRegistry() {
        HotfolderProcedure hf = HotfolderProcedure.open(dir.resolve("hf"), Map.of(FilesystemSettings.FSYNC, "false"));
        long t0 = System.nanoTime();
        for (int i = 0; i < EFILES; i++) {
            hf.createEFile(new EFileRequest("create-" + i, "AB-" + i,
                    new SubjectQuery("S" + i, "G", LocalDate.of(1990, 1, 1), null)));
        }
        System.out.printf("BENCH hotfolder: %,d e-files created in %,d ms%n", EFILES, (System.nanoTime() - t0) / 1_000_000);
        lookUps(hf, "right after the e-files were written (the directory has not settled: a stat per e-file)");
        try {
            Thread.sleep(3_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lookUps(hf, "after the directory settled (its modification time tells)");
    }

    private static void lookUps(HotfolderProcedure hf, String when) {
        int lookups = 50;
        double[] ms = new double[lookups];
        for (int i = 0; i < lookups; i++) {
            long s = System.nanoTime();
            assertThat(hf.findByFileReference("AB-" + (i * 397 % EFILES))).isPresent();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double first = ms[0];
        double[] rest = Arrays.copyOfRange(ms, 1, lookups);
        Arrays.sort(rest);
        System.out.printf("BENCH hotfolder: findByFileReference over %,d e-files %s: first %.2f ms, then median %.2f ms "
                + "(max %.2f ms)%n", EFILES, when, first, rest[rest.length / 2], rest[rest.length - 1]);
    }
}
