package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * What a command run sees of the world: where input comes from, where output and messages go,
 * the clock, the id source, and whether a person watches (a terminal). Tests pass their own to
 * run the CLI in-process.
 *
 * @param out results (tables, JSON, scan acknowledgements)
 * @param err messages and progress
 * @param clock the time of every event recorded
 * @param ids Aktenlift's id source
 * @param terminal whether a person watches a terminal: progress then redraws one line in place, and a
 *     refused scan rings the bell
 * @param in standard input: barcodes typed by a handheld scanner, one a line ({@link ScannerInput})
 */
record Environment(PrintWriter out, PrintWriter err, Clock clock, IdSource ids, boolean terminal, BufferedReader in) {

    /** An environment whose standard input is empty. */
    Environment(PrintWriter out, PrintWriter err, Clock clock, IdSource ids, boolean terminal) {
        this(out, err, clock, ids, terminal, new BufferedReader(new StringReader("")));
    }

    /** The real world: the process's streams, system clock, random ids. */
    static Environment system() {
        return new Environment(new PrintWriter(System.out, true), new PrintWriter(System.err, true), Clock.systemUTC(),
                IdSource.random(), System.console() != null,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
}
