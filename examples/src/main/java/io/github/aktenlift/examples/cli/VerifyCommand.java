package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code verify}: reads the whole journal back and checks every hash, sequence and chain link. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Reads the workspace's whole journal back from storage and checks every hash, sequence,"
                + " chain link and checkpoint. Exits with 3 if anything was altered.")
final class VerifyCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    VerifyCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        VerificationReport report;
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            report = w.lift().tracking().verify();
        } catch (JournalIntegrityException e) {
            // opening replays the journal and refuses an altered one: that is the finding
            report = new VerificationReport(0, 0, 0, Optional.of(e.violation()));
        } catch (IntegrityException e) {
            // the storage itself found stored bytes damaged (a checksum) before the journal could be read
            report = new VerificationReport(0, 0, 0, Optional.of(new JournalViolation(-1, "",
                    JournalViolation.Kind.MALFORMED, "storage: " + e.getMessage())));
        }
        if (output.json) {
            ObjectNode root = Json.object();
            root.put("intact", report.isIntact());
            root.put("events", report.eventsChecked()).put("streams", report.streams())
                    .put("checkpoints", report.checkpointsChecked());
            report.firstViolation().ifPresent(v -> root.putObject("violation").put("kind", v.kind().name())
                    .put("position", v.position()).put("stream", v.stream()).put("detail", v.detail()));
            Json.print(env.out(), root);
        } else if (report.isIntact()) {
            env.out().printf("journal intact: %d events in %d streams, %d checkpoints checked%n",
                    report.eventsChecked(), report.streams(), report.checkpointsChecked());
        } else {
            JournalViolation v = report.firstViolation().orElseThrow();
            env.out().println("journal BROKEN: " + v);
        }
        if (!report.isIntact()) {
            env.err().println("aktenlift verify: the journal of " + workspace.dir + " failed verification");
            return ExitCodes.INTEGRITY;
        }
        return ExitCodes.OK;
    }
}
