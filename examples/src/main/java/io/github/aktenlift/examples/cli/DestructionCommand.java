package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.retention.DestructionList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code destruction}: the destruction run (<i>Vernichtung</i>, DIN 66399) — a list of the
 * retained files that are due, drawn up as a PDF/A to sign and hand to the destruction service,
 * then confirmed with the service's certificate.
 */
@Command(name = "destruction", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Certified destruction of retained paper: draw up the list, confirm it with the certificate.",
        footer = {"", "Example: aktenlift destruction prepare --dir office;"
                + " aktenlift destruction confirm DL-0001 --certificate VN-2026-117 --dir office"})
final class DestructionCommand implements Callable<Integer> {

    static final String SITE = "Aufbewahrung";
    /** Where the lists' PDFs go in a workspace by default. */
    static final String LISTS = "destruction";

    @Spec
    private CommandSpec spec;

    private DestructionCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new DestructionCommand()).addSubcommand(new Prepare(env)).addSubcommand(new Confirm(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a destruction command is missing (destruction prepare, destruction confirm)");
    }

    /**
     * Where a list's file goes: the path given, whose directory must exist, or
     * {@code destruction/<name>.pdf} in the workspace, its directory made if missing. Checked
     * before anything is recorded.
     */
    static Path target(Path given, Path workspace, String name) {
        if (given != null) {
            Path parent = given.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UserException("cannot write " + given + ": its directory does not exist");
            }
            return given;
        }
        Path dir = workspace.resolve(LISTS);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(name + ".pdf");
    }

    /** Writes the list's PDF/A (and a CSV beside it if asked) next to the target and moves it into place. */
    static void write(DestructionList list, Path target, Path csv) {
        try {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".destruction-", ".pdf.tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    list.writePdf(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (csv != null) {
                try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    list.writeCsv(w);
                }
            }
        } catch (IOException e) {
            // the list is recorded in the journal: 'destruction confirm' and the journal keep it
            throw new UserException("list " + list.id() + " is recorded, but its file could not be written: "
                    + e.getMessage(), e);
        }
    }

    static ObjectNode json(DestructionList list, Path pdf) {
        ObjectNode root = Json.object().put("list", list.id()).put("createdAt", list.createdAt().toString())
                .put("createdBy", list.createdBy()).put("notYetDue", list.notYetDue()).put("pdf", pdf.toString());
        ArrayNode entries = root.putArray("entries");
        list.entries().forEach(e -> entries.addObject().put("barcode", e.barcode().value())
                .put("reference", e.reference().value()).put("retainedUntil", e.retainedUntil().toString())
                .put("location", e.location()));
        ArrayNode excluded = root.putArray("excluded");
        list.excluded().forEach(x -> {
            ObjectNode o = excluded.addObject().put("barcode", x.barcode().value());
            x.reasons().forEach(o.putArray("reasons")::add);
        });
        list.confirmation().ifPresent(c -> {
            ObjectNode o = root.putObject("confirmation").put("certificate", c.certificateNumber())
                    .put("confirmedAt", c.confirmedAt().toString()).put("confirmedBy", c.confirmedBy());
            c.destroyed().forEach(b -> o.withArray("destroyed").add(b.value()));
            o.putArray("skipped");
            c.skipped().forEach(x -> {
                ObjectNode s = o.withArray("skipped").addObject().put("barcode", x.barcode().value());
                x.reasons().forEach(s.putArray("reasons")::add);
            });
        });
        return root;
    }

    /** {@code destruction prepare}. */
    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = {"Draws up a destruction list of the retained case files due now and records it in the journal"
                    + " under a new id; writes it as a PDF/A-2b to sign and hand over with the paper (and as CSV with"
                    + " --csv). Files past retention that a hold, an original not returned or an open recall keeps are"
                    + " listed as excluded, with the reasons."},
            footer = {"", "Example: aktenlift destruction prepare --dir office --output vernichtung.pdf"})
    static final class Prepare implements Callable<Integer> {
        private final Environment env;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "the PDF to write (default: destruction/<list id>.pdf in the workspace)")
        private Path output;

        @Option(names = "--csv", paramLabel = "FILE", description = "also write the list as CSV")
        private Path csv;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "archive",
                description = "who draws it up, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output out;

        Prepare(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            if (csv != null) {
                target(csv, workspace.dir, null);
            }
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                target(output, workspace.dir, null); // before the list is recorded
                DestructionList list = w.lift().destruction().prepare(who);
                Path pdf = target(output, workspace.dir, list.id());
                write(list, pdf, csv);
                if (out.json) {
                    Json.print(env.out(), json(list, pdf));
                } else {
                    env.out().printf("destruction list %s: %d case file(s) due, %d excluded, %d not yet due; written to %s%n",
                            list.id(), list.entries().size(), list.excluded().size(), list.notYetDue(), pdf);
                    list.excluded().forEach(x -> env.out().printf("  excluded %s: %s%n", x.barcode(),
                            String.join(", ", x.reasons())));
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code destruction confirm}. */
    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = {"Confirms that the paper on a destruction list was destroyed under the destruction service's"
                    + " certificate: every listed file still due becomes DESTROYED; one that became ineligible since"
                    + " (a hold placed, the paper returned) is skipped and named, never destroyed. Writes the confirmed"
                    + " list as a PDF/A-2b. Confirming again with the same certificate changes nothing."},
            footer = {"", "Example: aktenlift destruction confirm DL-0001 --certificate VN-2026-117 --dir office"})
    static final class Confirm implements Callable<Integer> {
        private final Environment env;

        @Parameters(index = "0", paramLabel = "LIST", description = "the list's id, as 'destruction prepare' printed it")
        private String listId;

        @Option(names = "--certificate", required = true, paramLabel = "NUMBER",
                description = "the destruction certificate's number: 1 to 64 of A-Z a-z 0-9 . _ : / -")
        private String certificate;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "the PDF to write (default: destruction/<list id>-confirmed.pdf in the workspace)")
        private Path output;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "archive",
                description = "who confirms, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output out;

        Confirm(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                if (w.lift().destruction().list(listId).isEmpty()) {
                    throw new UnknownIdentifierException("destruction list", listId);
                }
                Path pdf = target(output, workspace.dir, listId + "-confirmed");
                DestructionList list = w.lift().destruction().confirm(who, listId, certificate);
                write(list, pdf, null);
                DestructionList.Confirmation c = list.confirmation().orElseThrow();
                if (out.json) {
                    Json.print(env.out(), json(list, pdf));
                } else {
                    env.out().printf("destruction list %s confirmed with certificate %s: %d destroyed, %d skipped;"
                            + " written to %s%n", list.id(), c.certificateNumber(), c.destroyed().size(),
                            c.skipped().size(), pdf);
                    c.skipped().forEach(x -> env.out().printf("  skipped %s: %s%n", x.barcode(), String.join(", ", x.reasons())));
                }
                return ExitCodes.OK;
            }
        }
    }
}
