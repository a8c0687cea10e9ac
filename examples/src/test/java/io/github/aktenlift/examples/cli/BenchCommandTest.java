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
                "floor: read + SHA-256, " + threads + " threads", CaptureLimit.PDFBOX + ", " + threads + " threads",
                CaptureLimit.RENDER_1, BenchCommand.renderN(threads), CaptureLimit.FS_FSYNC, CaptureLimit.FS_NOSYNC, CaptureLimit.MEMORY);
        figures.forEach(f -> assertThat(rates.get(f).asDouble()).as(f).isPositive());
        assertThat(round.get("ratios").get("capture (fsync on) ÷ floor, 1 thread").asDouble())
                .isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble() / rates.get(CaptureLimit.FLOOR_1).asDouble(),
                        offset(1e-9));
        assertThat(rates.get(BenchCommand.renderN(threads)).asDouble())
                .as("the checks' bound on capture's threads: the one-thread figure times the threads")
                .isEqualTo(rates.get(CaptureLimit.RENDER_1).asDouble() * threads, offset(1e-6));
        assertThat(round.get("ratios").get("cold ÷ warm (fsync on)").asDouble())
                .isEqualTo(rates.get(CaptureLimit.COLD).asDouble() / rates.get(CaptureLimit.FS_FSYNC).asDouble(),
                        offset(1e-9));
        assertThat(round.get("peakHeapBytes").asLong()).isPositive();
        assertThat(set.get("medianPagesPerSecond").get(CaptureLimit.FS_FSYNC).asDouble())
                .as("the median of one round is that round").isEqualTo(rates.get(CaptureLimit.FS_FSYNC).asDouble());
    }

    @Test
    @DisplayName("shows progress on a terminal, and one table with the rounds, medians and ratios on stdout")
    void progressOnTerminal() {
        Cli.Run run = Cli.run(true, "bench", "--pages", "5", "--format", "jpeg", "--dpi", "200", "--rounds", "2",
                "--no-cold");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).contains("\rgenerate JPEG: ", "\rwarm-up and rounds: 3/3 steps");
        assertThat(run.out()).contains("capture benchmark: 5 JPEG pages (1 case files), A4 at 200 dpi", "round 1", "round 2",
                "median", CaptureLimit.FLOOR_1, CaptureLimit.FS_FSYNC, "capture (fsync on) ÷ floor, 1 thread",
                "load average before / after", "peak heap").doesNotContain("cold");
    }

    @Test
    @DisplayName("a bad --rounds is one clear line and exit code 2")
    void badRounds() {
        Cli.Run run = Cli.run("bench", "--rounds", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("--rounds must be 1 to 20, not 0").doesNotContain("\n");
    }
}
