package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift qa: draw, pass (four eyes where the level demands it), fail")
class QaCommandTest {

    @TempDir
    Path tmp;

    private Path ws;
    private Barcode normal;
    private Barcode high;
    private Barcode veryHigh;
    private Barcode normal2;
    private Barcode unknown;

    /** Four captured case files (normal, high, very high, normal) and an issued barcode never registered. */
    @BeforeEach
    void captured() {
        ws = tmp.resolve("w");
        List<Barcode> b = Stages.workspace(ws, Cli.NOW.minusSeconds(3_600), Stages.Upto.CAPTURED, ProtectionLevel.NORMAL,
                ProtectionLevel.HIGH, ProtectionLevel.VERY_HIGH, ProtectionLevel.NORMAL);
        normal = b.get(0);
        high = b.get(1);
        veryHigh = b.get(2);
        normal2 = b.get(3);
        unknown = b.get(4);
    }

    private String dir() {
        return ws.toString();
    }

    private JsonNode drawn(Barcode b) {
        Cli.Run draw = Cli.run("qa", "draw", "--dir", dir(), "--json");
        assertThat(draw.exitCode()).as("%s", draw).isZero();
        return StreamSupport.stream(draw.json().get("captured").spliterator(), false)
                .filter(n -> n.get("barcode").asText().equals(b.value())).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    @DisplayName("qa draw lists every captured file with its level's sample rate and four-eyes rule, and the documents"
            + " capture drew: all of them at very high")
    void draw() {
        Cli.Run run = Cli.run("qa", "draw", "--dir", dir(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("captured")).hasSize(4);

        JsonNode v = drawn(veryHigh);
        assertThat(v.get("protection").asText()).isEqualTo("VERY_HIGH");
        assertThat(v.get("sampleRate").asDouble()).isEqualTo(1.0);
        assertThat(v.get("fourEyes").asBoolean()).isTrue();
        assertThat(texts(v.get("inspect"))).containsExactlyElementsOf(Stages.DOCUMENTS);
        JsonNode h = drawn(high);
        assertThat(h.get("sampleRate").asDouble()).isEqualTo(0.2);
        assertThat(h.get("fourEyes").asBoolean()).isTrue();
        assertThat(Stages.DOCUMENTS).containsAll(texts(h.get("inspect")));
        JsonNode n = drawn(normal);
        assertThat(n.get("fourEyes").asBoolean()).isFalse();
        assertThat(n.get("sampleRate").asDouble()).isEqualTo(0.05);

        Cli.Run text = Cli.run("qa", "draw", "--dir", dir());
        assertThat(text.out()).contains("4 captured case file(s) waiting", veryHigh + " ", "four eyes",
                "inspect: doc-1, doc-2, doc-3");
    }

    @Test
    @DisplayName("a high file needs two different reviewers: the first pass leaves it CAPTURED, the same reviewer again is"
            + " refused with one line and nothing recorded, a second reviewer makes it VERIFIED")
    void fourEyes() {
        Cli.Run first = Cli.run("qa", "pass", high.value(), "--actor", "qa-anna", "--dir", dir());
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(first.out()).contains(high.value(), "second, different reviewer");
        assertThat(Stages.state(ws, high)).isEqualTo("CAPTURED");
        assertThat(texts(drawn(high).get("passedBy"))).containsExactly("qa-anna");

        long before = Stages.events(ws);
        Cli.Run again = Cli.run("qa", "pass", high.value(), "--actor", "qa-anna", "--dir", dir());
        Stages.assertRefused(ws, before, again, "qa-anna has passed this case file already");
        assertThat(again.err().lines().count()).isOne();

        Cli.Run second = Cli.run("qa", "pass", high.value(), "--actor", "qa-ben", "--dir", dir(), "--json");
        assertThat(second.exitCode()).as("%s", second).isZero();
        assertThat(second.json().get("accepted").get(0).get("done").asText()).contains("VERIFIED");
        assertThat(Stages.state(ws, high)).isEqualTo("VERIFIED");
        assertThat(drawn(high)).as("no longer waiting").isNull();
    }

    @Test
    @DisplayName("a normal file is verified by one reviewer; a failed one goes to QA_FAILED with its reason codes")
    void passAndFail() {
        Cli.Run pass = Cli.run("qa", "pass", normal.value(), "--actor", "qa-anna", "--dir", dir());
        assertThat(pass.exitCode()).as("%s", pass).isZero();
        assertThat(pass.out()).contains("passed, VERIFIED");
        assertThat(Stages.state(ws, normal)).isEqualTo("VERIFIED");

        Cli.Run fail = Cli.run("qa", "fail", veryHigh.value(), "--reason", "UNREADABLE:doc-2", "--reason", "SKEWED:doc-1",
                "--actor", "qa-anna", "--dir", dir());
        assertThat(fail.exitCode()).as("%s", fail).isZero();
        assertThat(fail.out()).contains("QA_FAILED");
        assertThat(Stages.state(ws, veryHigh)).isEqualTo("QA_FAILED");
        Cli.Run history = Cli.run("history", veryHigh.value(), "--dir", dir());
        assertThat(history.out()).contains("QA_FAILED", "UNREADABLE:doc-2", "qa-anna");
    }

    @Test
    @DisplayName("reads barcodes from a scanner: an ack line per accepted one, a distinct line per refused one, the run goes"
            + " on, a summary, exit 2")
    void scanner() {
        long before = Stages.events(ws);
        Cli.Run run = Cli.scanned(normal + "\n" + unknown + "\nhello world\n\n" + normal + "\r\n" + normal2 + "\n",
                "qa", "pass", "--actor", "qa-anna", "--dir", dir());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out().lines().toList()).containsExactly(
                "ok       " + normal + "  passed, VERIFIED",
                "ok       " + normal2 + "  passed, VERIFIED",
                "2 accepted, 3 refused");
        List<String> refused = run.err().lines().toList();
        assertThat(refused).hasSize(3);
        assertThat(refused.get(0)).startsWith("REFUSED  " + unknown).contains("unknown case file");
        assertThat(refused.get(1)).startsWith("REFUSED  line 3").contains("barcode").doesNotContain("hello");
        assertThat(refused.get(2)).startsWith("REFUSED  " + normal).contains("VERIFIED");
        assertThat(Stages.events(ws)).isEqualTo(before + 2);
    }

    @Test
    @DisplayName("--json of a scanned run lists what was accepted and refused")
    void scannerJson() {
        Cli.Run run = Cli.scanned(unknown + "\n", "qa", "fail", "--reason", "PAGE_MISSING:3", "--actor", "qa-anna",
                "--dir", dir(), "--json");
        assertThat(run.exitCode()).as("all refused: %s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.json().get("accepted")).isEmpty();
        assertThat(run.json().get("refused").get(0).get("barcode").asText()).isEqualTo(unknown.value());
        assertThat(run.json().get("refused").get(0).get("line").asInt()).isOne();
    }

    @Nested
    @DisplayName("refuses bad input with exit 2 and one line, and records nothing:")
    class BadInput {

        private long before;

        @BeforeEach
        void count() {
            before = Stages.events(ws);
        }

        @Test
        @DisplayName("an unknown barcode, and one that cannot be a barcode")
        void unknownBarcode() {
            Stages.assertRefused(ws, before, Cli.run("qa", "pass", unknown.value(), "--actor", "qa-anna", "--dir", dir()),
                    "unknown case file " + unknown);
            Stages.assertRefused(ws, before, Cli.run("qa", "pass", "f-1", "--actor", "qa-anna", "--dir", dir()), "barcode");
        }

        @Test
        @DisplayName("a file in the wrong state")
        void wrongState() {
            Cli.run("qa", "pass", normal.value(), "--actor", "qa-anna", "--dir", dir());
            long verified = Stages.events(ws);
            Stages.assertRefused(ws, verified, Cli.run("qa", "fail", normal.value(), "--reason", "SKEWED:doc-1",
                    "--actor", "qa-ben", "--dir", dir()), "in state VERIFIED");
        }

        @Test
        @DisplayName("a missing --actor or --reason, an unknown option, a missing subcommand, a reason that is no code")
        void usage() {
            Stages.assertRefused(ws, before, Cli.run("qa", "pass", normal.value(), "--dir", dir()),
                    "Missing required option: '--actor=ID'");
            Stages.assertRefused(ws, before, Cli.run("qa", "fail", normal.value(), "--actor", "qa-anna", "--dir", dir()),
                    "Missing required option: '--reason=CODE'");
            Stages.assertRefused(ws, before, Cli.run("qa", "pass", normal.value(), "--actor", "qa-anna", "--colour",
                    "--dir", dir()), "Unknown option: '--colour'");
            Stages.assertRefused(ws, before, Cli.run("qa"), "a qa command is missing");
            Stages.assertRefused(ws, before, Cli.run("qa", "fail", normal.value(), "--reason", "looks bad!", "--actor",
                    "qa-anna", "--dir", dir()), "reasonCodes");
            Stages.assertRefused(ws, before, Cli.run("qa", "pass", normal.value(), "--actor", "Anna Schmidt", "--dir",
                    dir()), "actor.id");
        }
    }

    @Test
    @DisplayName("every qa command's --help shows an example")
    void help() {
        for (String c : List.of("draw", "pass", "fail")) {
            Cli.Run run = Cli.run("qa", c, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Example", "aktenlift qa " + c);
        }
    }
}
