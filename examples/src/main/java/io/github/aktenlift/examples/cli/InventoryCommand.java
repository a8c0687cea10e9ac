package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.BaselineImport;
import io.github.aktenlift.inventory.BaselineProblem;
import io.github.aktenlift.inventory.InvalidBaselineException;
import io.github.aktenlift.tracking.WhereIs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code inventory}: the office's baseline inventory; its work is done by subcommands such as {@code import}. */
@Command(name = "inventory", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "The baseline inventory: the list of paper case files the project expects.")
final class InventoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "an inventory command is missing (try: inventory import)");
    }

    /**
     * {@code inventory import CSV}: checks the whole baseline CSV, and only if every line is good
     * stores it and registers its case files; a bad file changes nothing.
     */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Imports the baseline inventory exported from the specialist procedure and registers its"
                    + " case files: every line is checked first (format, values, duplicates, file references and"
                    + " barcodes already in the workspace); if any line is bad, each bad line is reported with its"
                    + " line number and column (never its value) and nothing is imported (exit 2). Files without a"
                    + " barcode get new ones; print their labels with 'aktenlift labels --all'. A file reference"
                    + " that is registered already under the same barcode is skipped, so a corrected or longer"
                    + " export can be imported again."},
            footer = {"", "CSV format: UTF-8, comma-separated, a header line naming the columns (any order):",
                "  file_reference    the office's file number (required, unique)",
                "  barcode           the label already on the file cover; empty: a new one is issued",
                "  surname           (required)",
                "  given_names       (required)",
                "  date_of_birth     yyyy-MM-dd or dd.MM.yyyy (required)",
                "  nationality       ISO 3166 alpha-3, for example SYR; may be empty",
                "  azr_number        12 digits; may be empty",
                "  protection_level  NORMAL, HIGH or VERY_HIGH; empty: NORMAL",
                "",
                "Example:",
                "  aktenlift init --dir office",
                "  aktenlift inventory import baseline.csv --dir office",
                "  aktenlift labels --all --dir office -o labels.pdf"})
    static final class Import implements Callable<Integer> {

        private static final Actor CLERK = Logistics.CLERK;

        private final Environment env;

        @Parameters(index = "0", paramLabel = "CSV", description = "the baseline CSV (columns below)")
        private Path csv;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        @Mixin
        private Options.Who who;

        Import(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(csv);
            } catch (IOException e) {
                throw new UserException("cannot read " + csv + ": " + (e instanceof java.nio.file.NoSuchFileException
                        ? "no such file" : "not a readable file"), e);
            }
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                Aktenlift lift = w.lift();
                Actor actor = who.actor(CLERK);
                List<BaselineEntry> entries;
                try {
                    entries = lift.inventory().checkBaseline(new ByteArrayInputStream(bytes));
                } catch (InvalidBaselineException e) {
                    return refuse(e.problems());
                }
                List<BaselineEntry> toRegister = new ArrayList<>();
                List<BaselineProblem> problems = new ArrayList<>();
                int skipped = 0;
                for (BaselineEntry e : entries) {
                    Optional<WhereIs> registered = lift.tracking().whereIs(e.reference());
                    if (registered.isPresent()) {
                        if (e.barcode().isPresent() && !e.barcode().get().equals(registered.get().barcode())) {
                            problems.add(new BaselineProblem(e.line(), "barcode",
                                    "the file reference is registered under another barcode"));
                        } else {
                            skipped++;
                        }
                        continue;
                    }
                    if (e.barcode().isPresent() && (lift.tracking().whereIs(e.barcode().get()).isPresent()
                            || lift.tracking().box(e.barcode().get()).isPresent())) {
                        problems.add(new BaselineProblem(e.line(), "barcode",
                                "already in use by another case file or box"));
                        continue;
                    }
                    toRegister.add(e);
                }
                if (!problems.isEmpty()) {
                    return refuse(problems);
                }
                BaselineImport imported = lift.inventory().importBaseline(actor, new ByteArrayInputStream(bytes));
                long unlabelled = toRegister.stream().filter(e -> e.barcode().isEmpty()).count();
                Iterator<Barcode> fresh = unlabelled == 0 ? List.<Barcode>of().iterator()
                        : lift.inventory().issueCaseFileBarcodes(actor, (int) unlabelled).iterator();
                ArrayNode registered = Json.MAPPER.createArrayNode();
                for (BaselineEntry e : toRegister) {
                    Barcode b = e.barcode().orElseGet(fresh::next);
                    lift.execute(actor, new RegisterCaseFile(b, e.reference(), e.subject(), e.protection()));
                    registered.addObject().put("line", e.line()).put("barcode", b.value())
                            .put("newBarcode", e.barcode().isEmpty());
                }
                if (output.json) {
                    ObjectNode o = Json.object();
                    o.put("entries", imported.entries());
                    o.put("sha256", imported.sha256());
                    o.put("key", imported.key().value());
                    o.put("registered", toRegister.size());
                    o.put("newBarcodes", unlabelled);
                    o.put("alreadyRegistered", skipped);
                    o.set("caseFiles", registered);
                    o.set("problems", Json.MAPPER.createArrayNode());
                    Json.print(env.out(), o);
                } else {
                    env.out().printf("baseline imported: %d entries (SHA-256 %s)%n", imported.entries(),
                            imported.sha256());
                    env.out().printf("registered %d case files (%d with new barcodes), %d registered already%n",
                            toRegister.size(), unlabelled, skipped);
                    if (unlabelled > 0) {
                        env.out().println("print their labels: aktenlift labels --all --dir " + workspace.dir
                                + " -o labels.pdf");
                    }
                }
                return ExitCodes.OK;
            }
        }

        /** Every problem on its own line, then what happened: nothing. */
        private int refuse(List<BaselineProblem> problems) {
            if (output.json) {
                ObjectNode o = Json.object();
                ArrayNode list = o.putArray("problems");
                for (BaselineProblem p : problems) {
                    list.addObject().put("line", p.line()).put("column", p.column()).put("reason", p.reason());
                }
                o.put("registered", 0);
                Json.print(env.out(), o);
            }
            for (BaselineProblem p : problems) {
                env.err().println("inventory import: " + csv.getFileName() + " " + p);
            }
            env.err().printf("inventory import: nothing imported: %d problem%s in %s%n", problems.size(),
                    problems.size() == 1 ? "" : "s", csv.getFileName());
            return ExitCodes.USAGE;
        }
    }

    /**
     * {@code inventory issue N}: issues case-file barcodes for files that arrive without one (a paper
     * file from another authority, a file missing from the baseline), journaled like every issue.
     */
    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issues new case-file barcodes for paper files that arrive without one (a transfer from another"
                    + " authority, a file missing from the baseline). The barcodes are journaled as issued; print their"
                    + " labels with 'aktenlift labels BARCODE... -o FILE', then register the files (for a transfer:"
                    + " 'aktenlift transfer register BARCODE ...').",
            footer = {"", "Example:",
                "  aktenlift inventory issue 1 --dir office",
                "  aktenlift labels F000000071X --dir office -o label.pdf"})
    static final class Issue implements Callable<Integer> {

        private final Environment env;

        @Parameters(index = "0", paramLabel = "N", description = "how many barcodes, 1 to 1000")
        private int count;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        @Mixin
        private Options.Who who;

        Issue(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (count < 1 || count > 1000) {
                throw new UserException("N must be 1 to 1000, got " + count);
            }
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                List<io.github.aktenlift.casefile.Barcode> issued = w.lift().inventory()
                        .issueCaseFileBarcodes(who.actor(Logistics.CLERK), count);
                if (output.json) {
                    com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
                    com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("barcodes");
                    issued.forEach(b -> list.add(b.value()));
                    Json.print(env.out(), root);
                } else {
                    issued.forEach(b -> env.out().println("issued " + b.value()));
                }
                return ExitCodes.OK;
            }
        }
    }
}
