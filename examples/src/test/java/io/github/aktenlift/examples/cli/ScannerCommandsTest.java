package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logistics commands as a person with a handheld scanner uses them: barcodes on standard
 * input, one a line; an acknowledgement per accepted scan, a distinct line per refused one, a summary.
 */
@DisplayName("The scanner commands (box, pickup, prepare)")
class ScannerCommandsTest {

    @TempDir
    Path tmp;

    Path workspace;
    List<String> files;

    /** A workspace with the given policy and five registered case files. */
    void setUp(String directReceipt) throws IOException {
        workspace = tmp.resolve("w");
        Cli.Run init = Cli.run("init", "--dir", dir(), "--direct-receipt", directReceipt);
        assertThat(init.exitCode()).as("%s", init).isZero();
        StringBuilder csv = new StringBuilder(InventoryImportCommandTest.HEADER);
        for (int i = 1; i <= 5; i++) {
            csv.append(InventoryImportCommandTest.row(i, ""));
        }
        Path f = tmp.resolve("baseline.csv");
        Files.writeString(f, csv);
        Cli.Run imported = Cli.run("inventory", "import", f.toString(), "--dir", dir(), "--json");
        assertThat(imported.exitCode()).as("%s", imported).isZero();
        files = new ArrayList<>();
        imported.json().get("caseFiles").forEach(c -> files.add(c.get("barcode").asText()));
    }

    String dir() {
        return workspace.toString();
    }

    static List<String> openedBoxes(Cli.Run run) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("opened box (\\S+)").matcher(run.out());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    String state(String barcode) {
        Cli.Run h = Cli.run("history", barcode, "--dir", dir(), "--json");
        assertThat(h.exitCode()).as("%s", h).isZero();
        JsonNode events = h.json().get("events");
        return events.get(events.size() - 1).get("kind").asText();
    }

    @Nested
    @DisplayName("box pack")
    class Pack {

        String box;

        @BeforeEach
        void open() throws IOException {
            setUp("NEVER");
            Cli.Run opened = Cli.run("box", "open", "--new", "1", "--dir", dir());
            assertThat(opened.exitCode()).as("%s", opened).isZero();
            box = openedBoxes(opened).get(0);
        }

        @Test
        @DisplayName("acknowledges the box label and each file with one line, and ends with a summary and exit 0")
        void clean() {
            Cli.Run run = Cli.scan(lines(box, files.get(0), files.get(1)), "box", "pack", "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out().lines().toList()).containsExactly(
                    "ok   box " + box + ": scan its case files (0 in it)",
                    "ok   " + files.get(0) + " -> box " + box,
                    "ok   " + files.get(1) + " -> box " + box,
                    "box pack: 3 accepted, 0 refused");
            assertThat(state(files.get(0))).isEqualTo("PACKED");
        }

