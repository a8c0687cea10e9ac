package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ResubmitCaseFile;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.tracking.WorkItem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code recall}: urgent recalls (<i>Eilanforderung</i>) — the office needs a file now, scanned
 * with priority or the paper back — their service, the open ones with their deadlines, and a
 * returned file's way back into the process.
 */
@Command(name = "recall", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Urgent recalls: request, serve, list the open ones; resubmit a file whose paper came back.",
        footer = {"", "Example: aktenlift recall request F0000000017X --mode PAPER_BACK --dir office"})
final class RecallCommand implements Callable<Integer> {

    static final String SITE = "Ausländerbehörde";

    @Spec
    private CommandSpec spec;

    private RecallCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new RecallCommand()).addSubcommand(new Request(env)).addSubcommand(new Serve(env))
                .addSubcommand(new Open(env)).addSubcommand(new Resubmit(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a recall command is missing (recall request, recall serve, recall list, recall resubmit)");
    }

    /** {@code recall request}. */
    @Command(name = "request", mixinStandardHelpOptions = true,
            description = {"Requests a case file urgently. SCAN_ON_DEMAND puts it first in every work list and the import"
                    + " queue and is served when its import is confirmed (only before import); PAPER_BACK asks for the"
                    + " paper and is served when it is handed over ('recall serve'). The service level's clock starts now;"
                    + " 'status' and 'recall list' show what is overdue."},
            footer = {"", "Examples: aktenlift recall request F0000000017X --mode SCAN_ON_DEMAND --dir office",
                "          scanner | aktenlift recall request --mode PAPER_BACK --dir office"})
    static final class Request implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--mode", required = true, paramLabel = "MODE",
                description = "what is needed: ${COMPLETION-CANDIDATES}")
        private RecallMode mode;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who requests, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Request(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new RequestRecall(b, mode));
                    return "recall " + mode + " requested" + dueBy(w.lift(), b).map(d -> ", due by " + d).orElse("");
                });
            }
        }
    }

    /** @return when the open recall of a case file must be served, per the service levels; empty if no level applies */
    static java.util.Optional<Instant> dueBy(io.github.aktenlift.Aktenlift lift, io.github.aktenlift.casefile.Barcode b) {
        CaseFileState state = lift.tracking().whereIs(b).orElseThrow().state();
        return lift.tracking().workList(state).stream().filter(i -> i.barcode().equals(b)).findFirst()
                .flatMap(WorkItem::recallDueAt);
    }

    /** {@code recall serve}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Records that an open recall was served. For PAPER_BACK the paper is handed over and the file"
                    + " becomes RETURNED ('recall resubmit' brings it back into the process later)."},
            footer = {"", "Example: aktenlift recall serve F0000000017X --actor clerk-17 --dir office"})
    static final class Serve implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who hands it over or serves it, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Serve(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new ServeRecall(b));
                    return "recall served, " + w.lift().tracking().whereIs(b).orElseThrow().state();
                });
            }
        }
    }

    /** {@code recall list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the open recalls, the most urgent first, with their deadlines; overdue ones are marked."
                    + " Changes nothing.",
            footer = {"", "Example: aktenlift recall list --dir office --json"})
    static final class Open implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Open(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
                Instant now = env.clock().instant();
                List<WorkItem> open = new ArrayList<>();
                for (CaseFileState s : CaseFileState.values()) {
                    w.lift().tracking().workList(s).stream().filter(i -> i.recall().isPresent()).forEach(open::add);
                }
                open.sort(java.util.Comparator.comparing((WorkItem i) -> i.recallDueAt().orElse(Instant.MAX))
                        .thenComparing(WorkItem::barcode));
                if (output.json) {
                    ObjectNode root = Json.object();
                    ArrayNode list = root.putArray("recalls");
                    for (WorkItem i : open) {
                        ObjectNode o = list.addObject().put("barcode", i.barcode().value())
                                .put("mode", i.recall().orElseThrow().name()).put("state", i.state().name());
                        i.recallDueAt().ifPresent(d -> o.put("dueAt", d.toString()));
                        o.put("overdue", i.recallOverdue(now));
                    }
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d open recall(s)%n", open.size());
                    for (WorkItem i : open) {
                        env.out().printf("  %-14s %-15s %-16s %s%s%n", i.barcode(), i.recall().orElseThrow(), i.state(),
                                i.recallDueAt().map(d -> "due " + d).orElse("no deadline"),
                                i.recallOverdue(now) ? "  OVERDUE" : "");
                    }
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code recall resubmit}. */
    @Command(name = "resubmit", mixinStandardHelpOptions = true,
            description = "Brings a returned paper file back into the process: RETURNED becomes REGISTERED, ready to be"
                    + " packed and scanned again.",
            footer = {"", "Example: aktenlift recall resubmit F0000000017X --dir office"})
    static final class Resubmit implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who resubmits it, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Resubmit(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new ResubmitCaseFile(b));
                    return "resubmitted, REGISTERED";
                });
            }
        }
    }
}
