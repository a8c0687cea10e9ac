package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture at its limit (issue 17), the full size: {@code bench} with 20 case files × 50 A4 pages
 * at 300 dpi per set (JPEG gray and G4 bitonal), three rounds, each measuring on the same pages the
 * read + SHA-256 floor on 1 thread and on capture's threads, the durable floor (the same written
 * into a forced file per case file) and PDFBox passthrough on capture's threads, img2pdf in as
 * many processes (where it is installed: {@code build/install-bench-tools.sh}), capture into {@code FilesystemStorage} with fsync on and off and into the in-memory
 * store, and the first capture in a fresh child JVM. It lives here, not in core, because core's
 * tests cannot reach the filesystem adapter (its tests depend on core: a reactor cycle).
 *
 * <p>Run: {@code mvn -B -o -pl examples -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=CaptureLimitBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code
 * -Dbench.rounds=N} for another number of rounds. The same as {@code java -jar
 * examples/target/aktenlift-cli.jar bench}. Asserts only that every figure was measured, never
 * timings.
 */
@Tag("benchmark")
class CaptureLimitBenchmark {

    /** The bench's heap: room for the JPEG set's renditions in the in-memory store. */
    private static final String HEAP = "3g";

    @Test
    void jpegAndG4AgainstTheFloorAndPdfBox(@TempDir Path dir) {
        String rounds = Integer.toString(Integer.getInteger("bench.rounds", 3));
        // a JVM of its own, as `java -jar aktenlift-cli.jar bench` runs: the in-memory store keeps the
        // JPEG set's 843 MB of renditions, more than the test JVM's heap
        Cli.Run table = Cli.inChildJvm(dir, List.of("-Xmx" + HEAP), Duration.ofMinutes(60), "bench", "--rounds", rounds,
                "--quiet");
        System.out.println(table.out());
        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out()).contains("1000 JPEG pages (20 case files)", "1000 G4 pages (20 case files)",
                "capture (fsync on) ÷ floor, 1 thread", "capture (fsync on) ÷ durable floor",
                "capture (fsync on) ÷ PDFBox", "cold ÷ warm (fsync on)", "  img2pdf: ", CaptureLimit.MEMORY,
                "capture (in memory) ÷ capture (fsync on)").doesNotContain("left out: it keeps the renditions");
        if (Img2Pdf.find("img2pdf") != null) {
            assertThat(table.out()).contains("capture (fsync on) ÷ img2pdf");
        }
    }

    @Test
    void smallSetAsJson() {
        Cli.Run run = Cli.run("bench", "--rounds", "1", "--pages", "200", "--json", "--quiet");
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode sets = run.json().get("sets");
        assertThat(sets).hasSize(2);
        System.out.println(run.out());
    }
}
