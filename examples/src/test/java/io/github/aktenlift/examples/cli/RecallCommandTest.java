package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift recall: request, serve, list, resubmit")
class RecallCommandTest {

    @TempDir
    Path tmp;

    private Path ws;
    private Barcode first;
    private Barcode second;
    private Barcode third;
    private Barcode unknown;

    /** Three prepared case files, registered three days ago, and an issued barcode never registered. */
    @BeforeEach
    void prepared() {
        ws = tmp.resolve("w");
        List<Barcode> b = Stages.workspace(ws, Cli.NOW.minusSeconds(3 * 86_400), Stages.Upto.PREPARED,
                ProtectionLevel.NORMAL, ProtectionLevel.NORMAL, ProtectionLevel.NORMAL);
        first = b.get(0);
        second = b.get(1);
        third = b.get(2);
        unknown = b.get(3);
    }

    private String dir() {
        return ws.toString();
    }

    private List<String> kinds(Barcode b) {
        Cli.Run h = Cli.run("history", b.value(), "--dir", dir(), "--json");
        return StreamSupport.stream(h.json().get("events").spliterator(), false).map(e -> e.get("kind").asText()).toList();
    }

    @Test
    @DisplayName("a scan-on-demand recall is requested with its deadline and listed as open, not overdue")
    void scanOnDemand() {
        Cli.Run run = Cli.run("recall", "request", first.value(), "--mode", "SCAN_ON_DEMAND", "--dir", dir());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains(first + "  recall SCAN_ON_DEMAND requested, due by " + Cli.NOW.plusSeconds(86_400));

        Cli.Run list = Cli.run("recall", "list", "--dir", dir(), "--json");
        assertThat(list.exitCode()).as("%s", list).isZero();
        JsonNode recalls = list.json().get("recalls");
        assertThat(recalls).hasSize(1);
        assertThat(recalls.get(0).get("barcode").asText()).isEqualTo(first.value());
        assertThat(recalls.get(0).get("mode").asText()).isEqualTo("SCAN_ON_DEMAND");
        assertThat(recalls.get(0).get("overdue").asBoolean()).isFalse();
        assertThat(kinds(first)).endsWith("RECALL_REQUESTED");
    }

    @Test
    @DisplayName("paper back: served, the file is RETURNED; resubmitted, it is REGISTERED again")
    void paperBack() {
        assertThat(Cli.run("recall", "request", second.value(), "--mode", "PAPER_BACK", "--dir", dir()).exitCode()).isZero();
        Cli.Run serve = Cli.run("recall", "serve", second.value(), "--actor", "clerk-17", "--dir", dir());
        assertThat(serve.exitCode()).as("%s", serve).isZero();
        assertThat(serve.out()).contains("recall served, RETURNED");
        assertThat(Stages.state(ws, second)).isEqualTo("RETURNED");

        Cli.Run resubmit = Cli.run("recall", "resubmit", second.value(), "--dir", dir(), "--json");
        assertThat(resubmit.exitCode()).as("%s", resubmit).isZero();
        assertThat(resubmit.json().get("accepted").get(0).get("barcode").asText()).isEqualTo(second.value());
        assertThat(Stages.state(ws, second)).isEqualTo("REGISTERED");
        assertThat(kinds(second)).containsSubsequence("RECALL_REQUESTED", "RECALL_SERVED", "RESUBMITTED");
    }

    @Test
    @DisplayName("a recall requested two days ago is listed first and marked overdue")
    void overdue() {
        Stages.withLift(ws, Cli.NOW.minusSeconds(2 * 86_400), new InMemorySpecialistProcedure(), null,
                lift -> lift.execute(Stages.CLERK, new RequestRecall(third, RecallMode.SCAN_ON_DEMAND)));
        Cli.run("recall", "request", first.value(), "--mode", "PAPER_BACK", "--dir", dir());

        Cli.Run list = Cli.run("recall", "list", "--dir", dir());
        assertThat(list.exitCode()).as("%s", list).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("2 open recall(s)");
        assertThat(lines.get(1)).contains(third.value(), "OVERDUE");
        assertThat(lines.get(2)).contains(first.value()).doesNotContain("OVERDUE");
    }

    @Test
    @DisplayName("scanned barcodes: each accepted or refused on its own line (a second request for the same file is refused)")
    void scanner() {
        Cli.Run run = Cli.scanned(first + "\n" + first + "\n" + third + "\n", "recall", "request", "--mode",
                "SCAN_ON_DEMAND", "--dir", dir());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).contains("ok       " + first, "ok       " + third, "2 accepted, 1 refused");
        assertThat(run.err()).startsWith("REFUSED  " + first).contains("RECALL_OPEN:SCAN_ON_DEMAND");
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
        @DisplayName("serving where no recall is open, resubmitting a file that was never returned (wrong state)")
        void wrongState() {
            Stages.assertRefused(ws, before, Cli.run("recall", "serve", first.value(), "--dir", dir()), "NO_OPEN_RECALL");
            Stages.assertRefused(ws, before, Cli.run("recall", "resubmit", first.value(), "--dir", dir()),
                    "in state PREPARED");
        }

        @Test
        @DisplayName("an unknown barcode, an unknown mode, a missing --mode, an unknown option, no subcommand")
        void badInput() {
            Stages.assertRefused(ws, before, Cli.run("recall", "request", unknown.value(), "--mode", "PAPER_BACK",
                    "--dir", dir()), "unknown case file");
            Stages.assertRefused(ws, before, Cli.run("recall", "request", first.value(), "--mode", "SOON", "--dir", dir()),
                    "Invalid value for option '--mode'");
            Stages.assertRefused(ws, before, Cli.run("recall", "request", first.value(), "--dir", dir()),
                    "Missing required option: '--mode=MODE'");
            Stages.assertRefused(ws, before, Cli.run("recall", "serve", first.value(), "--now", "--dir", dir()),
                    "Unknown option: '--now'");
            Stages.assertRefused(ws, before, Cli.run("recall"), "a recall command is missing");
        }
    }

    @Test
    @DisplayName("every recall command's --help shows an example")
    void help() {
        for (String c : List.of("request", "serve", "list", "resubmit")) {
            Cli.Run run = Cli.run("recall", c, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Example", "aktenlift recall " + c);
        }
    }
}
