package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.efile.ImportReport;
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
            "A bad case file is rejected on its own, with every problem named by page; the others go through"
                + " and, once verified, are handed to the specialist procedure (the workspace's hotfolder), as"
                + " the import command does; --no-import leaves that for later.",
            "A delivery sent again changes nothing: its case files are listed as already captured.",
            "Exits with 1 if any case file was rejected, by capture or by the procedure."})
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

    @Option(names = "--no-import", negatable = false,
            description = "capture only; hand nothing to the specialist procedure")
    private boolean noImport;

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
            ImportReport imported = noImport ? null : ImportRuns.run(w.lift(), Actor.of("importer", "Fachverfahren"));
            if (output.json) {
                ObjectNode json = Ingests.toJson(report);
                if (imported != null) {
                    json.set("import", ImportRuns.toJson(imported));
                }
                Json.print(env.out(), json);
            } else {
                Ingests.print(env.out(), report, "");
                if (imported != null) {
                    ImportRuns.print(env.out(), imported, "");
                }
            }
            if (imported != null && ImportRuns.failed(imported)) {
                return ExitCodes.REJECTED;
            }
            return report.rejected().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
        }
    }
}
