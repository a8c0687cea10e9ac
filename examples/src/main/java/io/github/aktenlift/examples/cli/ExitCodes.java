package io.github.aktenlift.examples.cli;

/** The CLI's exit codes, also listed in {@code --help}. */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;
    /** Done, but some items were rejected (case files of an ingest); the others went through. */
    static final int REJECTED = 1;
    /** A usage or input error: a bad option, a missing workspace, an unknown barcode. */
    static final int USAGE = 2;
    /** An integrity failure: the journal or stored content was altered. */
    static final int INTEGRITY = 3;
    /** An internal error: a bug, reported with its stack trace. */
    static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
