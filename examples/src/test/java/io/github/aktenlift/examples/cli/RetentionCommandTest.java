package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.ProtectionLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift retention, hold and destruction: the paper after import")
class RetentionCommandTest {

    @TempDir
    Path tmp;

    private Path ws;
    private List<Barcode> files;
    private Barcode unknown;

    /** Four case files imported 100 days ago (retention is 90 days), and an issued barcode never registered. */
    @BeforeEach
    void imported() {
        ws = tmp.resolve("w");
        List<Barcode> b = Stages.workspace(ws, Cli.NOW.minusSeconds(100 * 86_400L), Stages.Upto.IMPORTED,
                ProtectionLevel.NORMAL, ProtectionLevel.HIGH, ProtectionLevel.NORMAL, ProtectionLevel.NORMAL);
        files = b.subList(0, 4);
        unknown = b.get(4);
    }

    private String dir() {
        return ws.toString();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private List<String> due() {
        Cli.Run run = Cli.run("retention", "due", "--dir", dir(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        return texts(run.json().get("due"));
    }

    private static List<String> values(List<Barcode> b) {
        return b.stream().map(Barcode::value).toList();
    }

    @Test
    @DisplayName("retain, hold, draw up the list (PDF/A), return one file meanwhile, confirm with the certificate (PDF/A):"
            + " the held file is excluded, the returned one skipped, the others destroyed")
    void destructionRun() throws IOException {
        Cli.Run retain = Cli.run("retention", "retain", "--all", "--dir", dir());
        assertThat(retain.exitCode()).as("%s", retain).isZero();
        assertThat(retain.out()).contains("4 accepted, 0 refused");
        assertThat(due()).containsExactlyElementsOf(values(files));

        Cli.Run hold = Cli.run("hold", "place", files.get(1).value(), "--reason", "LEGAL_HOLD", "--dir", dir());
        assertThat(hold.exitCode()).as("%s", hold).isZero();
        assertThat(hold.out()).contains("hold LEGAL_HOLD placed");
        Cli.Run holds = Cli.run("hold", "list", "--dir", dir(), "--json");
        assertThat(holds.json().get("held")).hasSize(1);
        assertThat(texts(holds.json().get("held").get(0).get("reasons"))).containsExactly("LEGAL_HOLD");
        assertThat(due()).doesNotContain(files.get(1).value()).hasSize(3);

        Path csv = tmp.resolve("list.csv");
        Cli.Run prepare = Cli.run("destruction", "prepare", "--csv", csv.toString(), "--dir", dir(), "--json");
        assertThat(prepare.exitCode()).as("%s", prepare).isZero();
        JsonNode list = prepare.json();
        String id = list.get("list").asText();
        assertThat(list.get("entries")).hasSize(3);
        assertThat(list.get("excluded").get(0).get("barcode").asText()).isEqualTo(files.get(1).value());
        Path pdf = ws.resolve("destruction").resolve(id + ".pdf");
        assertThat(Path.of(list.get("pdf").asText())).isEqualTo(pdf);
        PdfA.assertPdfA2b(Files.readAllBytes(pdf), "destruction list");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).contains("LISTED", "EXCLUDED", files.get(0).value());

        Cli.Run back = Cli.run("retention", "return", files.get(2).value(), "--to", "Stadt Musterstadt", "--dir", dir());
        assertThat(back.exitCode()).as("%s", back).isZero();

        Cli.Run confirm = Cli.run("destruction", "confirm", id, "--certificate", "VN-2026-117", "--dir", dir());
        assertThat(confirm.exitCode()).as("%s", confirm).isZero();
        assertThat(confirm.out()).contains("confirmed with certificate VN-2026-117: 2 destroyed, 1 skipped",
                "skipped " + files.get(2));
        Path confirmed = ws.resolve("destruction").resolve(id + "-confirmed.pdf");
        PdfA.assertPdfA2b(Files.readAllBytes(confirmed), "confirmed destruction list");
        assertThat(Files.readAllBytes(pdf)).as("the list as drawn up stays as it was").isNotEqualTo(Files.readAllBytes(confirmed));

        assertThat(Stages.state(ws, files.get(0))).isEqualTo("DESTROYED");
        assertThat(Stages.state(ws, files.get(1))).isEqualTo("RETAINED");
        assertThat(Stages.state(ws, files.get(2))).isEqualTo("RETURNED");
        assertThat(Stages.state(ws, files.get(3))).isEqualTo("DESTROYED");

        long before = Stages.events(ws);
        Cli.Run again = Cli.run("destruction", "confirm", id, "--certificate", "VN-2026-117", "--dir", dir(), "--json");
        assertThat(again.exitCode()).as("the same confirmation again changes nothing: %s", again).isZero();
        assertThat(texts(again.json().get("confirmation").get("destroyed"))).hasSize(2);
        assertThat(Stages.events(ws)).isEqualTo(before);
        Stages.assertRefused(ws, before, Cli.run("destruction", "confirm", id, "--certificate", "VN-OTHER", "--dir", dir()),
                "ALREADY_CONFIRMED");

        assertThat(Cli.run("hold", "release", files.get(1).value(), "--reason", "LEGAL_HOLD", "--dir", dir()).exitCode())
                .isZero();
        assertThat(due()).containsExactly(files.get(1).value());
    }

    @Test
    @DisplayName("retention retain reads a scanner: accepted and refused lines, a summary, exit 2")
    void scanner() {
        Cli.Run run = Cli.scanned(files.get(0) + "\n" + unknown + "\n" + files.get(0) + "\n" + files.get(3) + "\n",
                "retention", "retain", "--dir", dir());
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).contains("ok       " + files.get(0) + "  RETAINED", "ok       " + files.get(3),
                "2 accepted, 2 refused");
        assertThat(run.err().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("REFUSED  "));
        assertThat(run.err()).contains("unknown case file", "in state RETAINED");
    }

    @Test
    @DisplayName("a file with an original to return is not due until retention originals records it; a document not"
            + " marked so is refused")
    void originals() {
        Path other = tmp.resolve("originals");
        List<Barcode> b = Stages.workspace(other, Cli.NOW.minusSeconds(100 * 86_400L), Stages.Upto.IMPORTED, 0,
                ProtectionLevel.NORMAL, ProtectionLevel.NORMAL);
        String d = other.toString();
        assertThat(Cli.run("retention", "retain", "--all", "--dir", d).exitCode()).isZero();
        Cli.Run due = Cli.run("retention", "due", "--dir", d, "--json");
        assertThat(texts(due.json().get("due"))).containsExactly(b.get(1).value());

        long before = Stages.events(other);
        Stages.assertRefused(other, before, Cli.run("retention", "originals", b.get(0).value(), "doc-1", "--dir", d),
                "NOT_TO_RETURN:doc-1");
        Stages.assertRefused(other, before, Cli.run("retention", "originals", b.get(0).value(), "--dir", d),
                "Missing required parameter");
        Cli.Run run = Cli.run("retention", "originals", b.get(0).value(), "doc-2", "--dir", d);
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("originals returned: doc-2");
        Cli.Run after = Cli.run("retention", "due", "--dir", d, "--json");
        assertThat(texts(after.json().get("due"))).containsExactly(b.get(0).value(), b.get(1).value());
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
        @DisplayName("retaining an unknown file or one already retained; a barcode and --all together")
        void retain() {
            Stages.assertRefused(ws, before, Cli.run("retention", "retain", unknown.value(), "--dir", dir()),
                    "unknown case file");
            Stages.assertRefused(ws, before, Cli.run("retention", "retain", files.get(0).value(), "--all", "--dir", dir()),
                    "give a barcode or --all, not both");
            assertThat(Cli.run("retention", "retain", files.get(0).value(), "--dir", dir()).exitCode()).isZero();
            long retained = Stages.events(ws);
            Stages.assertRefused(ws, retained, Cli.run("retention", "retain", files.get(0).value(), "--dir", dir()),
                    "in state RETAINED");
        }

        @Test
        @DisplayName("a hold of an unknown reason, releasing a hold never placed, no subcommand")
        void holds() {
            Stages.assertRefused(ws, before, Cli.run("hold", "place", files.get(0).value(), "--reason", "GUT_FEELING",
                    "--dir", dir()), "Invalid value for option '--reason'");
            Stages.assertRefused(ws, before, Cli.run("hold", "release", files.get(0).value(), "--reason", "AUDIT",
                    "--dir", dir()), files.get(0).value());
            Stages.assertRefused(ws, before, Cli.run("hold"), "a hold command is missing");
        }

        @Test
        @DisplayName("a list that does not exist or cannot be one, a missing or malformed certificate, an output"
                + " directory that does not exist (checked before the list is recorded)")
        void destruction() {
            Stages.assertRefused(ws, before, Cli.run("destruction", "confirm", "DL-9999", "--certificate", "VN-1",
                    "--dir", dir()), "unknown destruction list");
            Stages.assertRefused(ws, before, Cli.run("destruction", "confirm", "no list!", "--certificate", "VN-1",
                    "--dir", dir()), "list");
            Stages.assertRefused(ws, before, Cli.run("destruction", "prepare", "--output",
                    tmp.resolve("nowhere").resolve("list.pdf").toString(), "--dir", dir()), "its directory does not exist");
            assertThat(ws.resolve("destruction")).doesNotExist();

            assertThat(Cli.run("retention", "retain", "--all", "--dir", dir()).exitCode()).isZero();
            Cli.Run prepare = Cli.run("destruction", "prepare", "--dir", dir(), "--json");
            String id = prepare.json().get("list").asText();
            long listed = Stages.events(ws);
            Stages.assertRefused(ws, listed, Cli.run("destruction", "confirm", id, "--dir", dir()),
                    "Missing required option: '--certificate=NUMBER'");
            Stages.assertRefused(ws, listed, Cli.run("destruction", "confirm", id, "--certificate", "VN 1 (copy)",
                    "--dir", dir()), "certificate");
        }
    }

    @Test
    @DisplayName("every retention, hold and destruction command's --help shows an example")
    void help() {
        for (List<String> c : List.of(List.of("retention", "retain"), List.of("retention", "due"),
                List.of("retention", "return"), List.of("retention", "originals"), List.of("hold", "place"),
                List.of("hold", "release"), List.of("hold", "list"), List.of("destruction", "prepare"),
                List.of("destruction", "confirm"))) {
            Cli.Run run = Cli.run(c.get(0), c.get(1), "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Example", "aktenlift " + c.get(0) + " " + c.get(1));
        }
    }
}
