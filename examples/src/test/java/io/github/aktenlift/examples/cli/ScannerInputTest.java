package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.tracking.JournalViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("ScannerInput: barcodes one a line, as a handheld scanner types them")
class ScannerInputTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Environment env(String stdin, boolean terminal) {
        return new Environment(new PrintWriter(out, true), new PrintWriter(err, true), Clock.fixed(Cli.NOW, ZoneOffset.UTC),
                IdSource.sequential("t"), terminal, new BufferedReader(new StringReader(stdin)));
    }

    @Test
    @DisplayName("skips blank lines, strips a scanner's CR and spaces, and counts lines as typed")
    void lines() {
        List<Barcode> seen = new ArrayList<>();
        ScannerInput.Result r = ScannerInput.scan(env("\n  F0001  \r\n\r\nF0002\n", false), false, b -> {
            seen.add(b);
            return "done";
        });
        assertThat(seen).containsExactly(Barcode.of("F0001"), Barcode.of("F0002"));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).containsExactly("ok       F0001  done", "ok       F0002  done",
                "2 accepted, 0 refused");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @DisplayName("on a terminal: a prompt, and the bell with each refusal; a line that is no barcode is named by its number only")
    void terminal() {
        ScannerInput.Result r = ScannerInput.scan(env("Müller, Jürgen\nF0003\n", true), false, b -> {
            throw new UnknownIdentifierException("case file", b.value());
        });
        assertThat(r.exitCode()).as("all refused").isEqualTo(ExitCodes.USAGE);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.get(0)).contains("scan barcodes, one a line");
        assertThat(lines.get(1)).startsWith("REFUSED  line 1  barcode: ").endsWith("\u0007").doesNotContain("Müller");
        assertThat(lines.get(2)).isEqualTo("REFUSED  F0003  unknown case file F0003\u0007");
        assertThat(r.refused()).extracting(ScannerInput.Refused::line).containsExactly(1, 2);
    }

    @Test
    @DisplayName("an altered journal ends the run instead of being reported as one refused barcode")
    void integrityEndsTheRun() {
        JournalIntegrityException altered = new JournalIntegrityException(new JournalViolation(7, "file/F1",
                JournalViolation.Kind.ALTERED, "hash differs"));
        assertThatThrownBy(() -> ScannerInput.scan(env("F0001\nF0002\n", false), false, b -> {
            throw altered;
        })).isSameAs(altered);
    }

    @Test
    @DisplayName("an empty input reads nothing and exits 0; some refused among accepted exits 1")
    void exitCodes() {
        assertThat(ScannerInput.scan(env("", false), false, b -> "done").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(ScannerInput.scan(env("F0001\nF0002\n", false), false, b -> {
            if (b.value().equals("F0002")) {
                throw new UserException("not today");
            }
            return "done";
        }).exitCode()).as("a refused scan is bad input").isEqualTo(ExitCodes.USAGE);
    }
}
