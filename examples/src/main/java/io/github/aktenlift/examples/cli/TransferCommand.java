package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportResult;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code transfer}: paper case files that arrive from another authority (<i>Zuzug</i>): their
 * registration, and the clerk's decision where the e-file could not be matched without one.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Paper files from other authorities: register one on arrival; list and decide the ones held for a"
                + " matching decision at import.",
        footer = {"", "Example: aktenlift transfer held --dir office"})
final class TransferCommand implements Callable<Integer> {

    static final String SITE = "Ausländerbehörde";

    @Spec
    private CommandSpec spec;

    private TransferCommand() {
    }

    static CommandLine line(Environment env) {
        return new CommandLine(new TransferCommand()).addSubcommand(new Register(env)).addSubcommand(new Held(env))
                .addSubcommand(new Match(env));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a transfer command is missing (transfer register, transfer held, transfer match)");
    }

    /**
     * A date given on the command line. Parsed here rather than by picocli, whose message would
     * repeat the value — a date of birth is personal data.
     */
    static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserException(option + " is not a date of the form YYYY-MM-DD");
        }
    }

    /** {@code transfer register}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Registers a paper case file received from another authority: it enters the tracking as"
                    + " REGISTERED with its origin and the day it arrived, and goes the way of every paper file (boxes,"
                    + " pickup, scan). At import its e-file is matched by AZR number, file reference, and name and date"
                    + " of birth; an unclear match is held for a clerk ('transfer held', 'transfer match').",
                "The person's data is stored apart from the journal and never printed."},
            footer = {"", "Example: aktenlift transfer register F0000000017X --reference AB-2026/0815"
                    + " --origin 'Stadt Musterstadt, Ausländerbehörde' --received-on 2026-11-20"
                    + " --surname Haddad --given-names Rana --born 1994-08-30 --nationality SYR --dir office"})
    static final class Register implements Callable<Integer> {
        private final Environment env;

        @Parameters(index = "0", paramLabel = "BARCODE", description = "the label put on the file cover at arrival")
        private String barcode;

        @Option(names = "--reference", required = true, paramLabel = "REF", description = "the office's file number for it")
        private String reference;

        @Option(names = "--origin", required = true, paramLabel = "AUTHORITY", description = "the sending authority")
        private String origin;

        @Option(names = "--received-on", required = true, paramLabel = "DATE", description = "the day it arrived, YYYY-MM-DD")
        private String receivedOn;

        @Option(names = "--surname", required = true, paramLabel = "NAME", description = "the person's family name")
        private String surname;

        @Option(names = "--given-names", required = true, paramLabel = "NAMES", description = "the person's given names")
        private String givenNames;

        @Option(names = "--born", required = true, paramLabel = "DATE", description = "the person's date of birth, YYYY-MM-DD")
        private String born;

        @Option(names = "--nationality", paramLabel = "ISO3", description = "ISO 3166-1 alpha-3 code, such as SYR")
        private String nationality;

        @Option(names = "--azr", paramLabel = "NUMBER", description = "the 12-digit number in the central register of foreigners")
        private String azr;

        @Option(names = "--protection", paramLabel = "LEVEL", defaultValue = "NORMAL",
                description = "its protection requirement: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
        private ProtectionLevel protection;

        @Option(names = "--actor", paramLabel = "ID", defaultValue = "office",
                description = "who registers it, as recorded in the journal (default: ${DEFAULT-VALUE})")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Register(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            Barcode b = Barcode.of(barcode);
            RegisterTransfer command = new RegisterTransfer(b, FileReference.of(reference),
                    new Subject(surname, givenNames, date("--born", born), nationality, azr), protection, origin,
                    date("--received-on", receivedOn));
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                w.lift().execute(who, command);
                if (output.json) {
                    Json.print(env.out(), Json.object().put("barcode", b.value()).put("reference", reference)
                            .put("originAuthority", origin).put("receivedOn", command.receivedOn().toString())
                            .put("protection", protection.name()).put("state", "REGISTERED"));
                } else {
                    env.out().printf("registered transfer %s (%s) from %s, received %s: REGISTERED%n", b, reference,
                            origin, command.receivedOn());
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code transfer held}. */
    @Command(name = "held", mixinStandardHelpOptions = true,
            description = "Lists the case files whose import is held for a matching decision, with the reasons and the"
                    + " e-files the evidence points at. Changes nothing.",
            footer = {"", "Example: aktenlift transfer held --dir office --json"})
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
                List<ImportResult.Held> held = w.lift().imports().held();
                if (output.json) {
                    ObjectNode root = Json.object();
                    ArrayNode list = root.putArray("held");
                    for (ImportResult.Held h : held) {
                        ObjectNode o = list.addObject().put("barcode", h.barcode().value());
                        h.reasons().forEach(r -> o.withArray("reasons").add(r.name()));
                        o.putArray("candidates");
                        h.candidateEFileIds().forEach(o.withArray("candidates")::add);
                    }
                    Json.print(env.out(), root);
                } else {
                    env.out().printf("%d case file(s) held for a matching decision%n", held.size());
                    for (ImportResult.Held h : held) {
                        env.out().printf("  %-14s %s  candidates: %s%n", h.barcode(), h.reasons(),
                                h.candidateEFileIds().isEmpty() ? "none" : String.join(", ", h.candidateEFileIds()));
                    }
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code transfer match}. */
    @Command(name = "match", mixinStandardHelpOptions = true,
            description = {"Records a clerk's decision for a case file held for matching: append its documents to one of"
                    + " the candidate e-files (--efile), or create a new e-file (--new). The next 'import' hands it over."
                    + " Where the procedure could not be asked (PROCEDURE_CANNOT_LOOK_UP), any e-file the clerk found is"
                    + " taken."},
            footer = {"", "Examples: aktenlift transfer match F0000000017X --efile EF-2024-0042 --actor clerk-9 --dir office",
                "          aktenlift transfer match F0000000017X --new --actor clerk-9 --dir office"})
    static final class Match implements Callable<Integer> {
        private final Environment env;

        @Parameters(index = "0", paramLabel = "BARCODE", description = "the held case file")
        private String barcode;

        /** Either an e-file or a new one. */
        static final class Decision {
            @Option(names = "--efile", required = true, paramLabel = "ID", description = "the e-file to append to")
            String eFile;

            @Option(names = "--new", required = true, description = "create a new e-file for it")
            boolean createNew;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Decision decision;

        @Option(names = "--actor", required = true, paramLabel = "ID",
                description = "the clerk who decides, as recorded in the journal")
        private String actor;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Output output;

        Match(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Actor who = Actor.of(actor, SITE);
            Barcode b = Barcode.of(barcode);
            DecideMatch d = decision.createNew ? DecideMatch.createNew(b, who.id())
                    : DecideMatch.appendTo(b, who.id(), decision.eFile);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                w.lift().execute(who, d);
                String to = d.createsNew() ? "a new e-file" : "e-file " + d.eFileId();
                if (output.json) {
                    ObjectNode o = Json.object().put("barcode", b.value()).put("decidedBy", who.id());
                    if (d.createsNew()) {
                        o.put("createNew", true);
                    } else {
                        o.put("eFile", d.eFileId());
                    }
                    Json.print(env.out(), o);
                } else {
                    env.out().printf("%s: decided for %s; 'import' hands it over%n", b, to);
                }
                return ExitCodes.OK;
            }
        }
    }
}
