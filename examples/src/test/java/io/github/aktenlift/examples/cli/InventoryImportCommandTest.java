package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift inventory import")
class InventoryImportCommandTest {

    static final String HEADER =
            "file_reference,barcode,surname,given_names,date_of_birth,nationality,azr_number,protection_level\n";

    @TempDir
    Path tmp;

    private Path workspace;

    @BeforeEach
    void init() {
        workspace = tmp.resolve("w");
        Cli.Run init = Cli.run("init", "--dir", workspace.toString());
        assertThat(init.exitCode()).as("%s", init).isZero();
    }

    static String row(int i, String barcode) {
        return "AZ-" + i + "," + barcode + ",Müller" + i + ",Jürgen," + (10 + i) + ".02.1980,SYR,"
                + String.format("%012d", 200_000_000_000L + i) + ",\n";
    }

    private Path csv(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    @DisplayName("registers every case file of a good baseline, new barcodes for those without, and says so in JSON")
    void good() throws IOException {
        Path f = csv("baseline.csv", HEADER + row(1, "") + row(2, "") + row(3, ""));

        Cli.Run run = Cli.run("inventory", "import", f.toString(), "--dir", workspace.toString(), "--json");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode j = run.json();
        assertThat(j.get("entries").asInt()).isEqualTo(3);
        assertThat(j.get("registered").asInt()).isEqualTo(3);
        assertThat(j.get("newBarcodes").asInt()).isEqualTo(3);
        assertThat(j.get("problems").size()).isZero();
        assertThat(j.get("caseFiles").size()).isEqualTo(3);
        String first = j.get("caseFiles").get(0).get("barcode").asText();
        assertThat(j.get("caseFiles").get(0).get("line").asInt()).isEqualTo(2);
        Cli.Run where = Cli.run("status", "--dir", workspace.toString(), "--json");
        assertThat(where.json().get("caseFilesPerState").get("REGISTERED").asInt()).isEqualTo(3);
        Cli.Run history = Cli.run("history", first, "--dir", workspace.toString());
        assertThat(history.out()).contains("REGISTERED").contains("clerk-17");
        assertThat(run.out()).as("no personal data in the output").doesNotContain("Müller").doesNotContain("1980");
    }

    @Test
    @DisplayName("again with a longer export registers only the new lines; the ones registered already are skipped")
    void again() throws IOException {
        Cli.run("inventory", "import", csv("a.csv", HEADER + row(1, "") + row(2, "")).toString(),
                "--dir", workspace.toString());

        Cli.Run run = Cli.run("inventory", "import", csv("b.csv", HEADER + row(1, "") + row(2, "") + row(3, ""))
                .toString(), "--dir", workspace.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("baseline imported: 3 entries")
                .contains("registered 1 case files (1 with new barcodes), 2 registered already");
    }

    @Test
    @DisplayName("reports every bad line with its line number and column, never the value, and imports nothing")
    void bad() throws IOException {
        Cli.run("inventory", "import", csv("a.csv", HEADER + row(1, "")).toString(), "--dir", workspace.toString());
        long before = Cli.events(workspace);
        Path f = csv("bad.csv", HEADER + row(2, "")
                + "AZ-3,,Geheim,Jürgen,31.02.1980,SYR,,\n"
                + row(4, "")
                + "AZ-5,,Geheim,Jürgen,1980-01-01,SYR,,TOPSECRET\n"
                + row(2, ""));

        Cli.Run run = Cli.run("inventory", "import", f.toString(), "--dir", workspace.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("bad.csv line 3, column date_of_birth: ")
                .contains("bad.csv line 5, column protection_level: ")
                .contains("bad.csv line 6, column file_reference: same file reference as line 2")
                .contains("nothing imported: 3 problems in bad.csv")
                .doesNotContain("Geheim").doesNotContain("31.02").doesNotContain("TOPSECRET")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(4);
        assertThat(Cli.events(workspace)).as("journal unchanged").isEqualTo(before);

        Cli.Run json = Cli.run("inventory", "import", f.toString(), "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(json.json().get("problems")).hasSize(3);
        assertThat(json.json().get("problems").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(json.json().get("problems").get(0).get("column").asText()).isEqualTo("date_of_birth");
    }

    @Test
    @DisplayName("refuses a good file whose lines clash with the workspace (a barcode in use, a reference under another barcode)")
    void clashes() throws IOException {
        Cli.Run first = Cli.run("inventory", "import", csv("a.csv", HEADER + row(1, "") + row(2, "")).toString(),
                "--dir", workspace.toString(), "--json");
        String b1 = first.json().get("caseFiles").get(0).get("barcode").asText();
        String b2 = first.json().get("caseFiles").get(1).get("barcode").asText();
        long before = Cli.events(workspace);

        Cli.Run run = Cli.run("inventory", "import", csv("c.csv", HEADER + row(1, b2) + row(7, b1) + row(8, ""))
                .toString(), "--dir", workspace.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("c.csv line 2, column barcode: the file reference is registered under another barcode")
                .contains("c.csv line 3, column barcode: already in use by another case file or box")
                .contains("nothing imported: 2 problems");
        assertThat(Cli.events(workspace)).isEqualTo(before);
    }

    @Test
    @DisplayName("a missing file, an empty file, a missing workspace and an unknown option are one line each, exit 2")
    void usage() throws IOException {
        long before = Cli.events(workspace);
        Cli.Run missing = Cli.run("inventory", "import", tmp.resolve("none.csv").toString(), "--dir", workspace.toString());
        Cli.Run empty = Cli.run("inventory", "import", csv("e.csv", "").toString(), "--dir", workspace.toString());
        Cli.Run noWorkspace = Cli.run("inventory", "import", csv("g.csv", HEADER).toString(), "--dir",
                tmp.resolve("nowhere").toString());
        Cli.Run option = Cli.run("inventory", "import", "x.csv", "--dir", workspace.toString(), "--frobnicate");

        for (Cli.Run r : new Cli.Run[] {missing, noWorkspace}) {
            assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines()).as("%s", r).hasSize(1);
        }
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("line 0: the file is empty");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("Unknown option: '--frobnicate'").doesNotContain("\tat ");
        assertThat(Cli.events(workspace)).isEqualTo(before);
    }

    @Test
    @DisplayName("--help documents the CSV columns and shows an example")
    void help() {
        Cli.Run run = Cli.run("inventory", "import", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("file_reference", "barcode", "surname", "given_names", "date_of_birth",
                "nationality", "azr_number", "protection_level", "Example:", "aktenlift inventory import baseline.csv");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("inventory issue N issues new distinct barcodes, journaled; a bad N is one line, exit 2, nothing issued")
    void issue() {
        long before = Cli.events(workspace);
        Cli.Run bad = Cli.run("inventory", "issue", "0", "--dir", workspace.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip().lines()).hasSize(1).first().asString().contains("1 to 1000");
        assertThat(Cli.events(workspace)).isEqualTo(before);
        Cli.Run run = Cli.run("inventory", "issue", "2", "--dir", workspace.toString(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("barcodes")).hasSize(2);
        assertThat(run.json().get("barcodes").get(0).asText()).isNotEqualTo(run.json().get("barcodes").get(1).asText());
        assertThat(Cli.events(workspace)).isGreaterThan(before);
    }
}
