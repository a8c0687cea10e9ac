package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.efile.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code import}: hands verified case files to the specialist procedure and collects its answers. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Hands every verified case file of the workspace to the specialist procedure (the hotfolder"
                + " in the workspace) and collects the answers that have arrived for earlier hand-overs.",
            "Run it again after the procedure has answered. Exits with 1 if an import was rejected or failed."})
final class ImportCommand implements Callable<Integer> {

    private final Environment env;

    @Option(names = "--actor", paramLabel = "ID", defaultValue = "importer",
            description = "who imports, as recorded in the journal (default: ${DEFAULT-VALUE})")
    private String actor;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    ImportCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            ImportReport report = ImportRuns.run(w.lift(), Actor.of(actor, "Fachverfahren"));
            if (output.json) {
                Json.print(env.out(), ImportRuns.toJson(report));
            } else {
                ImportRuns.print(env.out(), report, "");
            }
            return ImportRuns.failed(report) ? ExitCodes.REJECTED : ExitCodes.OK;
        }
    }
}
