package io.github.aktenlift.examples.cli;

import io.github.aktenlift.IdSource;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * What a command run sees of the world: where output and messages go, the clock, the id source,
 * and whether a person watches (a terminal). Tests pass their own to run the CLI in-process.
 *
 * @param out results (tables, JSON)
 * @param err messages and progress
 * @param clock the time of every event recorded
 * @param ids Aktenlift's id source
 * @param terminal whether stderr is a terminal: progress then redraws one line in place
 */
record Environment(PrintWriter out, PrintWriter err, Clock clock, IdSource ids, boolean terminal) {

    /** The real world: the process's streams, system clock, random ids. */
    static Environment system() {
        return new Environment(new PrintWriter(System.out, true), new PrintWriter(System.err, true), Clock.systemUTC(),
                IdSource.random(), System.console() != null);
    }
}
