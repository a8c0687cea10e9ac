package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;
import io.github.aktenlift.tracking.WorkItem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code qa}: the visual quality check of captured case files — the documents drawn for
 * inspection, a reviewer's pass (a second, different reviewer where the protection level demands
 * four eyes), a fail that sends the file to a rescan.
 */
@Command(name = "qa", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Visual quality assurance of captured case files: which documents to look at, pass, fail.",
        footer = {"", "Example: aktenlift qa draw --dir office; aktenlift qa pass F0000000017X --actor qa-anna --dir office"})
final class QaCommand implements Callable<Integer> {

    /** Where a reviewer works, as recorded in the journal. */
    static final String SITE = "Qualitätssicherung";
    /**
     * The payload fields of the journal's {@code CAPTURED} and {@code QA_REVIEWED} events that
     * {@code qa draw} reads: the documents the core drew at capture, and a reviewer's id. The core
     * records them there and offers no other query for them.
     */
    static final String SAMPLE = "sample";
    static final String REVIEWER = "reviewer";

    @Spec
    private CommandSpec spec;

    private QaCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new QaCommand()).addSubcommand(new Draw(env)).addSubcommand(new Pass(env))
                .addSubcommand(new Fail(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a qa command is missing (qa draw, qa pass, qa fail)");
    }

    /** {@code qa draw}: the captured case files waiting for their visual check, with the documents drawn. */
    @Command(name = "draw", mixinStandardHelpOptions = true,
            description = {"Lists every captured case file waiting for its visual check, with the documents drawn for"
                    + " inspection: capture draws them per the protection level's sample rate (5 % normal, 20 % high,"
                    + " all at very high by default), reproducibly, and records the draw in the journal.",
                "Shows also whether the level demands four eyes and who has passed the file so far. Changes nothing."},
            footer = {"", "Example: aktenlift qa draw --dir office --json"})
    static final class Draw implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Draw(Environment env) {
            this.env = env;
        }

        /** One case file to check: its level's demands, the drawn documents, the reviewers so far. */
        record Check(Barcode barcode, String protection, double sampleRate, boolean fourEyes, List<String> inspect,
                List<String> reviewers) {
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
                List<Check> checks = new ArrayList<>();
                for (WorkItem item : w.lift().tracking().workList(CaseFileState.CAPTURED)) {
                    checks.add(check(w.lift(), item.barcode()));
                }
                if (output.json) {
                    ObjectNode root = Json.object();
                    ArrayNode list = root.putArray("captured");
                    for (Check c : checks) {
                        ObjectNode o = list.addObject().put("barcode", c.barcode().value())
                                .put("protection", c.protection()).put("sampleRate", c.sampleRate())
                                .put("fourEyes", c.fourEyes());
                        c.inspect().forEach(o.putArray("inspect")::add);
                        c.reviewers().forEach(o.putArray("passedBy")::add);
                    }
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d captured case file(s) waiting for the visual check%n", checks.size());
                    for (Check c : checks) {
                        env.out().printf("  %-14s %-9s sample %3.0f %%%s  inspect: %s%s%n", c.barcode(), c.protection(),
                                c.sampleRate() * 100, c.fourEyes() ? ", four eyes" : "",
                                c.inspect().isEmpty() ? "nothing drawn" : String.join(", ", c.inspect()),
                                c.reviewers().isEmpty() ? "" : "  passed by: " + String.join(", ", c.reviewers()));
                    }
                }
                return ExitCodes.OK;
            }
        }

        private static Check check(Aktenlift lift, Barcode b) {
            WhereIs where = lift.tracking().whereIs(b).orElseThrow();
            ProtectionProfile profile = lift.policies().profileFor(where.protection());
            List<String> inspect = List.of();
            List<String> reviewers = new ArrayList<>();
            for (JournalEvent e : lift.tracking().history(b)) {
                if (e.kind() == EventKind.CAPTURED) {
                    // a rescan draws anew, and its reviewers start again
                    String sample = e.payload().get(SAMPLE);
                    inspect = sample == null || sample.isEmpty() ? List.of() : Arrays.asList(sample.split(","));
                    reviewers.clear();
                } else if (e.kind() == EventKind.QA_REVIEWED) {
                    reviewers.add(e.payload().get(REVIEWER));
                }
            }
            return new Check(b, where.protection().name(), profile.qaSampleRate(), profile.fourEyes(), List.copyOf(inspect),
                    List.copyOf(reviewers));
        }
    }

    /** {@code qa pass}: a reviewer passes a captured case file. */
    @Command(name = "pass", mixinStandardHelpOptions = true,
            description = {"Records that a reviewer passed the visual check of a captured case file. It becomes VERIFIED"
                    + " (ready for import) once enough different reviewers have passed it: one, or two where its"
                    + " protection level demands four eyes. The same reviewer twice is refused."},
            footer = {"", "Examples: aktenlift qa pass F0000000017X --actor qa-anna --dir office",
                "          aktenlift qa pass F0000000017X --actor qa-ben --dir office   (the second pair of eyes)",
                "          scanner | aktenlift qa pass --actor qa-anna --dir office"})
    static final class Pass implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--actor", required = true, paramLabel = "ID",
                description = "the reviewer's pseudonymous id, as recorded in the journal")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Pass(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> pass(w.lift(), who, b));
            }
        }

        private static String pass(Aktenlift lift, Actor who, Barcode b) {
            List<JournalEvent> events;
            try {
                events = lift.execute(who, new PassQualityCheck(b, who.id()));
            } catch (PreconditionFailedException e) {
                if (e.reasons().stream().anyMatch(r -> r.startsWith("SAME_REVIEWER:"))) {
                    throw new UserException(b + ": " + who.id() + " has passed this case file already;"
                            + " four eyes need a second, different reviewer");
                }
                throw e;
            }
            JournalEvent last = events.get(events.size() - 1);
            if (last.kind() == EventKind.QA_REVIEWED) {
                return "passed by " + who.id() + "; four eyes: a second, different reviewer must pass it";
            }
            return "passed, VERIFIED";
        }
    }

    /** {@code qa fail}: a reviewer fails a captured case file; it goes to a rescan. */
    @Command(name = "fail", mixinStandardHelpOptions = true,
            description = {"Records that a captured case file failed its visual check: it becomes QA_FAILED, the scan"
                    + " service is notified, and the next delivery with it is a rescan.",
                "Reasons are codes, never free text: for example PAGE_MISSING:17, UNREADABLE:doc-2, SKEWED:doc-1."},
            footer = {"", "Example: aktenlift qa fail F0000000017X --reason UNREADABLE:doc-2 --actor qa-anna --dir office"})
    static final class Fail implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--reason", required = true, paramLabel = "CODE",
                description = "why: 1 to 64 of A-Z a-z 0-9 _ : . - (repeatable)")
        private List<String> reasons;

        @Option(names = "--actor", required = true, paramLabel = "ID",
                description = "the reviewer's pseudonymous id, as recorded in the journal")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Fail(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new FailQualityCheck(b, reasons));
                    return "failed (" + String.join(", ", reasons) + "), QA_FAILED: a rescan follows";
                });
            }
        }
    }
}
