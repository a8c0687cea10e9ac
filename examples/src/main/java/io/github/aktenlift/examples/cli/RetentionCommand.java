package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.tracking.WorkItem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code retention}: the paper after import — into retention storage, what is due for destruction,
 * paper and originals handed back instead.
 */
@Command(name = "retention", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Paper after import: retain it, see what is due for destruction, return paper or originals.",
        footer = {"", "Example: aktenlift retention retain --all --dir office; aktenlift retention due --dir office"})
final class RetentionCommand implements Callable<Integer> {

    static final String SITE = "Aufbewahrung";

    @Spec
    private CommandSpec spec;

    private RetentionCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new RetentionCommand()).addSubcommand(new Retain(env)).addSubcommand(new Due(env))
                .addSubcommand(new ReturnCommand(env)).addSubcommand(new Originals(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a retention command is missing"
                + " (retention retain, retention due, retention return, retention originals)");
    }

    /** {@code retention retain}. */
    @Command(name = "retain", mixinStandardHelpOptions = true,
            description = {"Puts the paper of imported case files into retention storage: IMPORTED becomes RETAINED."
                    + " The retention period (90 days by default) runs from the confirmed import; then the file is due"
                    + " for destruction unless a hold, an original not returned or an open recall keeps it."},
            footer = {"", "Examples: aktenlift retention retain F0000000017X --dir office",
                "          aktenlift retention retain --all --dir office      (every imported file)",
                "          scanner | aktenlift retention retain --dir office"})
    static final class Retain implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--all", description = "every IMPORTED case file, instead of a barcode or standard input")
        private boolean all;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "archive",
                description = "who takes the paper in, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Retain(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (all && argument.barcode != null) {
                throw new UserException("give a barcode or --all, not both");
            }
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                ScannerInput.Step retain = b -> {
                    w.lift().execute(who, new RetainPaper(b));
                    return "RETAINED";
                };
                if (!all) {
                    return ScannerInput.run(env, argument, output.json, retain);
                }
                return ScannerInput.each(env, w.lift().tracking().workList(CaseFileState.IMPORTED).stream()
                        .map(WorkItem::barcode).toList(), output.json, retain);
            }
        }
    }

    /** {@code retention due}. */
    @Command(name = "due", mixinStandardHelpOptions = true,
            description = "Lists the retained case files due for destruction now: retention elapsed, no blocking hold,"
                    + " every original returned, no open recall. 'destruction prepare' draws up the list. Changes nothing.",
            footer = {"", "Example: aktenlift retention due --dir office --json"})
    static final class Due implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Due(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
                List<Barcode> due = w.lift().tracking().dueForDestruction();
                long retained = w.lift().tracking().countsPerState().get(CaseFileState.RETAINED);
                if (output.json) {
                    ObjectNode root = Json.object().put("retained", retained);
                    ArrayNode list = root.putArray("due");
                    due.forEach(b -> list.add(b.value()));
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d of %d retained case file(s) due for destruction%n", due.size(), retained);
                    due.forEach(b -> env.out().println("  " + b));
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code retention return}. */
    @Command(name = "return", mixinStandardHelpOptions = true,
            description = "Hands the paper of an imported or retained case file back instead of destroying it, for"
                    + " example to the sending authority: it becomes RETURNED.",
            footer = {"", "Example: aktenlift retention return F0000000017X --to 'Stadt Musterstadt, Ausländerbehörde' --dir office"})
    static final class ReturnCommand implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private ScannerInput.Argument argument;

        @Option(names = "--to", required = true, paramLabel = "RECIPIENT",
                description = "the receiving office or authority (never a private person's name)")
        private String recipient;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "archive",
                description = "who hands it over, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        ReturnCommand(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                return ScannerInput.run(env, argument, output.json, b -> {
                    w.lift().execute(who, new ReturnPaper(b, recipient));
                    return "RETURNED";
                });
            }
        }
    }

    /** {@code retention originals}. */
    @Command(name = "originals", mixinStandardHelpOptions = true,
            description = "Records that the paper originals of documents went back to their owner (documents marked"
                    + " 'original to return' at capture); a file with such a document is not destroyed before.",
            footer = {"", "Example: aktenlift retention originals F0000000017X doc-2 doc-5 --dir office"})
    static final class Originals implements Callable<Integer> {
        private final Environment env;

        @Parameters(index = "0", paramLabel = "BARCODE", description = "the case file")
        private String barcode;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "DOCUMENT", description = "the documents' ids, such as doc-2")
        private List<String> documents;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "archive",
                description = "who hands them over, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Originals(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            Barcode b = Barcode.of(barcode);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                w.lift().execute(who, new ReturnOriginals(b, documents));
                if (output.json) {
                    ObjectNode o = Json.object().put("barcode", b.value());
                    documents.forEach(o.putArray("originalsReturned")::add);
                    Json.print(env.out(), o);
                } else {
                    env.out().printf("%s: originals returned: %s%n", b, String.join(", ", documents));
                }
                return ExitCodes.OK;
            }
        }
    }
}
