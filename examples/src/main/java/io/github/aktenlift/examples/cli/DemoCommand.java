package io.github.aktenlift.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code demo}: the office scenario end to end on a new workspace. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the office scenario end to end on a new workspace, on the filesystem adapter: register"
                + " and label, pack, pickup, goods receipt with a file missing, scan deliveries with deliberate"
                + " faults and their rescan, visual QA with a failure and its rescan, PDF/A renditions, import"
                + " through the hotfolder with acknowledgements (one refused and retried), retention with a hold;"
                + " then transfers from other authorities matched to the e-files (one held for a clerk), a pickup"
                + " the planner proposes, a scan-on-demand recall served first, and a destruction run with its"
                + " list as CSV and PDF/A. Ends with the status table and a verification of the journal.",
            "Afterwards 'status', 'history', 'verify' and 'labels' work on the same --dir."})
final class DemoCommand implements Callable<Integer> {

    private final Environment env;

    @Option(names = "--files", paramLabel = "N", defaultValue = "200",
            description = "case files, 20 to 100000 (default: ${DEFAULT-VALUE})")
    private int files;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "the workspace to create: a new or empty directory (default: a new temporary directory)")
    private Path dir;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    private boolean quiet;

    DemoCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (files < 20 || files > 100_000) {
            throw new UserException("--files must be 20 to 100000, not " + files);
        }
        Path workspace = dir != null ? dir : Files.createTempDirectory("aktenlift-demo-");
        return new OfficeDemo(files, workspace, env, new Progress(env.err(), env.terminal(), quiet)).run();
    }
}
