package io.github.aktenlift.examples.cli;

import io.github.aktenlift.logistics.DirectReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;

/** {@code init}: an empty workspace for a real project, with the office's policy for the short path. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates an empty workspace in a new or empty directory: storage, the specialist procedure's"
                + " hotfolder and the notification outbox. Then import the baseline inventory into it.",
            "--direct-receipt says which case files may go to the scanning place without box and pickup"
                + " ('prepare --direct'): NEVER (default: every file goes through boxes, pickup and goods receipt),"
                + " TRANSFERS (files from other authorities only) or ALL (the office scans in-house). It is kept in"
                + " the workspace's policies.properties."},
        footer = {"", "Example:", "  aktenlift init --dir office --direct-receipt TRANSFERS"})
final class InitCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Option(names = "--direct-receipt", paramLabel = "POLICY", defaultValue = "NEVER",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private DirectReceipt directReceipt;

    InitCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        // creating records nothing; every command after it opens the workspace with this policy
        try (Workspace w = Workspace.create(workspace.dir, env.clock(), env.ids(), true)) {
            try {
                Files.writeString(w.dir().resolve(Workspace.POLICIES), "# the office's policies (aktenlift init)\n"
                        + Workspace.DIRECT_RECEIPT + "=" + directReceipt + "\n");
            } catch (IOException e) {
                throw new UserException("cannot write " + w.dir().resolve(Workspace.POLICIES) + ": " + e.getMessage(), e);
            }
        }
        env.out().printf("created workspace %s (direct receipt: %s)%n", workspace.dir, directReceipt);
        return ExitCodes.OK;
    }
}