        @Test
        @DisplayName("refuses an unknown, a malformed, a repeated and an early barcode with a distinct line, goes on, and exits 2")
        void refusals() {
            long before = Cli.events(workspace);
            Cli.Run run = Cli.scan(lines(files.get(0), box, "F999999999Z", "not a barcode!", files.get(1), "",
                    files.get(1), files.get(2)), "box", "pack", "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            List<String> out = run.out().lines().toList();
            assertThat(out).hasSize(8);
            assertThat(out.get(0)).isEqualTo("!!   " + files.get(0) + ": scan the box label first");
            assertThat(out.get(2)).startsWith("!!   F999999999Z: unknown barcode");
            assertThat(out.get(3)).isEqualTo("!!   (14 characters): not a barcode");
            assertThat(out.get(5)).startsWith("!!   " + files.get(1) + ": PackCaseFile is not allowed for case file "
                    + files.get(1) + " in state PACKED");
            assertThat(out.get(7)).isEqualTo("box pack: 3 accepted, 4 refused");
            assertThat(run.out()).doesNotContain("\u0007").doesNotContain("\tat ");
            assertThat(state(files.get(0))).as("refused: not packed").isEqualTo("REGISTERED");
            assertThat(state(files.get(2))).isEqualTo("PACKED");
            assertThat(Cli.events(workspace)).as("one event per packed file").isEqualTo(before + 2);
        }

        @Test
        @DisplayName("rings the bell on a refused scan only when a person watches a terminal")
        void bell() {
            Cli.Run terminal = Cli.scan(true, lines(box, "F999999999Z", files.get(0)), "box", "pack", "--dir", dir());
            assertThat(terminal.out()).contains("\u0007!!   F999999999Z");
            assertThat(terminal.out().chars().filter(c -> c == 7).count()).isEqualTo(1);
        }

        @Test
        @DisplayName("seal, then a scan into the sealed box is refused; reopen lets it be packed again")
        void sealAndReopen() {
            Cli.scan(lines(box, files.get(0)), "box", "pack", "--dir", dir());
            Cli.Run sealed = Cli.run("box", "seal", box, "S-1", "--dir", dir());
            assertThat(sealed.exitCode()).as("%s", sealed).isZero();
            assertThat(sealed.out()).contains("sealed box " + box + " with seal S-1: 1 case file");

            Cli.Run late = Cli.scan(lines(box, files.get(1)), "box", "pack", "--dir", dir());
            assertThat(late.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(late.out()).contains("!!   " + box + ": box " + box + " is SEALED, not open")
                    .contains("!!   " + files.get(1) + ": scan the box label first");

            Cli.Run reopened = Cli.run("box", "reopen", box, "--dir", dir());
            assertThat(reopened.exitCode()).as("%s", reopened).isZero();
            assertThat(reopened.out()).contains("reopened box " + box + " (seal S-1 broken)");
            Cli.Run again = Cli.scan(lines(files.get(1)), "box", "pack", box, "--dir", dir());
            assertThat(again.exitCode()).as("%s", again).isZero();
        }
    }

    @Nested
    @DisplayName("bad input to every command is exit 2 and one line, never a stack trace, and changes nothing")
    class BadInput {

        @BeforeEach
        void workspace() throws IOException {
            setUp("NEVER");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"box open B000000000X", "box open --new 0", "box pack B000000000X",
            "box seal B000000000X S-1", "box seal B000000000X bad_seal!", "box reopen B000000000X",
            "pickup plan P-1 B000000000X", "pickup collect P-404", "box open --frobnicate",
            "pickup receive --frobnicate", "prepare --frobnicate", "pickup plan", "box seal FILE0 S-1",
            "box reopen FILE0", "init", "init --direct-receipt SOMETIMES", "inventory import none.csv"})
        void oneLine(String command) {
            long before = Cli.events(workspace);
            List<String> args = new ArrayList<>(List.of(command.replace("FILE0", files.get(0)).split(" ")));
            args.add("--dir");
            args.add(dir());

            Cli.Run run = Cli.scan("", args.toArray(String[]::new));

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as("%s", run).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(run.err().lines().filter(l -> !l.startsWith("Try '") && !l.startsWith("Did you mean")
                    && !l.isBlank() && !l.startsWith("  ")).count()).as("%s", run).isEqualTo(1);
            assertThat(Cli.events(workspace)).as("journal unchanged").isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("pickup plan, collect and receive")
    class Pickups {

        List<String> boxes;

        /** Two sealed boxes: files 0-2 in the first, 3-4 in the second. */
        @BeforeEach
        void packed() throws IOException {
            setUp("NEVER");
            boxes = openedBoxes(Cli.run("box", "open", "--new", "2", "--dir", dir()));
            Cli.Run pack = Cli.scan(lines(boxes.get(0), files.get(0), files.get(1), files.get(2), boxes.get(1),
                    files.get(3), files.get(4)), "box", "pack", "--dir", dir());
            assertThat(pack.exitCode()).as("%s", pack).isZero();
            Cli.run("box", "seal", boxes.get(0), "S-1", "--dir", dir());
            Cli.run("box", "seal", boxes.get(1), "S-2", "--dir", dir());
        }

        void planAndCollect() {
            Cli.Run plan = Cli.scan(lines(boxes.get(0), boxes.get(1)), "pickup", "plan", "P-1", "--date", "2026-11-26",
                    "--dir", dir());
            assertThat(plan.exitCode()).as("%s", plan).isZero();
            Cli.Run collect = Cli.scan(lines(boxes.get(0), "S-1", boxes.get(1) + " S-2"), "pickup", "collect", "P-1",
                    "--actor", "carrier-4", "--site", "Kurier", "--dir", dir());
            assertThat(collect.exitCode()).as("%s", collect).isZero();
            assertThat(collect.out()).contains("collected pickup P-1: 2 boxes, 5 case files, handed over by clerk-17 to carrier-4");
        }

        @Test
        @DisplayName("plan refuses an unknown or open box and plans the others; a second plan of a box in a pickup is refused")
        void plan() {
            String extra = openedBoxes(Cli.run("box", "open", "--new", "1", "--dir", dir())).get(0);
            Cli.Run plan = Cli.scan(lines(boxes.get(0), extra, "B000000000X", boxes.get(0)), "pickup", "plan", "P-1",
                    "--dir", dir());
            assertThat(plan.exitCode()).as("%s", plan).isEqualTo(ExitCodes.USAGE);
            assertThat(plan.out()).contains("ok   box " + boxes.get(0) + " (3 case files)")
                    .contains("!!   " + extra + ": box " + extra + " is OPEN, not sealed")
                    .contains("!!   B000000000X: unknown box").contains("!!   " + boxes.get(0) + ": box " + boxes.get(0)
                            + " scanned twice")
                    .contains("planned pickup P-1 for 2026-11-25: 1 box").contains("pickup plan: 1 accepted, 3 refused");
            Cli.Run second = Cli.run("pickup", "plan", "P-2", boxes.get(0), boxes.get(1), "--dir", dir());
            assertThat(second.out()).contains("!!   " + boxes.get(0) + ": box " + boxes.get(0) + " is in pickup P-1 already")
                    .contains("planned pickup P-2");
        }

        @Test
        @DisplayName("collect refuses a wrong seal and records nothing unless every box of the pickup was scanned with its seal")
        void collect() {
            Cli.run("pickup", "plan", "P-1", boxes.get(0), boxes.get(1), "--dir", dir());
            long before = Cli.events(workspace);

            Cli.Run run = Cli.scan(lines(boxes.get(0), "S-9", boxes.get(1), "S-2"), "pickup", "collect", "P-1",
                    "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).contains("!!   S-9: seal of box " + boxes.get(0) + " differs")
                    .contains("ok   box " + boxes.get(1) + " seal S-2");
            assertThat(run.err()).contains("pickup P-1 not collected, nothing recorded: 1 of 2 boxes not scanned"
                    + " with their seal: " + boxes.get(0));
            assertThat(Cli.events(workspace)).isEqualTo(before);
            assertThat(state(files.get(0))).isEqualTo("PACKED");
        }

        @Test
        @DisplayName("receive records present and missing files, refuses unexpected files and boxes, lists the discrepancies and exits 1")
        void receive() {
            planAndCollect();
            String stray = openedBoxes(Cli.run("box", "open", "--new", "1", "--dir", dir())).get(0);

            Cli.Run run = Cli.scan(lines(files.get(0), boxes.get(0), "S-1", files.get(0), files.get(3), files.get(2),
                    stray), "pickup", "receive", "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).contains("!!   " + files.get(0) + ": scan the box label first")
                    .contains("ok   box " + boxes.get(0) + " (3 case files on its packing list): scan its seal")
                    .contains("ok   seal S-1").contains("ok   " + files.get(0) + " (1 of 3)")
                    .contains("!!   " + files.get(3) + ": unexpected case file: not on the packing list of box " + boxes.get(0))
                    .contains("box " + boxes.get(0) + " received: 2 present, 1 missing")
                    .contains("!!   " + stray + ": unexpected box: " + stray + " is OPEN, not in transit")
                    .contains("pickup receive: 4 accepted, 3 refused")
                    .contains("  missing case file " + files.get(1) + " (box " + boxes.get(0) + ")")
                    .contains("  unexpected case file " + files.get(3) + " in box " + boxes.get(0))
                    .contains("  box " + boxes.get(1) + " of pickup P-1 not received (still in transit)");
            assertThat(state(files.get(0))).isEqualTo("RECEIVED");
            assertThat(state(files.get(1))).isEqualTo("MISSING_AT_RECEIPT");
            assertThat(state(files.get(3))).isEqualTo("PICKED_UP");

            Cli.Run second = Cli.scan(lines(boxes.get(1) + " S-7", files.get(3), files.get(4)), "pickup", "receive",
                    "--dir", dir());
            assertThat(second.exitCode()).as("received, with a discrepancy: exit 1").isEqualTo(ExitCodes.REJECTED);
            assertThat(second.out()).contains("ok   seal S-7 (differs from the seal recorded: kept as a discrepancy)")
                    .contains("box " + boxes.get(1) + " received: 2 present, 0 missing, seal differs")
                    .contains("  seal of box " + boxes.get(1) + " differs from the one recorded")
                    .contains("pickup receive: 4 accepted, 0 refused");
            Cli.Run status = Cli.run("status", "--dir", dir());
            assertThat(status.out()).contains(files.get(1));
        }
    }

    @Nested
    @DisplayName("prepare")
    class Prepare {

        @Test
        @DisplayName("--direct takes a registered file to PREPARED where the policy allows, the journal naming who, where and when")
        void direct() throws IOException {
            setUp("ALL");
            Cli.Run run = Cli.scan(lines(files.get(0)), "prepare", "--direct", "--actor", "scan-op-9", "--site",
                    "Poststelle", "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).contains("ok   " + files.get(0) + " prepared (received directly)")
                    .contains("prepare: 1 accepted, 0 refused");
            JsonNode events = Cli.run("history", files.get(0), "--dir", dir(), "--json").json().get("events");
            assertThat(events).hasSize(3);
            for (int i = 1; i <= 2; i++) {
                assertThat(events.get(i).get("actor").asText()).isEqualTo("scan-op-9");
                assertThat(events.get(i).get("location").asText()).isEqualTo("Poststelle");
                assertThat(events.get(i).get("time").asText()).isEqualTo(Cli.NOW.toString());
            }
            assertThat(events.get(1).get("kind").asText()).isEqualTo("RECEIVED_DIRECT");
            assertThat(events.get(2).get("kind").asText()).isEqualTo("PREPARED");
        }

        @Test
        @DisplayName("--direct where the policy does not allow it refuses each file naming barcode, states and policy, and changes nothing")
        void directRefused() throws IOException {
            setUp("NEVER");
            long before = Cli.events(workspace);

            Cli.Run run = Cli.scan(lines(files.get(0), files.get(1)), "prepare", "--direct", "--dir", dir());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).contains("!!   " + files.get(0) + ": ReceiveDirect is not allowed for case file "
                    + files.get(0) + " in state REGISTERED: the policy (direct receipt NEVER) allows no case file to go"
                    + " from REGISTERED to RECEIVED without box and pickup").contains("prepare: 0 accepted, 2 refused");
            assertThat(Cli.events(workspace)).isEqualTo(before);
        }

        @Test
        @DisplayName("without --direct refuses a registered file, an unknown barcode and a box")
        void wrongState() throws IOException {
            setUp("ALL");
            String box = openedBoxes(Cli.run("box", "open", "--new", "1", "--dir", dir())).get(0);
            long before = Cli.events(workspace);

            Cli.Run run = Cli.scan(lines(files.get(0), "F999999999Z", box), "prepare", "--dir", dir());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).contains("!!   " + files.get(0) + ": PrepareCaseFile is not allowed for case file "
                    + files.get(0) + " in state REGISTERED").contains("!!   F999999999Z: unknown barcode")
                    .contains("!!   " + box + ": a box, not a case file");
            assertThat(Cli.events(workspace)).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"init", "inventory import", "box open", "box pack", "box seal", "box reopen", "pickup plan",
        "pickup collect", "pickup receive", "prepare"})
    @DisplayName("every new command's --help shows an example")
    void helpExample(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        String out = run.out();
        assertThat(out).containsPattern("\nExamples?( \\(.*\\))?:\n");
        assertThat(out.substring(out.indexOf("\nExample"))).contains("aktenlift " + command);
    }
}
