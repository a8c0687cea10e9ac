package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark command's output and progress, on a tiny corpus; the figures themselves are not judged. */
@DisplayName("aktenlift bench")
class BenchCommandTest {

    @Test
    @DisplayName("--json gives pages, floor and capture rates, their ratio and the peak heap")
    void json() {
        Cli.Run run = Cli.run("bench", "--pages", "12", "--format", "g4", "--dpi", "200", "--json", "--quiet");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).as("--quiet").isEmpty();
        JsonNode r = run.json();
        assertThat(r.get("format").asText()).isEqualTo("G4");
        assertThat(r.get("pages").asInt()).as("one case file of 5 documents, 3 sheets each").isEqualTo(15);
        assertThat(r.get("bytes").asLong()).isPositive();
        assertThat(r.get("floor").get("pagesPerSecond").asDouble()).isPositive();
        assertThat(r.get("capture").get("pagesPerSecond").asDouble()).isPositive();
        assertThat(r.get("capture").get("megabytesPerSecond").asDouble()).isPositive();
        assertThat(r.get("captureToFloorTimeRatio").asDouble())
                .isEqualTo(r.get("capture").get("seconds").asDouble() / r.get("floor").get("seconds").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.get("peakHeapBytes").asLong()).isPositive();
    }

    @Test
    @DisplayName("shows progress redrawn in place on a terminal, and the figures as text on stdout")
    void progressOnTerminal() {
        Cli.Run run = Cli.run(true, "bench", "--pages", "5", "--format", "jpeg", "--dpi", "200");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.err()).contains("\rgenerate: ", "\rfloor: read and SHA-256: 5/5 pages", "\rcapture delivery: 1/1 case files in ");
        assertThat(run.out()).contains("capture benchmark: 5 JPEG pages, A4 at 200 dpi", "floor (read + SHA-256",
                "capture takes", "peak heap during capture");
    }
}
