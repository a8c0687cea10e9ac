package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.capture.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ingest <delivery-dir>}: captures a scan delivery into the workspace. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingests a scan delivery folder (index.json and page images, see docs/delivery-format.md)"
                + " into the workspace: checks every page, renders PDF/A-2b renditions, stores them with the scan"
                + " protocol, and moves each good case file on.",
            "A bad case file is rejected on its own, with every problem named by page; the others go through."
                + " Exits with 1 if any case file was rejected."})
final class IngestCommand implements Callable<Integer> {

    private final Environment env;

    @Parameters(index = "0", paramLabel = "DELIVERY-DIR", description = "the delivery folder")
    private Path delivery;

    @Option(names = "--actor", paramLabel = "ID", defaultValue = "scan-service",
            description = "who ingests, as recorded in the journal (default: ${DEFAULT-VALUE})")
    private String actor;

    @Option(names = "--location", paramLabel = "TEXT", defaultValue = "Scan-Dienstleister",
            description = "where, as recorded in the journal (default: ${DEFAULT-VALUE})")
    private String location;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    IngestCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Actor who = Actor.of(actor, location);
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            IngestReport report = Ingests.ingest(w.lift(), who, delivery, output.progress(env));
            if (output.json) {
                Json.print(env.out(), Ingests.toJson(report));
            } else {
                Ingests.print(env.out(), report, "");
            }
            return report.rejected().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
        }
    }
}
