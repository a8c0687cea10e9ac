package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The benchmark command's output and progress, on a tiny corpus; the figures themselves are not judged. */
@DisplayName("aktenlift bench")
class BenchCommandTest {

    @Test
    @DisplayName("--json gives, per round, every figure of the same pages (cold in a child JVM included) and the ratios taken within the round")
    void json() {
        Cli.Run run = Cli.run("bench", "--pages", "12", "--format", "g4", "--dpi", "200", "--rounds", "1", "--json",
                "--quiet", "--img2pdf", "/nonexistent/img2pdf");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).as("--quiet").isEmpty();
        JsonNode set = run.json().get("sets").get(0);
        assertThat(set.get("format").asText()).isEqualTo("G4");
        assertThat(set.get("pages").asInt()).as("one case file of 5 documents, 3 sheets each").isEqualTo(15);
        assertThat(set.get("bytes").asLong()).isPositive();
        int threads = set.get("captureThreads").asInt();
        JsonNode round = set.get("rounds").get(0);
        JsonNode rates = round.get("pagesPerSecond");
        List<String> figures = new ArrayList<>();
        rates.fieldNames().forEachRemaining(figures::add);
        assertThat(figures).containsExactly(CaptureLimit.COLD, CaptureLimit.FLOOR_1,
                "floor: read + SHA-256, " + threads + " threads", BenchCommand.durableN(threads),
                CaptureLimit.PDFBOX + ", " + threads + " threads",
                CaptureLimit.RENDER_1, BenchCommand.renderN(threads), CaptureLimit.FS_FSYNC, CaptureLimit.FS_NOSYNC, CaptureLimit.MEMORY);
        figures.forEach(f -> assertThat(rates.get(f).asDouble()).as(f).isPositive());
        assertThat(round.get("ratios").get("capture (fsync on) ÷ floor, 1 thread").asDouble())
                .isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble() / rates.get(CaptureLimit.FLOOR_1).asDouble(),
                        offset(1e-9));
        assertThat(round.get("ratios").get("capture (fsync on) ÷ durable floor, " + threads + " threads").asDouble())
                .isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble()
                        / rates.get(BenchCommand.durableN(threads)).asDouble(), offset(1e-9));
        assertThat(rates.get(BenchCommand.renderN(threads)).asDouble())
                .as("the checks' bound on capture's threads: the one-thread figure times the threads")
                .isEqualTo(rates.get(CaptureLimit.RENDER_1).asDouble() * threads, offset(1e-6));
        assertThat(round.get("ratios").get("cold ÷ warm (fsync on)").asDouble())
                .isEqualTo(rates.get(CaptureLimit.COLD).asDouble() / rates.get(CaptureLimit.FS_FSYNC).asDouble(),
                        offset(1e-9));
        assertThat(round.get("peakHeapBytes").asLong()).isPositive();
        assertThat(run.json().get("warmUpCaptures").asInt()).as("the default").isEqualTo(3);
        assertThat(run.json().get("img2pdfMissing").asText()).as("a peer that does not run is said, not hidden")
                .contains("'/nonexistent/img2pdf' does not run here", "build/install-bench-tools.sh");
        assertThat(run.json().has("img2pdf")).isFalse();
        double cpuMs = round.get("cpuMillisPerPage").asDouble();
        assertThat(cpuMs).as("the process's CPU per page, capture fsync on").isPositive();
        assertThat(round.get("coresBusy").asDouble())
                .as("CPU seconds over wall seconds times processors, of the same capture")
                .isEqualTo(cpuMs * rates.get(CaptureLimit.FS_FSYNC).asDouble() / 1e3
                        / run.json().get("processors").asInt(), offset(1e-9))
                .isPositive();
        assertThat(round.get("jitSeconds").asDouble()).as("JIT compiling during the capture").isNotNegative();
        assertThat(set.get("medianPagesPerSecond").get(CaptureLimit.FS_FSYNC).asDouble())
                .as("the median of one round is that round").isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble());
    }

    @Test
    @DisplayName("times img2pdf side by side, one process per case file, on both sets, with capture ÷ img2pdf within the round")
    void img2pdfSideBySide() {
        Img2Pdf tool = Img2Pdf.find("img2pdf");
        assumeTrue(tool != null, "img2pdf is not installed here (build/install-bench-tools.sh installs Debian's)");
        Cli.Run run = Cli.run("bench", "--pages", "12", "--dpi", "200", "--rounds", "1", "--warm-up", "0", "--no-cold",
                "--json", "--quiet");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("img2pdf").asText()).isEqualTo(tool.version()).startsWith("img2pdf ");
        assertThat(run.json().get("sets")).hasSize(2).allSatisfy(set -> {
            int threads = set.get("captureThreads").asInt();
            JsonNode round = set.get("rounds").get(0);
            JsonNode rates = round.get("pagesPerSecond");
            assertThat(rates.get(BenchCommand.img2pdfN(threads)).asDouble()).as(set.get("format").asText()).isPositive();
            assertThat(round.get("ratios").get("capture (fsync on) ÷ img2pdf, " + threads + " processes").asDouble())
                    .isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble()
                            / rates.get(BenchCommand.img2pdfN(threads)).asDouble(), offset(1e-9));
        });
    }

    @Test
    @DisplayName("where the heap cannot hold the in-memory store's renditions, that figure is left out and said, and the rest is measured")
    void inMemoryStoreLeftOut(@TempDir Path dir) {
        // 12 JPEG pages need about 262 MiB for the in-memory store (their bytes and 256 MiB beside them)
        Cli.Run run = Cli.inChildJvm(dir, List.of("-Xmx160m"), Duration.ofMinutes(5), "bench", "--pages", "12",
                "--format", "jpeg", "--dpi", "200", "--rounds", "1", "--warm-up", "1", "--no-cold", "--json", "--quiet",
                "--img2pdf", "/nonexistent/img2pdf");
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode set = run.json().get("sets").get(0);
        assertThat(set.get("inMemoryMissing").asText()).as("%s", run).startsWith("left out: it keeps the renditions of")
                .containsPattern("needs about 2\\d\\d MiB, this JVM has 1\\d\\d MiB").contains("-Xmx");
        JsonNode rates = set.get("rounds").get(0).get("pagesPerSecond");
        assertThat(rates.has(CaptureLimit.MEMORY)).isFalse();
        assertThat(rates.get(CaptureLimit.FS_FSYNC).asDouble()).isPositive();
        assertThat(rates.get(CaptureLimit.FS_NOSYNC).asDouble()).isPositive();
        assertThat(set.get("rounds").get(0).get("ratios").has("capture (in memory) ÷ capture (fsync on)")).isFalse();

        Cli.Run table = Cli.inChildJvm(dir, List.of("-Xmx160m"), Duration.ofMinutes(5), "bench", "--pages", "12",
                "--format", "g4", "--dpi", "200", "--rounds", "1", "--warm-up", "0", "--no-cold", "--quiet", "--img2pdf",
                "/nonexistent/img2pdf");
        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out()).contains("  " + CaptureLimit.MEMORY + ": left out: it keeps the renditions of");
    }

    @Test
    @DisplayName("an img2pdf that fails on a case file stops the bench with one clear line: its exit code and what it printed")
    void img2pdfThatFails(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("img2pdf");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'img2pdf 0.0 (fake)'; exit 0; fi\n"
                + "echo 'cannot read the image' >&2\nexit 3\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Cli.Run run = Cli.run("bench", "--pages", "5", "--format", "jpeg", "--dpi", "200", "--rounds", "1", "--warm-up",
                "0", "--no-cold", "--quiet", "--img2pdf", fake.toString());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.err().strip()).contains("--img2pdf " + fake + " failed (exit 3) on a case file of 5 pages:",
                "cannot read the image").doesNotContain("internal error", "Exception");
    }

    @Test
    @DisplayName("shows progress on a terminal, and one table with the rounds, medians and ratios on stdout")
    void progressOnTerminal() {
        Cli.Run run = Cli.run(true, "bench", "--pages", "5", "--format", "jpeg", "--dpi", "200", "--rounds", "2",
                "--warm-up", "1", "--no-cold");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).contains("\rgenerate JPEG: ", "\rwarm-up and rounds: 3/3 steps");
        assertThat(run.out()).contains("capture benchmark: 5 JPEG pages (1 case files), A4 at 200 dpi", "round 1", "round 2",
                "median", CaptureLimit.FLOOR_1, CaptureLimit.DURABLE, CaptureLimit.FS_FSYNC,
                "capture (fsync on) ÷ floor, 1 thread", "capture (fsync on) ÷ durable floor", "  img2pdf: ",
                "load average before / after", "peak heap", "1 warm-up steps (a capture, PDFBox passthrough and the delivery check each)", "process CPU per page",
                "cores busy", "JIT compiling").doesNotContain("cold");
    }

    @Test
    @DisplayName("a bad --rounds is one clear line and exit code 2")
    void badRounds() {
        Cli.Run run = Cli.run("bench", "--rounds", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("--rounds must be 1 to 20, not 0").doesNotContain("\n");
    }

    @Test
    @DisplayName("a bad --warm-up is one clear line and exit code 2")
    void badWarmUp() {
        Cli.Run run = Cli.run("bench", "--warm-up", "21");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("--warm-up must be 0 to 20, not 21").doesNotContain("\n");
    }
}
