package io.github.aktenlift.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code status}: case files per state, pending imports, held matches, due for destruction, overdue, discrepancies. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows case files per state, boxes, imports waiting for the specialist procedure's answer,"
                + " transfers held for a matching decision, what is due for destruction, what is overdue (recalls"
                + " among it), and the discrepancies in the chain of custody.")
final class StatusCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    StatusCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
            StatusReport report = StatusReport.of(w.lift(), env.clock().instant());
            if (output.json) {
                Json.print(env.out(), report.toJson());
            } else {
                report.print(env.out());
            }
            return ExitCodes.OK;
        }
    }
}
