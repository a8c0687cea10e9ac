package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.ReopenBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.tracking.BoxStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code box}: transport boxes at the office; its work is done by subcommands. */
@Command(name = "box", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Transport boxes at the office: open, pack (with a barcode scanner), seal, reopen.")
final class BoxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a box command is missing (try: box open, box pack)");
    }

    /** {@code box open}: opens new boxes, with new barcodes or pre-printed ones. */
    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opens boxes for packing: N new ones (their barcodes issued from the box scheme; print"
                    + " their labels with 'aktenlift labels') or the given pre-printed ones.",
            footer = {"", "Example:", "  aktenlift box open --new 2 --dir office",
                "  aktenlift labels B000001X B000002V --dir office -o box-labels.pdf"})
    static final class Open implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Which which;

        /** Either --new N or box barcodes. */
        static final class Which {
            @Option(names = "--new", paramLabel = "N", required = true, description = "open N new boxes, 1 to 1000")
            Integer count;

            @Parameters(paramLabel = "BOX", arity = "1..*", description = "pre-printed box barcodes")
            List<String> boxes;
        }

        Open(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                Aktenlift lift = w.lift();
                Actor actor = who.actor(Logistics.CLERK);
                List<Barcode> boxes = new ArrayList<>();
                if (which.count != null) {
                    if (which.count < 1 || which.count > 1000) {
                        throw new UserException("--new must be 1 to 1000");
                    }
                    boxes.addAll(lift.inventory().issueBoxBarcodes(actor, which.count));
                } else {
                    for (String b : which.boxes) {
                        boxes.add(Barcode.of(b));
                    }
                    // all or nothing: a bad label among them changes nothing
                    for (Barcode b : boxes) {
                        if (!lift.policies().boxBarcodes().accepts(b)) {
                            throw new io.github.aktenlift.InvalidBarcodeException("box", b.value());
                        }
                        if (lift.tracking().box(b).isPresent() || lift.tracking().whereIs(b).isPresent()) {
                            throw new io.github.aktenlift.DuplicateIdentifierException("box", b.value());
                        }
                    }
                }
                for (Barcode b : boxes) {
                    lift.execute(actor, new OpenBox(b));
                    env.out().println("opened box " + b);
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code box pack}: the scanner session of packing: box label, then the case files. */
    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Packs case files into open boxes, reading barcodes from standard input, one a line, as a"
                    + " handheld scanner types them: scan the box label, then the case files that go into it; a"
                    + " further box label switches to that box; end of input (Ctrl-D) ends the session.",
                "Each accepted scan is acknowledged with a line 'ok   ...'; a wrong, unknown or unexpected barcode"
                    + " gets a line '!!   ...' (and the bell on a terminal) and the session goes on. A summary ends it;"
                    + " exit 2 if anything was refused (the accepted scans are recorded)."},
            footer = {"", "Example (the scanner types the lines; here a file does):",
                "  printf 'B000001X\\nF00000001E\\nF00000002C\\n' | aktenlift box pack --dir office"})
    static final class Pack implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @Parameters(index = "0", arity = "0..1", paramLabel = "BOX",
                description = "the box to pack into first (else the first scan is the box label)")
        private String first;

        Pack(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Scans scans = new Scans(env);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                Aktenlift lift = w.lift();
                Actor actor = who.actor(Logistics.CLERK);
                Barcode box = null;
                if (first != null) {
                    box = openBox(lift, Barcode.of(first));
                }
                for (String scanned = scans.next(); scanned != null; scanned = scans.next()) {
                    Barcode b = scans.barcode(scanned);
                    if (b == null) {
                        continue;
                    }
                    Optional<BoxStatus> asBox = lift.tracking().box(b);
                    if (asBox.isPresent()) {
                        if (asBox.get().state() == BoxState.OPEN) {
                            box = b;
                            scans.ok("box " + b + ": scan its case files (" + asBox.get().packingList().size()
                                    + " in it)");
                        } else {
                            scans.refuse(scanned, "box " + b + " is " + asBox.get().state() + ", not open");
                        }
                    } else if (lift.tracking().whereIs(b).isEmpty()) {
                        scans.refuse(scanned, "unknown barcode: no case file or box of this workspace");
                    } else if (box == null) {
                        scans.refuse(scanned, "scan the box label first");
                    } else {
                        try {
                            lift.execute(actor, new PackCaseFile(b, box));
                            scans.ok(b + " -> box " + box);
                        } catch (AktenliftException e) {
                            scans.refuse(scanned, e);
                        }
                    }
                }
                return scans.summary("box pack");
            }
        }

        /** The box named on the command line: it must be open, else nothing can be packed. */
        private static Barcode openBox(Aktenlift lift, Barcode b) {
            BoxStatus s = lift.tracking().box(b)
                    .orElseThrow(() -> new io.github.aktenlift.UnknownIdentifierException("box", b.value()));
            if (s.state() != BoxState.OPEN) {
                throw new UserException("box " + b + " is " + s.state() + ", not open");
            }
            return b;
        }
    }

    /** {@code box seal BOX SEAL}: closes a packed box with a numbered seal. */
    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = "Seals a packed box with a tamper-evident seal; its number is checked at pickup and at"
                    + " goods receipt.",
            footer = {"", "Example:", "  aktenlift box seal B000001X S-0042 --dir office"})
    static final class Seal implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @Parameters(index = "0", paramLabel = "BOX", description = "the box")
        private String box;

        @Parameters(index = "1", paramLabel = "SEAL", description = "the seal's number: 1 to 32 of A-Z 0-9 -")
        private String seal;

        Seal(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Barcode b = Barcode.of(box);
            SealNumber s = SealNumber.of(seal);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                w.lift().execute(who.actor(Logistics.CLERK), new SealBox(b, s));
                int files = w.lift().tracking().box(b).orElseThrow().packingList().size();
                env.out().printf("sealed box %s with seal %s: %d case file%s%n", b, s, files, files == 1 ? "" : "s");
                return ExitCodes.OK;
            }
        }
    }

    /** {@code box reopen BOX}: breaks the seal of a box not yet in a planned pickup. */
    @Command(name = "reopen", mixinStandardHelpOptions = true,
            description = "Reopens a sealed box that is in no planned pickup: its seal is recorded as broken, and"
                    + " it can be packed and sealed again.",
            footer = {"", "Example:", "  aktenlift box reopen B000001X --dir office"})
    static final class Reopen implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @Parameters(index = "0", paramLabel = "BOX", description = "the box")
        private String box;

        Reopen(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Barcode b = Barcode.of(box);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                String broken = w.lift().tracking().box(b).flatMap(BoxStatus::seal).map(SealNumber::value).orElse("");
                w.lift().execute(who.actor(Logistics.CLERK), new ReopenBox(b));
                env.out().printf("reopened box %s (seal %s broken)%n", b, broken);
                return ExitCodes.OK;
            }
        }
    }
}
