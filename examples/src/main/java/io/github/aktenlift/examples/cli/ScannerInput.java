package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.ConcurrentUpdateException;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.casefile.Barcode;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Barcodes as a handheld scanner types them: one a line on standard input, until its end. Each
 * barcode goes to a {@link Step}; an accepted one gets one short line on stdout, a refused one a
 * distinct line on stderr (with the terminal bell on a terminal) and the run goes on; a summary
 * ends it. Given one barcode as an argument instead, a command does that one, and a refusal is
 * the command's input error (exit 2, one line).
 *
 * <p>A step refuses by throwing what {@link Main} reports as an input error: a {@link UserException}
 * or an Aktenlift exception. An altered journal or lost concurrent updates end the run.
 *
 * <p>Exit code of a scanned run: 0 if every barcode was accepted (also if none was read), 1 if some
 * were refused and others accepted, 2 if all were refused.
 */
final class ScannerInput {

    private ScannerInput() {
    }

    /** What a command does with one barcode. */
    @FunctionalInterface
    interface Step {
        /**
         * @return a short acknowledgement naming what was done (no personal data)
         * @throws UserException or an Aktenlift exception if the barcode is refused; nothing changed
         */
        String accept(Barcode barcode);
    }

    /** The optional {@code BARCODE} argument of a command that also reads a scanner (picocli mixin). */
    static final class Argument {
        @Parameters(index = "0", arity = "0..1", paramLabel = "BARCODE",
                description = "the case file; without it, barcodes are read from standard input, one a line"
                        + " (as a handheld scanner types them), until its end")
        String barcode;
    }

    /** One refused line: its number, the barcode if the line was one, and why. */
    record Refused(int line, String barcode, String reason) {
    }

    /** What one run accepted and refused. */
    record Result(List<Barcode> accepted, List<String> acks, List<Refused> refused) {
        /** @return 0 if every scan was accepted, else 2 (a refused scan is bad input; the accepted ones stay recorded) */
        int exitCode() {
            return refused.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
        }
    }

    /**
     * Does the step for the argument if there is one, else for every barcode read from standard
     * input; prints acknowledgements, refusals and the summary, or with {@code json} one JSON
     * document ({@code accepted: [{barcode, done}], refused: [{line, barcode, reason}]}).
     *
     * @return the exit code
     */
    static int run(Environment env, Argument argument, boolean json, Step step) {
        Result result;
        if (argument.barcode != null) {
            Barcode b = Barcode.of(argument.barcode);
            String ack = step.accept(b); // a refusal is this command's input error
            result = new Result(List.of(b), List.of(ack), List.of());
            if (!json) {
                env.out().println(b + "  " + ack);
            }
        } else {
            result = scan(env, json, step);
        }
        if (json) {
            Json.print(env.out(), toJson(result));
        }
        return result.exitCode();
    }

    /** Reads barcodes from standard input until its end; see the class comment. */
    static Result scan(Environment env, boolean json, Step step) {
        if (env.terminal()) {
            env.err().println("scan barcodes, one a line; end with Ctrl-D");
        }
        return process(env, json, env.in()::readLine, step);
    }

    /**
     * Does the step for each of a list of barcodes the command found itself (such as every file in
     * a state), as if they had been scanned: one refused does not stop the others.
     *
     * @return the exit code, after printing as {@link #run} does
     */
    static int each(Environment env, List<Barcode> barcodes, boolean json, Step step) {
        java.util.Iterator<Barcode> it = barcodes.iterator();
        Result result = process(env, json, () -> it.hasNext() ? it.next().value() : null, step);
        if (json) {
            Json.print(env.out(), toJson(result));
        }
        return result.exitCode();
    }

    /** The lines to work through; {@code null} at the end. */
    @FunctionalInterface
    private interface Lines {
        String next() throws IOException;
    }

    private static Result process(Environment env, boolean json, Lines lines, Step step) {
        List<Barcode> accepted = new ArrayList<>();
        List<String> acks = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        int number = 0;
        try {
            for (String line; (line = lines.next()) != null; ) {
                number++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                Barcode b = null;
                try {
                    b = Barcode.of(text);
                    String ack = step.accept(b);
                    accepted.add(b);
                    acks.add(ack);
                    if (!json) {
                        env.out().println("ok       " + b + "  " + ack);
                    }
                } catch (JournalIntegrityException | ConcurrentUpdateException e) {
                    throw e;
                } catch (UserException | AktenliftException e) {
                    // the line itself is repeated only if it is a barcode: a mistyped line may hold anything
                    Refused r = new Refused(number, b == null ? null : b.value(), e.getMessage());
                    refused.add(r);
                    env.err().println("REFUSED  " + (b == null ? "line " + number : b.value()) + "  " + r.reason()
                            + (env.terminal() ? "\u0007" : ""));
                }
                env.out().flush();
                env.err().flush();
            }
        } catch (IOException e) {
            throw new UserException("standard input failed after line " + number + ": " + e.getMessage(), e);
        }
        if (!json) {
            env.out().printf("%d accepted, %d refused%n", accepted.size(), refused.size());
        }
        return new Result(List.copyOf(accepted), List.copyOf(acks), List.copyOf(refused));
    }

    static ObjectNode toJson(Result r) {
        ObjectNode root = Json.object();
        ArrayNode ok = root.putArray("accepted");
        for (int i = 0; i < r.accepted().size(); i++) {
            ok.addObject().put("barcode", r.accepted().get(i).value()).put("done", r.acks().get(i));
        }
        ArrayNode no = root.putArray("refused");
        for (Refused x : r.refused()) {
            ObjectNode o = no.addObject().put("line", x.line());
            if (x.barcode() != null) {
                o.put("barcode", x.barcode());
            }
            o.put("reason", x.reason());
        }
        return root;
    }
}
