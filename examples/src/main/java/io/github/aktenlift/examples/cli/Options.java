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
                description = "the workspace directory (created by 'aktenlift init --dir DIR', or with a demo project by"
                        + " 'aktenlift demo --dir DIR')")
        Path dir;
    }

    /**
     * {@code --procedure URI} and {@code --setting KEY=VALUE}: the specialist procedure to import
     * into, instead of the workspace's own ({@code procedure.properties} in the workspace, else its
     * hotfolder).
     */
    static final class Procedure {
        @Option(names = "--procedure", paramLabel = "URI",
                description = "the specialist procedure, for example xdomea:DIR (an xdomea 3.0.0 partner reached through"
                        + " the directory pair DIR/outgoing, DIR/incoming); default: the workspace's procedure.properties,"
                        + " else its hotfolder/")
        java.net.URI uri;

        @Option(names = "--setting", paramLabel = "KEY=VALUE",
                description = "a setting of the procedure, for example aktenlift.xdomea.sender.name=...; repeatable")
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
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

    /**
     * {@code --actor} and {@code --site}: who does it and where, as the journal records it. Each
     * command has its own defaults (a clerk at the office, a scan operator at the scan service).
     */
    static final class Who {
        @Option(names = "--actor", paramLabel = "ID",
                description = "who does it, as recorded in the journal (letters, digits, . _ : @ -)")
        String actor;

        @Option(names = "--site", paramLabel = "SITE", description = "where, as recorded in the journal")
        String site;

        io.github.aktenlift.Actor actor(io.github.aktenlift.Actor byDefault) {
            return io.github.aktenlift.Actor.of(actor != null ? actor : byDefault.id(),
                    site != null ? site : byDefault.site());
        }
    }
}
