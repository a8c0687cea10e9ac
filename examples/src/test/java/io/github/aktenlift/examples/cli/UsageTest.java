package io.github.aktenlift.examples.cli;

import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.tracking.JournalViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The command line")
class UsageTest {

    /** A command to report failures of. */
    @CommandLine.Command(name = "probe")
    static final class Probe {
    }

    @TempDir
    Path tmp;

    private static void assertUsageError(Cli.Run run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("--help lists every command and the exit codes, and exits 0")
    void help() {
        Cli.Run run = Cli.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo", "ingest", "import", "receive", "status", "history", "verify", "labels", "bench",
                "Exit codes:", "3  integrity failure");
        assertThat(Cli.run("ingest", "--help").out()).contains("DELIVERY-DIR", "--dir=DIR", "--json", "--quiet");
    }

    @Test
    @DisplayName("--help lists the command groups of the stages after capture")
    void helpLaterStages() {
        assertThat(Cli.run("--help").out()).contains("qa", "recall", "transfer", "retention", "hold", "destruction",
                "notifications");
    }

    @Nested
    @DisplayName("answers a usage or input error with exit 2 and one clear line, never a stack trace:")
    class UsageErrors {

        @Test
        @DisplayName("no command")
        void noCommand() {
            assertUsageError(Cli.run(), "a command is missing");
        }

        @Test
        @DisplayName("an unknown command, with a suggestion")
        void unknownCommand() {
            assertUsageError(Cli.run("stats"), "Did you mean");
        }

        @Test
        @DisplayName("an unknown option, and a missing --dir")
        void options() {
            assertUsageError(Cli.run("status", "--dir", tmp.toString(), "--colour"), "Unknown option: '--colour'");
            assertUsageError(Cli.run("status"), "Missing required option: '--dir=DIR'");
        }

        @Test
        @DisplayName("a workspace that does not exist, or a directory that is not one")
        void notAWorkspace() {
            assertUsageError(Cli.run("status", "--dir", tmp.resolve("nowhere").toString()), "does not exist");
            assertUsageError(Cli.run("verify", "--dir", tmp.toString()), "is not an Aktenlift workspace");
        }

        @Test
        @DisplayName("a barcode that cannot be one")
        void badBarcode() {
            assertUsageError(Cli.run("history", "f-1", "--dir", tmp.toString()), "barcode");
        }

        @Test
        @DisplayName("numbers and formats out of range")
        void ranges() {
            assertUsageError(Cli.run("demo", "--files", "5"), "--files must be 20 to 100000");
            assertUsageError(Cli.run("demo", "--files", "many"), "Invalid value for option '--files'");
            assertUsageError(Cli.run("bench", "--format", "png"), "--format must be jpeg, g4 or both");
            assertUsageError(Cli.run("bench", "--pages", "0"), "--pages must be 1 to 100000");
        }
    }

    @Nested
    @DisplayName("maps what a command throws to an exit code")
    class Failures {

        private final StringWriter err = new StringWriter();
        private final CommandLine command = new CommandLine(new Probe()).setErr(new PrintWriter(err, true));

        @Test
        @DisplayName("an altered journal: 3, one line")
        void integrity() {
            int code = Main.failure(new JournalIntegrityException(new JournalViolation(7, "file/F1", JournalViolation.Kind.ALTERED,
                    "hash differs")), command);
            assertThat(code).isEqualTo(ExitCodes.INTEGRITY);
            assertThat(err.toString()).contains("integrity failure", "ALTERED at position 7").doesNotContain("\tat ");
        }

        @Test
        @DisplayName("anything unexpected: 4, with the stack trace for the bug report")
        void internal() {
            int code = Main.failure(new IllegalStateException("boom"), command);
            assertThat(code).isEqualTo(ExitCodes.INTERNAL);
            assertThat(err.toString()).contains("internal error: java.lang.IllegalStateException: boom", "\tat ");
        }
    }
}
