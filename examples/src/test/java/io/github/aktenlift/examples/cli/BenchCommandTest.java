package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The benchmark command's output and progress, on a tiny corpus; the figures themselves are not judged. */
@DisplayName("aktenlift bench")
class BenchCommandTest {

    @Test
    @DisplayName("--json gives, per round, every figure of the same pages (cold in a child JVM included) and the ratios taken within the round")
    void json() {
        Cli.Run run = Cli.run("bench", "--pages", "12", "--format", "g4", "--dpi", "200", "--rounds", "1", "--json",
                "--quiet");
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
    @DisplayName("shows progress on a terminal, and one table with the rounds, medians and ratios on stdout")
    void progressOnTerminal() {
        Cli.Run run = Cli.run(true, "bench", "--pages", "5", "--format", "jpeg", "--dpi", "200", "--rounds", "2",
                "--warm-up", "1", "--no-cold");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).contains("\rgenerate JPEG: ", "\rwarm-up and rounds: 3/3 steps");
        assertThat(run.out()).contains("capture benchmark: 5 JPEG pages (1 case files), A4 at 200 dpi", "round 1", "round 2",
                "median", CaptureLimit.FLOOR_1, CaptureLimit.DURABLE, CaptureLimit.FS_FSYNC,
                "capture (fsync on) ÷ floor, 1 thread", "capture (fsync on) ÷ durable floor",
                "load average before / after", "peak heap", "1 warm-up captures", "process CPU per page",
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
