package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code verify}: reads the whole journal back and checks every hash, sequence and chain link; with
 * {@code --deep}, also every stored object the journal names. Opens the workspace read-only: not a
 * byte of it changes, sound or damaged.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Reads the workspace's whole journal back from storage and checks every hash, sequence,"
                + " chain link, checkpoint and the journal's head record; with --deep also re-reads and hashes every"
                + " stored object the journal names (scan protocols, renditions, baselines, subject entries) and"
                + " checks every seal and timestamp (workspaces with sealing/ settings)."
                + " Changes nothing. Exits with 3 if anything was altered.",
        footer = {"", "Example: aktenlift verify --deep --dir office"})
final class VerifyCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    @Option(names = "--deep", description = "Also re-read and hash every stored object the journal names.")
    private boolean deep;

    VerifyCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        VerificationReport report;
        DeepVerificationReport evidence = null;
        try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
            if (deep) {
                evidence = w.lift().tracking().verifyDeep();
                report = evidence.journal();
            } else {
                report = w.lift().tracking().verify();
            }
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
            root.put("anchored", report.anchored());
            root.put("checkpointTimestamps", report.timestampsChecked());
            root.put("checkpointTimestampsPending", report.timestampsPending());
            ArrayNode repairs = root.putArray("repairs");
            report.repairs().forEach(r -> repairs.addObject().put("log", r.log().value()).put("offset", r.offset())
                    .put("length", r.length()).put("sha256", r.sha256()).put("quarantine", r.quarantine().value()));
            if (evidence != null) {
                root.put("objects", evidence.objectsChecked()).put("bytes", evidence.bytesChecked())
                        .put("problemsFound", evidence.problemsFound());
                ArrayNode problems = root.putArray("problems");
                evidence.problems().forEach(p -> problems.addObject().put("object", p.object())
                        .put("sequence", p.sequence()).put("kind", p.kind().name()).put("detail", p.detail()));
                root.put("sealsChecked", evidence.sealsChecked());
                ArrayNode seals = root.putArray("seals");
                evidence.seals().forEach(r -> {
                    ObjectNode o = seals.addObject().put("object", r.object()).put("verdict", r.verdict().name())
                            .put("signaturesAndTimestamps", r.seals());
                    ArrayNode f = o.putArray("findings");
                    r.findings().forEach(f::add);
                });
            }
            Json.print(env.out(), root);
        } else {
            if (report.isIntact()) {
                env.out().printf("journal intact: %d events in %d streams, %d checkpoints checked%s%n",
                        report.eventsChecked(), report.streams(), report.checkpointsChecked(),
                        report.anchored() ? ", head record matches" : ", no head record yet (written before heads existed)");
            } else {
                env.out().println("journal BROKEN: " + report.firstViolation().orElseThrow());
            }
            report.repairs().forEach(r -> env.out().printf("  repaired: %s cut %d bytes at offset %d (an interrupted"
                    + " append), kept as %s, SHA-256 %s%n", r.log().value(), r.length(), r.offset(),
                    r.quarantine().value(), r.sha256()));
            if (report.timestampsChecked() > 0) {
                env.out().printf("checkpoint timestamps: %d RFC 3161 tokens checked against their checkpoints%n",
                        report.timestampsChecked());
            }
            if (report.timestampsPending() > 0) {
                env.out().printf("checkpoint timestamps: the newest %d checkpoint(s) have no token yet (the timestamp"
                        + " authority was not reached; the next checkpoint stamps them)%n", report.timestampsPending());
            }
            if (evidence != null) {
                if (evidence.sealsChecked() > 0) {
                    long passed = evidence.seals().stream().filter(r -> r.passed()).count();
                    env.out().printf("seals: %d sealed objects checked (integrity, chain to the trust anchors, timestamp"
                            + " imprints), %d passed%n", evidence.sealsChecked(), passed);
                    evidence.seals().stream().filter(r -> !r.passed()).forEach(r -> env.out().println("  "
                            + r.verdict() + " " + r.object() + ": " + String.join("; ", r.findings())));
                }
                if (evidence.problemsFound() == 0) {
                    env.out().printf("objects intact: %d stored objects, %d bytes read and hashed%n",
                            evidence.objectsChecked(), evidence.bytesChecked());
                } else {
                    env.out().printf("objects BROKEN: %d of %d stored objects%n", evidence.problemsFound(),
                            evidence.objectsChecked());
                    evidence.problems().forEach(p -> env.out().println("  " + p));
                }
            }
        }
        boolean intact = report.isIntact() && (evidence == null || evidence.isIntact());
        if (!intact) {
            env.err().println("aktenlift verify: " + workspace.dir + " failed verification"
                    + (evidence != null && report.isIntact() ? ": stored objects differ from what the journal records"
                            : ""));
            return ExitCodes.INTEGRITY;
        }
        return ExitCodes.OK;
    }
}
