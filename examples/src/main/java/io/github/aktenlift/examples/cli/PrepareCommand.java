package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.AktenliftException;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.logistics.ReceiveDirect;
import io.github.aktenlift.tracking.WhereIs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code prepare}: case files made ready for the scanner, read from a barcode scanner. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Marks received case files as prepared for scanning (staples out, sheets sorted), reading"
                + " their barcodes from standard input one a line as a scanner types them. Each accepted scan is"
                + " acknowledged ('ok   ...'); an unknown barcode or a file in the wrong state is refused ('!!   ...',"
                + " the bell on a terminal) and the session goes on. Exit 2 if anything was refused.",
            "--direct takes the short path where there is no logistics: a registered case file is first received"
                + " at the scanning place without box and pickup (journaled as RECEIVED_DIRECT with who, where and"
                + " when), then prepared. The workspace's policy decides which files may ('aktenlift init"
                + " --direct-receipt'); others are refused."},
        footer = {"", "Examples:", "  aktenlift prepare --dir scan < scanned.txt",
            "  echo F00000001E | aktenlift prepare --direct --actor scan-op-2 --site 'Poststelle' --dir office"})
final class PrepareCommand implements Callable<Integer> {

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Who who;

    @Option(names = "--direct", description = "receive registered case files at the scanning place first, without"
            + " box and pickup, as the workspace's policy allows")
    private boolean direct;

    PrepareCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Scans scans = new Scans(env);
        try (Workspace w = Workspace.open(workspace.dir, env.clock(), env.ids())) {
            Aktenlift lift = w.lift();
            Actor actor = who.actor(Logistics.SCAN);
            for (String scanned = scans.next(); scanned != null; scanned = scans.next()) {
                Barcode b = scans.barcode(scanned);
                if (b == null) {
                    continue;
                }
                Optional<WhereIs> where = lift.tracking().whereIs(b);
                if (where.isEmpty()) {
                    scans.refuse(scanned, lift.tracking().box(b).isPresent() ? "a box, not a case file"
                            : "unknown barcode: no case file of this workspace");
                    continue;
                }
                try {
                    boolean receivedNow = false;
                    if (direct && where.get().state() == CaseFileState.REGISTERED) {
                        lift.execute(actor, new ReceiveDirect(b));
                        receivedNow = true;
                    }
                    lift.execute(actor, new PrepareCaseFile(b));
                    scans.ok(b + " prepared" + (receivedNow ? " (received directly)" : ""));
                } catch (AktenliftException e) {
                    scans.refuse(scanned, e);
                }
            }
            return scans.summary("prepare");
        }
    }
}
