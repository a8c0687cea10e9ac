package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.tracking.WhereIs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code hold}: holds (<i>Sperren</i>) that keep a case file's paper from destruction. */
@Command(name = "hold", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Holds that keep a file's paper from destruction: place, release, list.",
        footer = {"", "Example: aktenlift hold place F0000000017X --reason LEGAL_HOLD --dir office"})
final class HoldCommand implements Callable<Integer> {

    static final String SITE = "Ausländerbehörde";

    @Spec
    private CommandSpec spec;

    private HoldCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new HoldCommand()).addSubcommand(new Place(env)).addSubcommand(new Release(env))
                .addSubcommand(new Held(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a hold command is missing (hold place, hold release, hold list)");
    }

    /** {@code hold place}. */
    @Command(name = "place", mixinStandardHelpOptions = true,
            description = "Places a hold on a case file; a hold of a blocking reason (by default: every reason) keeps its"
                    + " paper from destruction until released. A file may carry holds of several reasons.",
            footer = {"", "Examples: aktenlift hold place F0000000017X --reason OPEN_OBJECTION --dir office",
                "          scanner | aktenlift hold place --reason LEGAL_HOLD --dir office"})
    static final class Place implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--reason", required = true, paramLabel = "REASON", description = "why: ${COMPLETION-CANDIDATES}")
        private HoldReason reason;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who places it, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Place(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new PlaceHold(b, reason));
                    return "hold " + reason + " placed";
                });
            }
        }
    }

    /** {@code hold release}. */
    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Releases a case file's hold of the given reason.",
            footer = {"", "Example: aktenlift hold release F0000000017X --reason OPEN_OBJECTION --dir office"})
    static final class Release implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--reason", required = true, paramLabel = "REASON",
                description = "the reason of the hold to release: ${COMPLETION-CANDIDATES}")
        private HoldReason reason;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who releases it, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Release(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new ReleaseHold(b, reason));
                    return "hold " + reason + " released";
                });
            }
        }
    }

    /** {@code hold list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the case files that carry holds, with their reasons. Changes nothing.",
            footer = {"", "Example: aktenlift hold list --dir office --json"})
    static final class Held implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Held(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
                List<WhereIs> held = new ArrayList<>();
                for (Barcode b : w.lift().tracking().caseFiles()) {
                    w.lift().tracking().whereIs(b).filter(x -> !x.holds().isEmpty()).ifPresent(held::add);
                }
                if (output.json) {
                    ObjectNode root = Json.object();
                    ArrayNode list = root.putArray("held");
                    for (WhereIs x : held) {
                        ObjectNode o = list.addObject().put("barcode", x.barcode().value()).put("state", x.state().name());
                        new TreeSet<>(x.holds()).forEach(r -> o.withArray("reasons").add(r.name()));
                    }
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d case file(s) with holds%n", held.size());
                    held.forEach(x -> env.out().printf("  %-14s %-16s %s%n", x.barcode(), x.state(), new TreeSet<>(x.holds())));
                }
                return ExitCodes.OK;
            }
        }
    }
}
