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
                + " in the workspace, or --procedure) and collects the answers that have arrived for earlier hand-overs;"
                + " then answers the senders of digital transfers whose import has an outcome (xdomea 0402).",
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

    @Mixin
    private Options.Procedure procedure;

    @Option(names = "--answers", paramLabel = "DIR",
            description = "where 0402 answers to senders of digital transfers go (default: the workspace's xdomea/answers/)")
    private java.nio.file.Path answers;

    ImportCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids(), procedure)) {
            Actor who = Actor.of(actor, "Fachverfahren");
            ImportReport report = ImportRuns.run(w.lift(), who);
            java.util.List<XdomeaAnswers.Answer> written = XdomeaAnswers.answerDue(w.lift(), who,
                    w.dir().resolve(XdomeaIntake.CARDS), answers != null ? answers : w.dir().resolve(XdomeaIntake.ANSWERS),
                    env.clock());
            if (output.json) {
                com.fasterxml.jackson.databind.node.ObjectNode json = ImportRuns.toJson(report);
                com.fasterxml.jackson.databind.node.ArrayNode a = json.putArray("answered");
                written.forEach(x -> a.addObject().put("transfer", x.status().transferId())
                        .put("outcome", x.status().outcome().name()).put("file", x.file().toString()));
                Json.print(env.out(), json);
            } else {
                ImportRuns.print(env.out(), report, "");
                written.forEach(x -> env.out().printf("answered %s: %s, %s%n", x.status().transferId(),
                        x.status().outcome(), x.file()));
            }
            return ImportRuns.failed(report) ? ExitCodes.REJECTED : ExitCodes.OK;
        }
    }
}
