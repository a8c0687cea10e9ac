package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift transfer: register a paper file from another authority, list and decide held matches")
class TransferCommandTest {

    private static final String SURNAME = "Haddad";
    private static final String GIVEN = "Rana";
    private static final String BORN = "1994-08-30";
    private static final String AZR = "123456789012";

    @TempDir
    Path tmp;

    private Path ws;
    private List<Barcode> labels;

    /** An empty workspace with three barcodes issued for labels. */
    @BeforeEach
    void workspace() {
        ws = tmp.resolve("w");
        try (Workspace w = Workspace.create(ws, Clock.fixed(Cli.NOW.minusSeconds(86_400), ZoneOffset.UTC),
                IdSource.sequential("p"), false)) {
            labels = w.lift().inventory().issueCaseFileBarcodes(Stages.CLERK, 3);
        }
    }

    private String dir() {
        return ws.toString();
    }

    private Cli.Run register(Barcode b, String reference, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("transfer", "register", b.value(), "--reference", reference,
                "--origin", "Stadt Musterstadt, Ausländerbehörde", "--received-on", "2026-11-20", "--surname", SURNAME,
                "--given-names", GIVEN, "--born", BORN, "--nationality", "SYR", "--azr", AZR, "--dir", dir()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertNoPersonalData(Cli.Run run) {
        assertThat(run.out() + run.err()).doesNotContain(SURNAME, GIVEN, BORN, AZR, "1994");
    }

    @Test
    @DisplayName("registers a transfer as REGISTERED with its origin; nothing of the person is printed or in the journal")
    void register() {
        Cli.Run run = register(labels.get(0), "AB-2026/0815", "--protection", "HIGH");
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("registered transfer " + labels.get(0) + " (AB-2026/0815) from Stadt Musterstadt,"
                + " Ausländerbehörde, received 2026-11-20: REGISTERED");
        assertNoPersonalData(run);

        Cli.Run history = Cli.run("history", labels.get(0).value(), "--dir", dir(), "--json");
        assertThat(history.json().get("caseFile").get("originAuthority").asText()).isEqualTo("Stadt Musterstadt, Ausländerbehörde");
        assertThat(history.json().get("caseFile").get("protection").asText()).isEqualTo("HIGH");
        assertThat(history.json().get("events").get(0).get("kind").asText()).isEqualTo("TRANSFER_REGISTERED");
        assertNoPersonalData(history);

        Cli.Run json = register(labels.get(1), "AB-2026/0816", "--json");
        assertThat(json.exitCode()).as("%s", json).isZero();
        assertThat(json.json().get("state").asText()).isEqualTo("REGISTERED");
        assertThat(json.json().get("receivedOn").asText()).isEqualTo("2026-11-20");
        assertNoPersonalData(json);
    }

    @Nested
    @DisplayName("refuses bad input with exit 2 and one line that repeats no personal data, and records nothing:")
    class BadInput {

        private long before;

        @BeforeEach
        void count() {
            assertThat(register(labels.get(0), "AB-1").exitCode()).isZero();
            before = Stages.events(ws);
        }

        @Test
        @DisplayName("a barcode or file reference already registered, a barcode with a wrong check digit")
        void duplicates() {
            Stages.assertRefused(ws, before, register(labels.get(0), "AB-2"), "already");
            Stages.assertRefused(ws, before, register(labels.get(1), "AB-1"), "already");
            String wrong = labels.get(1).value().substring(0, labels.get(1).value().length() - 1)
                    + (labels.get(1).value().endsWith("0") ? "1" : "0");
            Stages.assertRefused(ws, before, register(Barcode.of(wrong), "AB-3"), "check digit");
        }

        @Test
        @DisplayName("a date of birth that is no date or in the future, an AZR number of the wrong shape: named by field")
        void personalData() {
            Cli.Run noDate = Cli.run("transfer", "register", labels.get(1).value(), "--reference", "AB-4", "--origin", "X",
                    "--received-on", "2026-11-20", "--surname", SURNAME, "--given-names", GIVEN, "--born", "30.08.1994",
                    "--dir", dir());
            Stages.assertRefused(ws, before, noDate, "--born is not a date of the form YYYY-MM-DD");
            assertNoPersonalData(noDate);
            Cli.Run future = Cli.run("transfer", "register", labels.get(1).value(), "--reference", "AB-4", "--origin", "X",
                    "--received-on", "2026-11-20", "--surname", SURNAME, "--given-names", GIVEN, "--born", "2099-01-01",
                    "--dir", dir());
            Stages.assertRefused(ws, before, future, "subject.dateOfBirth");
            assertThat(future.err()).doesNotContain("2099", SURNAME);
            Cli.Run azr = Cli.run("transfer", "register", labels.get(1).value(), "--reference", "AB-4", "--origin", "X",
                    "--received-on", "2026-11-20", "--surname", SURNAME, "--given-names", GIVEN, "--born", BORN,
                    "--azr", "12-34", "--dir", dir());
            Stages.assertRefused(ws, before, azr, "subject.azrNumber");
            assertThat(azr.err()).doesNotContain("12-34");
        }

        @Test
        @DisplayName("a missing option, an unknown option, an unknown protection level")
        void usage() {
            Stages.assertRefused(ws, before, Cli.run("transfer", "register", labels.get(1).value(), "--dir", dir()),
                    "Missing required options");
            Stages.assertRefused(ws, before, register(labels.get(1), "AB-5", "--urgent"), "Unknown option: '--urgent'");
            Cli.Run unquoted = Cli.run("transfer", "register", labels.get(1).value(), "--reference", "AB-5", "--origin", "X",
                    "--received-on", "2026-11-20", "--surname", SURNAME, "--given-names", "Rana", "Maria", "--born", BORN,
                    "--dir", dir());
            Stages.assertRefused(ws, before, unquoted, "1 unexpected argument(s), not repeated here");
            assertThat(unquoted.err()).doesNotContain("Maria");
            Stages.assertRefused(ws, before, register(labels.get(1), "AB-5", "--protection", "TOP"),
                    "Invalid value for option '--protection'");
            Stages.assertRefused(ws, before, Cli.run("transfer"), "a transfer command is missing");
        }
    }

    @Nested
    @DisplayName("a transfer whose e-file is unclear")
    class Held {

        private Barcode held;
        private List<String> candidates;

        /**
         * A transfer registered on the command line, captured and checked, and imported by the
         * public API into a procedure that keeps two e-files under the person's AZR number: held.
         */
        @BeforeEach
        void held() {
            held = labels.get(0);
            assertThat(register(held, "AB-2026/0815").exitCode()).isZero();
            InMemorySpecialistProcedure procedure = new InMemorySpecialistProcedure();
            SubjectQuery person = new SubjectQuery(SURNAME, GIVEN, LocalDate.parse(BORN), AZR);
            procedure.createEFile(new EFileRequest("old-1", "ALT-1", person));
            procedure.createEFile(new EFileRequest("old-2", "ALT-2", person));
            Stages.withLift(ws, Cli.NOW.minusSeconds(600), procedure, null, lift -> {
                // the transfer's paper way, as a scan service with a direct path would record it
                Stages.shipAndCapture(lift, held);
                lift.execute(Stages.REVIEWER_A, new PassQualityCheck(held, Stages.REVIEWER_A.id()));
                assertThat(lift.imports().importCaseFile(Stages.CLERK, held)).isInstanceOf(ImportResult.Held.class);
            });
            candidates = procedure.eFiles().stream().map(e -> e.id()).sorted().toList();
        }

        @Test
        @DisplayName("transfer held lists it with the reason and both candidates; transfer match appends it to one,"
                + " and it is no longer held")
        void decide() {
            Cli.Run list = Cli.run("transfer", "held", "--dir", dir(), "--json");
            assertThat(list.exitCode()).as("%s", list).isZero();
            JsonNode h = list.json().get("held").get(0);
            assertThat(h.get("barcode").asText()).isEqualTo(held.value());
            assertThat(h.get("reasons").get(0).asText()).isEqualTo("AMBIGUOUS_AZR_NUMBER");
            assertThat(StreamSupport.stream(h.get("candidates").spliterator(), false).map(JsonNode::asText).toList())
                    .containsExactlyElementsOf(candidates);
            assertNoPersonalData(list);

            Cli.Run match = Cli.run("transfer", "match", held.value(), "--efile", candidates.get(1), "--actor", "clerk-9",
                    "--dir", dir());
            assertThat(match.exitCode()).as("%s", match).isZero();
            assertThat(match.out()).contains(held + ": decided for e-file " + candidates.get(1));

            Cli.Run after = Cli.run("transfer", "held", "--dir", dir());
            assertThat(after.out()).startsWith("0 case file(s) held");
        }

        @Test
        @DisplayName("an e-file nothing pointed at, both --efile and --new, a file not held: exit 2, nothing recorded")
        void badDecisions() {
            long before = Stages.events(ws);
            Stages.assertRefused(ws, before, Cli.run("transfer", "match", held.value(), "--efile", "EAKTE-99",
                    "--actor", "clerk-9", "--dir", dir()), "EAKTE-99");
            Stages.assertRefused(ws, before, Cli.run("transfer", "match", held.value(), "--efile", candidates.get(0),
                    "--new", "--actor", "clerk-9", "--dir", dir()), "mutually exclusive");
            Stages.assertRefused(ws, before, Cli.run("transfer", "match", held.value(), "--new", "--dir", dir()),
                    "Missing required option: '--actor=ID'");
            assertThat(register(labels.get(1), "AB-9").exitCode()).isZero();
            long more = Stages.events(ws);
            Stages.assertRefused(ws, more, Cli.run("transfer", "match", labels.get(1).value(), "--new", "--actor",
                    "clerk-9", "--dir", dir()), "in state REGISTERED");
        }
    }

    @Test
    @DisplayName("every transfer command's --help shows an example")
    void help() {
        for (String c : List.of("register", "held", "match")) {
            Cli.Run run = Cli.run("transfer", c, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Example", "aktenlift transfer " + c);
        }
    }
}
