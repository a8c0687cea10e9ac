package io.github.aktenlift.examples.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options several commands share, as picocli mixins. */
final class Options {

    private Options() {
    }

    /** {@code --dir}: the workspace a command works on. */
    static final class WorkspaceDir {
        @Option(names = "--dir", required = true, paramLabel = "DIR",
                description = "the workspace directory (created by 'aktenlift demo --dir DIR')")
        Path dir;
    }

    /** {@code --json} and {@code --quiet}. */
    static final class Output {
        @Option(names = "--json", description = "write the result as one JSON document to stdout")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
        boolean quiet;

        Progress progress(Environment env) {
            return new Progress(env.err(), env.terminal(), quiet);
        }
    }
}
