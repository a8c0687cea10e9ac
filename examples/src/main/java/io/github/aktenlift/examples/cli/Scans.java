package io.github.aktenlift.examples.cli;

import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.casefile.Barcode;

import java.io.IOException;
import java.util.Locale;

/**
 * A scanning session on standard input: a handheld scanner types one barcode a line and Enter.
 * Each accepted scan is acknowledged with one short line on stdout ({@code ok   …}); a wrong,
 * unknown or unexpected one gets a distinct line ({@code !!   …}, with the terminal bell when a
 * person watches a terminal) and the session goes on; the summary line counts both. A session in
 * which anything was refused ends with {@link ExitCodes#USAGE}, as any input error does: the
 * accepted scans were recorded, the refused ones changed nothing.
 */
final class Scans {

    /** The terminal bell: a person at a scanner hears a refused scan without looking up. */
    static final char BELL = '\u0007';

    private final Environment env;
    private int accepted;
    private int refused;
    private int line;

    Scans(Environment env) {
        this.env = env;
    }

    /**
     * @return the next scanned line, stripped and in upper case (scanners of some keyboard layouts
     *     type lower case), or {@code null} at the end of input; blank lines are skipped
     */
    String next() {
        try {
            String s;
            do {
                s = env.in().readLine();
                if (s == null) {
                    return null;
                }
                line++;
                s = s.strip();
            } while (s.isEmpty());
            return s.toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UserException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /**
     * @return the scanned text as a barcode, or {@code null} after refusing it as unreadable
     */
    Barcode barcode(String scanned) {
        try {
            return Barcode.of(scanned);
        } catch (AktenliftException e) {
            refuse(scanned, "not a barcode");
            return null;
        }
    }

    /** @return the text as a barcode, or empty if it cannot be one (a seal number may not be, for one) */
    static java.util.Optional<Barcode> parse(String text) {
        try {
            return java.util.Optional.of(Barcode.of(text));
        } catch (AktenliftException e) {
            return java.util.Optional.empty();
        }
    }

    /** Acknowledges an accepted scan. */
    void ok(String text) {
        accepted++;
        env.out().println("ok   " + text);
    }

    /** Reports a refused scan; the session goes on. */
    void refuse(String scanned, String why) {
        refused++;
        // a scan that is no barcode at all may be anything a keyboard typed: show only its length
        String shown = scanned.matches("[A-Z0-9-]{1,40}") ? scanned : "(" + scanned.length() + " characters)";
        env.out().println((env.terminal() ? String.valueOf(BELL) : "") + "!!   " + shown + ": " + why);
    }

    /** Reports a refused scan that an Aktenlift exception explains (it names identifiers, never personal data). */
    void refuse(String scanned, AktenliftException e) {
        refuse(scanned, e.getMessage());
    }

    int accepted() {
        return accepted;
    }

    int refused() {
        return refused;
    }

    /** Prints the summary and returns the exit code: {@link ExitCodes#USAGE} if anything was refused. */
    int summary(String what) {
        env.out().printf("%s: %d accepted, %d refused%n", what, accepted, refused);
        return refused == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }
}
