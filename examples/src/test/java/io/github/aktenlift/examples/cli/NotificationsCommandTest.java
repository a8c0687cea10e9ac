package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift notifications: list the undelivered, redeliver, raise what is due")
class NotificationsCommandTest {

    @TempDir
    Path tmp;

    private Path ws;
    private Barcode failed;
    private Barcode recalled;

    /**
     * Two captured case files (three days ago); a recall of one two days ago; the other failed QA an
     * hour ago while the notifier was down, so its notification waits in storage.
     */
    @BeforeEach
    void undelivered() {
        ws = tmp.resolve("w");
        List<Barcode> b = Stages.workspace(ws, Cli.NOW.minusSeconds(3 * 86_400), Stages.Upto.CAPTURED,
                ProtectionLevel.NORMAL, ProtectionLevel.NORMAL);
        failed = b.get(0);
        recalled = b.get(1);
        Stages.withLift(ws, Cli.NOW.minusSeconds(2 * 86_400), new InMemorySpecialistProcedure(), new InMemoryNotifier(),
                lift -> lift.execute(Stages.CLERK, new RequestRecall(recalled, RecallMode.SCAN_ON_DEMAND)));
        InMemoryNotifier down = new InMemoryNotifier();
        down.failNext(100);
        Stages.withLift(ws, Cli.NOW.minusSeconds(3_600), new InMemorySpecialistProcedure(), down,
                lift -> lift.execute(Stages.REVIEWER_A, new FailQualityCheck(failed, List.of("UNREADABLE:doc-1"))));
        assertThat(down.delivered()).isEmpty();
    }

    private String dir() {
        return ws.toString();
    }

    /** The ids of the notifications delivered into the workspace's outbox (one JSON file each). */
    private List<String> outbox() throws IOException {
        try (var s = Files.list(ws.resolve(Workspace.OUTBOX))) {
            List<java.nio.file.Path> files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            List<String> ids = new java.util.ArrayList<>();
            for (Path f : files) {
                ids.add(Json.MAPPER.readTree(f.toFile()).get("id").asText());
            }
            return ids;
        }
    }

    @Test
    @DisplayName("the QA failure is listed as undelivered, redelivered into the outbox under its id, and then no longer listed")
    void redeliver() throws IOException {
        long before = Stages.events(ws);
        Cli.Run list = Cli.run("notifications", "list", "--dir", dir(), "--json");
        assertThat(list.exitCode()).as("%s", list).isZero();
        JsonNode n = list.json().get("undelivered");
        assertThat(n).hasSize(1);
        assertThat(n.get(0).get("type").asText()).isEqualTo("QA_FAILED");
        assertThat(n.get(0).get("recipient").asText()).isEqualTo("role:scan-service");
        assertThat(n.get(0).get("details").get("barcode").asText()).isEqualTo(failed.value());
        String id = n.get(0).get("id").asText();
        assertThat(outbox()).doesNotContain(id);
        assertThat(Stages.events(ws)).as("listing changes nothing").isEqualTo(before);

        Cli.Run redeliver = Cli.run("notifications", "redeliver", "--dir", dir());
        assertThat(redeliver.exitCode()).as("%s", redeliver).isZero();
        assertThat(redeliver.out()).contains("redelivered: 1 of 1; 0 still undelivered");
        assertThat(outbox()).contains(id);
        assertThat(Files.readString(ws.resolve(Workspace.OUTBOX).resolve(id + ".json"))).contains("QA_FAILED", failed.value());

        Cli.Run after = Cli.run("notifications", "list", "--dir", dir());
        assertThat(after.out()).startsWith("0 undelivered notification(s)");
        Cli.Run again = Cli.run("notifications", "redeliver", "--dir", dir(), "--json");
        assertThat(again.json().get("undelivered").asInt()).isZero();
    }

    @Test
    @DisplayName("raise-due raises the overdue recall once, into the outbox")
    void raiseDue() throws IOException {
        Cli.Run run = Cli.run("notifications", "raise-due", "--dir", dir(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode raised = run.json().get("raised");
        assertThat(raised).anySatisfy(x -> {
            assertThat(x.get("type").asText()).isEqualTo("OVERDUE");
            assertThat(x.get("details").toString()).contains(recalled.value());
        });
        assertThat(outbox()).contains(raised.get(0).get("id").asText());
    }

    @Test
    @DisplayName("bad input: exit 2, one line, the journal as it was")
    void badInput() {
        long before = Stages.events(ws);
        Stages.assertRefused(ws, before, Cli.run("notifications", "redeliver", "--dir", dir(), "--all"),
                "Unknown option: '--all'");
        Stages.assertRefused(ws, before, Cli.run("notifications", "list"), "Missing required option: '--dir=DIR'");
        Stages.assertRefused(ws, before, Cli.run("notifications", "redeliver", "--dir", tmp.resolve("none").toString()),
                "does not exist");
        Stages.assertRefused(ws, before, Cli.run("notifications", "resend", "--dir", dir()), "Unmatched argument");
        Stages.assertRefused(ws, before, Cli.run("notifications"), "a notifications command is missing");
    }

    @Test
    @DisplayName("every notifications command's --help shows an example")
    void help() {
        for (String c : List.of("list", "redeliver", "raise-due")) {
            Cli.Run run = Cli.run("notifications", c, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Example", "aktenlift notifications " + c);
        }
    }
}
