package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.tracking.BoxStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code pickup}: collections of sealed boxes, from plan to goods receipt; its work is done by subcommands. */
@Command(name = "pickup", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Pickups of sealed boxes: plan, collect (handover to the carrier), receive (goods receipt at"
                + " the scan service, with its discrepancies).")
final class PickupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a pickup command is missing (try: pickup plan)");
    }

    /** The boxes of a pickup, as the tracking knows them; an unknown pickup has none. */
    static List<Barcode> boxesOf(Aktenlift lift, String pickup) {
        List<Barcode> out = new ArrayList<>();
        for (Barcode b : lift.tracking().boxes()) {
            if (lift.tracking().box(b).flatMap(BoxStatus::pickup).filter(pickup::equals).isPresent()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * A box label and its seal, scanned either on one line ({@code BOX SEAL}) or on two: the seal
     * scanned right after its box.
     */
    private record Scanned(Barcode box, SealNumber seal) {
    }

    /** {@code pickup plan}: a pickup of sealed boxes, scanned or named. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Plans a pickup of sealed boxes for a day. The boxes are given as arguments or, if none,"
                    + " read from standard input one a line as a scanner types them: each accepted box is acknowledged"
                    + " ('ok   ...'), a box that is unknown, not sealed or in another planned pickup is refused ('!!   ...')"
                    + " and left out. Exit 2 if anything was refused (the pickup is planned with the accepted boxes)."},
            footer = {"", "Example:", "  aktenlift pickup plan P-2026-11-26 --date 2026-11-26 --dir office < boxes.txt"})
    static final class Plan implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @Parameters(index = "0", paramLabel = "PICKUP", description = "the pickup's id: 1 to 64 of A-Z a-z 0-9 . _ -")
        private String pickup;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "BOX", description = "the boxes (else from stdin)")
        private List<String> boxes = new ArrayList<>();

        @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "the day of the pickup (default: today)")
        private LocalDate date;

        Plan(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Scans scans = new Scans(env);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                Aktenlift lift = w.lift();
                if (!boxesOf(lift, pickup).isEmpty()) {
                    throw new io.github.aktenlift.DuplicateIdentifierException("pickup", pickup);
                }
                Set<Barcode> accepted = new LinkedHashSet<>();
                List<String> input = new ArrayList<>(boxes);
                if (input.isEmpty()) {
                    for (String s = scans.next(); s != null; s = scans.next()) {
                        input.add(s);
                    }
                }
                for (String scanned : input) {
                    Barcode b = scans.barcode(scanned.toUpperCase(java.util.Locale.ROOT));
                    if (b == null) {
                        continue;
                    }
                    Optional<BoxStatus> box = lift.tracking().box(b);
                    if (box.isEmpty()) {
                        scans.refuse(scanned, "unknown box");
                    } else if (box.get().state() != BoxState.SEALED) {
                        scans.refuse(scanned, "box " + b + " is " + box.get().state() + ", not sealed");
                    } else if (box.get().pickup().isPresent()) {
                        // a sealed box names a pickup only while that pickup is planned (it cannot be reopened then)
                        scans.refuse(scanned, "box " + b + " is in pickup " + box.get().pickup().get() + " already");
                    } else if (!accepted.add(b)) {
                        scans.refuse(scanned, "box " + b + " scanned twice");
                    } else {
                        scans.ok("box " + b + " (" + box.get().packingList().size() + " case files)");
                    }
                }
                if (accepted.isEmpty()) {
                    scans.summary("pickup plan");
                    throw new UserException("pickup " + pickup + " not planned: no box accepted");
                }
                LocalDate day = date != null ? date : LocalDate.ofInstant(env.clock().instant(), ZoneOffset.UTC);
                lift.execute(who.actor(Logistics.CLERK), new PlanPickup(pickup, day, List.copyOf(accepted)));
                env.out().printf("planned pickup %s for %s: %d box%s%n", pickup, day, accepted.size(),
                        accepted.size() == 1 ? "" : "es");
                return scans.summary("pickup plan");
            }
        }
    }

    /** {@code pickup collect}: the handover to the carrier, every box and seal scanned. */
    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Records the handover of a planned pickup to the carrier. The carrier scans each box label"
                    + " and then its seal number (or types 'BOX SEAL' on one line), one a line on standard input. A box"
                    + " not in the pickup or a seal that differs from the one recorded is refused ('!!   ...'). Only"
                    + " when every box of the pickup was scanned with its seal is the handover recorded (the boxes and"
                    + " their files go in transit); otherwise nothing is recorded and the command exits 2."},
            footer = {"", "Example:",
                "  printf 'B000001X\\nS-0042\\n' | aktenlift pickup collect P-2026-11-26 --actor carrier-4 --dir office"})
    static final class Collect implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        @Parameters(index = "0", paramLabel = "PICKUP", description = "the planned pickup")
        private String pickup;

        @Option(names = "--handed-over-by", paramLabel = "ID", defaultValue = "clerk-17",
                description = "who at the office hands the boxes over (default: ${DEFAULT-VALUE})")
        private String handedOverBy;

        Collect(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Scans scans = new Scans(env);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                Aktenlift lift = w.lift();
                List<Barcode> expected = boxesOf(lift, pickup);
                if (expected.isEmpty()) {
                    throw new UnknownIdentifierException("pickup", pickup);
                }
                Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
                Barcode pending = null;
                for (String s = scans.next(); s != null; s = scans.next()) {
                    String[] parts = s.split("\\s+");
                    if (pending != null && parts.length == 1
                            && Scans.parse(s).flatMap(b -> lift.tracking().box(b)).isEmpty()) {
                        seal(lift, scans, pending, s, seals);
                        pending = null;
                        continue;
                    }
                    if (pending != null) {
                        scans.refuse(pending.value(), "its seal was not scanned; scan the box again, then its seal");
                        pending = null;
                    }
                    Barcode b = scans.barcode(parts[0]);
                    if (b == null) {
                        continue;
                    }
                    if (!expected.contains(b)) {
                        scans.refuse(parts[0], lift.tracking().box(b).isPresent() ? "box " + b + " is not in pickup "
                                + pickup : "unknown box");
                    } else if (seals.containsKey(b)) {
                        scans.refuse(parts[0], "box " + b + " scanned twice");
                    } else if (parts.length > 1) {
                        seal(lift, scans, b, parts[1], seals);
                    } else {
                        pending = b;
                    }
                }
                if (pending != null) {
                    scans.refuse(pending.value(), "its seal was not scanned");
                }
                List<Barcode> notScanned = expected.stream().filter(b -> !seals.containsKey(b)).toList();
                int code = scans.summary("pickup collect");
                if (!notScanned.isEmpty()) {
                    throw new UserException("pickup " + pickup + " not collected, nothing recorded: "
                            + notScanned.size() + " of " + expected.size() + " boxes not scanned with their seal: "
                            + String.join(", ", notScanned.stream().map(Barcode::value).toList()));
                }
                Actor carrier = who.actor(Logistics.CARRIER);
                lift.execute(carrier, new CollectPickup(pickup, new HandoverProtocol(handedOverBy, carrier.id(), seals)));
                int files = expected.stream().mapToInt(b -> lift.tracking().box(b).orElseThrow().packingList().size()).sum();
                env.out().printf("collected pickup %s: %d boxes, %d case files, handed over by %s to %s%n", pickup,
                        expected.size(), files, handedOverBy, carrier.id());
                return code;
            }
        }

        private static void seal(Aktenlift lift, Scans scans, Barcode box, String scanned, Map<Barcode, SealNumber> seals) {
            SealNumber read;
            try {
                read = SealNumber.of(scanned);
            } catch (AktenliftException e) {
                scans.refuse(scanned, "not a seal number (for box " + box + ")");
                return;
            }
            Optional<SealNumber> recorded = lift.tracking().box(box).flatMap(BoxStatus::seal);
            if (recorded.isPresent() && recorded.get().equals(read)) {
                seals.put(box, read);
                scans.ok("box " + box + " seal " + read);
            } else {
                scans.refuse(scanned, "seal of box " + box + " differs from the one recorded at sealing: do not"
                        + " take the box; report it");
            }
        }
    }

    /** {@code pickup receive}: the goods receipt, box by box, with its discrepancies. */
    @Command(name = "receive", mixinStandardHelpOptions = true,
            description = {"Goods receipt at the scan service, read from standard input one barcode a line as a scanner"
                    + " types them: scan a box label, then its seal number, then every case file found in it; the next"
                    + " box label (or the end of input) completes the box. Each completed box is recorded: the files"
                    + " scanned are RECEIVED, the files on its packing list that were not scanned are MISSING, a seal"
                    + " that differs is kept as a discrepancy.",
                "A file not on the box's packing list, a box not in transit and an unknown barcode are refused"
                    + " ('!!   ...', the bell on a terminal) and change nothing; a box whose seal was not scanned is"
                    + " not received. At the end the discrepancies are listed: missing files, unexpected files or"
                    + " boxes, seal mismatches, and boxes of the pickups received that are still in transit.",
                "Exit 0: all as expected; 1: received, with discrepancies; 2: something was refused."},
            footer = {"", "Example:",
                "  printf 'B000001X\\nS-0042\\nF00000001E\\n' | aktenlift pickup receive --dir scan"})
    static final class Receive implements Callable<Integer> {
        private final Environment env;

        @Mixin
        private Options.WorkspaceDir workspace;

        @Mixin
        private Options.Who who;

        /** The box being counted. */
        private Barcode box;
        private SealNumber seal;
        private Set<Barcode> packingList = Set.of();
        private final Set<Barcode> present = new LinkedHashSet<>();
        private final List<String> discrepancies = new ArrayList<>();
        private final Set<String> pickups = new TreeSet<>();
        private Aktenlift lift;
        private Actor actor;

        Receive(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Scans scans = new Scans(env);
            try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
                lift = w.lift();
                actor = who.actor(Logistics.SCAN);
                for (String s = scans.next(); s != null; s = scans.next()) {
                    String[] parts = s.split("\\s+");
                    if (box != null && seal == null && parts.length == 1 && Scans.parse(s)
                            .filter(b -> lift.tracking().whereIs(b).isPresent() || lift.tracking().box(b).isPresent())
                            .isEmpty()) {
                        sealScan(scans, s);
                        continue;
                    }
                    Barcode b = scans.barcode(parts[0]);
                    if (b == null) {
                        continue;
                    }
                    Optional<BoxStatus> asBox = lift.tracking().box(b);
                    if (asBox.isPresent()) {
                        finish(scans);
                        if (asBox.get().state() != BoxState.IN_TRANSIT) {
                            scans.refuse(parts[0], "unexpected box: " + b + " is " + asBox.get().state()
                                    + ", not in transit");
                            discrepancies.add("unexpected box " + b + " (" + asBox.get().state() + ")");
                            continue;
                        }
                        box = b;
                        packingList = new LinkedHashSet<>(asBox.get().packingList());
                        asBox.get().pickup().ifPresent(pickups::add);
                        scans.ok("box " + b + " (" + packingList.size() + " case files on its packing list)"
                                + (parts.length > 1 ? "" : ": scan its seal"));
                        if (parts.length > 1) {
                            sealScan(scans, parts[1]);
                        }
                    } else if (lift.tracking().whereIs(b).isEmpty()) {
                        scans.refuse(parts[0], "unknown barcode: no case file or box of this workspace");
                    } else if (box == null) {
                        scans.refuse(parts[0], "scan the box label first");
                    } else if (seal == null) {
                        scans.refuse(parts[0], "scan the seal of box " + box + " first, then its case files");
                    } else if (!packingList.contains(b)) {
                        scans.refuse(parts[0], "unexpected case file: not on the packing list of box " + box);
                        discrepancies.add("unexpected case file " + b + " in box " + box);
                    } else if (!present.add(b)) {
                        scans.refuse(parts[0], b + " scanned twice");
                    } else {
                        scans.ok(b + " (" + present.size() + " of " + packingList.size() + ")");
                    }
                }
                finish(scans);
                for (String p : pickups) {
                    for (Barcode b : boxesOf(lift, p)) {
                        if (lift.tracking().box(b).orElseThrow().state() == BoxState.IN_TRANSIT) {
                            discrepancies.add("box " + b + " of pickup " + p + " not received (still in transit)");
                        }
                    }
                }
                int code = scans.summary("pickup receive");
                if (discrepancies.isEmpty()) {
                    env.out().println("no discrepancies");
                } else {
                    env.out().println("discrepancies: " + discrepancies.size());
                    discrepancies.forEach(d -> env.out().println("  " + d));
                }
                return code != ExitCodes.OK ? code : discrepancies.isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
            }
        }

        private void sealScan(Scans scans, String scanned) {
            try {
                seal = SealNumber.of(scanned);
            } catch (AktenliftException e) {
                scans.refuse(scanned, "not a seal number: scan the seal of box " + box + " first");
                return;
            }
            boolean matches = lift.tracking().box(box).flatMap(BoxStatus::seal).filter(seal::equals).isPresent();
            scans.ok("seal " + seal + (matches ? "" : " (differs from the seal recorded: kept as a discrepancy)"));
        }

        /** Records the box being counted, if any; a box without its seal is not received. */
        private void finish(Scans scans) {
            if (box == null) {
                return;
            }
            Barcode b = box;
            box = null;
            if (seal == null) {
                scans.refuse(b.value(), "box " + b + " not received: its seal was not scanned");
                present.clear();
                return;
            }
            try {
                lift.execute(actor, new ReceiveBox(b, seal, Set.copyOf(present)));
                List<Barcode> missing = packingList.stream().filter(f -> !present.contains(f)).toList();
                BoxStatus s = lift.tracking().box(b).orElseThrow();
                env.out().printf("box %s received: %d present, %d missing%s%n", b, present.size(), missing.size(),
                        s.sealMismatch() ? ", seal differs" : "");
                missing.forEach(f -> discrepancies.add("missing case file " + f + " (box " + b + ")"));
                if (s.sealMismatch()) {
                    discrepancies.add("seal of box " + b + " differs from the one recorded");
                }
            } catch (AktenliftException e) {
                scans.refuse(b.value(), e);
            } finally {
                seal = null;
                present.clear();
            }
        }
    }
}
