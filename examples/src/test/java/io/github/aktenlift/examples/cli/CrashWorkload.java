package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.DuplicateIdentifierException;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.IllegalTransitionException;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.internal.CrashPoints;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.JournalEvent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The workload {@link CommandCrashTest} kills: a small project's whole lifecycle as one command
 * per step, each on a workspace of the filesystem adapter.
 *
 * <p>{@link #step}: opens the workspace (creates it at step 0), runs the step, and returns what the
 * workspace holds afterwards. A plain run runs the step as it is; a retry runs it again after a crash in it, and
 * accepts only the typed answers that say "this was done already" (a duplicate barcode, a
 * transition to where the file already is, a delivery whose case files are captured already).
 * Time is fixed per step, so that every run of a step records the same times.
 */
public final class CrashWorkload {

    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    static final int FILES = 3;

    private final Aktenlift lift;
    private final Workspace workspace;
    private final Path delivery;
    private final Barcode box;
    private final List<Barcode> files = new ArrayList<>();
    private final Clock clock;

    private CrashWorkload(Workspace workspace, Path delivery, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.lift = workspace.lift();
        this.delivery = delivery;
        for (int i = 1; i <= FILES; i++) {
            files.add(lift.policies().caseFileBarcodes().generate(i));
        }
        this.box = lift.policies().boxBarcodes().generate(1);
    }

    /** @return the barcodes the workload's delivery must carry */
    static List<String> barcodes() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= FILES; i++) {
            out.add(io.github.aktenlift.Policies.defaults().caseFileBarcodes().generate(i).value());
        }
        return out;
    }

    /** @return how many steps there are */
    static int steps() {
        return STEPS.size();
    }

    private interface Step {
        void run(CrashWorkload w, boolean retry) throws IOException;
    }

    private static final List<Step> STEPS = List.of(
            (w, retry) -> w.register(0),
            (w, retry) -> w.register(1),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new RegisterTransfer(w.files.get(2),
                    FileReference.of("AZ-T-3"), Logistics.subject(3), ProtectionLevel.NORMAL, "Landkreis Beispiel",
                    LocalDate.of(2026, 3, 1)))),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new OpenBox(w.box))),
            (w, retry) -> w.pack(0, retry),
            (w, retry) -> w.pack(1, retry),
            (w, retry) -> w.pack(2, retry),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new SealBox(w.box, Logistics.seal(w.box)))),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new PlanPickup("PU-1",
                    LocalDate.of(2026, 3, 3), List.of(w.box)))),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CARRIER, new CollectPickup("PU-1",
                    new HandoverProtocol(Logistics.CLERK.id(), Logistics.CARRIER.id(),
                            Map.of(w.box, Logistics.seal(w.box)))))),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.SCAN, new ReceiveBox(w.box,
                    Logistics.seal(w.box), Set.copyOf(w.files)))),
            (w, retry) -> w.prepare(0, retry),
            (w, retry) -> w.prepare(1, retry),
            (w, retry) -> w.prepare(2, retry),
            (w, retry) -> w.ingest(retry),
            (w, retry) -> w.passQa(),
            (w, retry) -> w.importReady(),
            (w, retry) -> w.answerAndPoll(),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new RetainPaper(w.files.get(0)))),
            (w, retry) -> w.done(retry, () -> w.lift.execute(Logistics.CLERK, new DestroyPaper(w.files.get(0),
                    "VN-2026-1"))));

    private void register(int i) {
        try {
            lift.execute(Logistics.CLERK, new RegisterCaseFile(files.get(i), FileReference.of("AZ-" + files.get(i).value()),
                    Logistics.subject(i), ProtectionLevel.NORMAL));
        } catch (DuplicateIdentifierException e) {
            if (!retrying) {
                throw e;
            }
        }
    }

    private boolean retrying;

    private void pack(int i, boolean retry) {
        done(retry, () -> lift.execute(Logistics.CLERK, new PackCaseFile(files.get(i), box)));
    }

    private void prepare(int i, boolean retry) {
        done(retry, () -> lift.execute(Logistics.SCAN, new PrepareCaseFile(files.get(i))));
    }

    /** Runs a command; on a retry, "it is there already" is the expected answer of a command that was recorded. */
    private void done(boolean retry, Runnable command) {
        try {
            command.run();
        } catch (DuplicateIdentifierException | IllegalTransitionException e) {
            if (!retry) {
                throw e;
            }
        }
    }

    private void ingest(boolean retry) {
        IngestReport r = lift.capture().ingest(Logistics.SCAN, delivery);
        for (CaseFileOutcome.Rejected rejected : r.rejected()) {
            CaseFileState now = lift.tracking().whereIs(Barcode.of(rejected.barcode())).orElseThrow().state();
            boolean capturedBefore = now == CaseFileState.CAPTURED || now == CaseFileState.VERIFIED;
            if (!retry || !capturedBefore) {
                throw new IllegalStateException("case file " + rejected.barcode() + " rejected: " + rejected.problems());
            }
        }
    }

    private void passQa() {
        for (Barcode f : files) {
            for (int reviewer = 1; lift.tracking().whereIs(f).orElseThrow().state() == CaseFileState.CAPTURED;
                    reviewer++) {
                lift.execute(Logistics.CLERK, new PassQualityCheck(f, "qa-" + reviewer));
            }
        }
    }

    private void importReady() {
        ImportReport r = lift.imports().importReady(Logistics.CLERK);
        if (!r.failed().isEmpty()) {
            throw new IllegalStateException("imports failed: " + r.failed());
        }
    }

    private void answerAndPoll() throws IOException {
        new HotfolderFarSide(workspace.dir().resolve(Workspace.HOTFOLDER), clock).answer(Set.of());
        ImportReport r = lift.imports().poll(Logistics.CLERK);
        if (!r.failed().isEmpty()) {
            throw new IllegalStateException("imports failed: " + r.failed());
        }
    }

    /** What the workspace holds: every case file's state and its events' kinds, and the journal's verification. */
    static String summary(Aktenlift lift) {
        StringBuilder b = new StringBuilder();
        for (Barcode f : lift.tracking().caseFiles()) {
            b.append(f.value()).append(' ').append(lift.tracking().whereIs(f).orElseThrow().state()).append(' ')
                    .append(lift.tracking().history(f).stream().map(JournalEvent::kind).toList()).append('\n');
        }
        for (Barcode bx : lift.tracking().boxes()) {
            b.append(bx.value()).append(' ').append(lift.tracking().box(bx).orElseThrow().state()).append('\n');
        }
        TreeMap<String, Long> kinds = new TreeMap<>();
        lift.tracking().caseFiles().forEach(f -> lift.tracking().history(f)
                .forEach(e -> kinds.merge(e.kind().name(), 1L, Long::sum)));
        b.append("kinds ").append(kinds).append('\n');
        return b.toString();
    }

    /**
     * {@code main(workspace, delivery, step, mode, out)} with mode {@code run} or {@code retry}: runs
     * one step and exits 0, or 1 if it failed; {@code main(root, delivery, -, reference, outDir)}:
     * the uninterrupted run, every step in this JVM, step {@code s} on {@code root/ref-s/ws} (a
     * copy of the workspace after step {@code s - 1}), its summary in {@code outDir/ref-out-s}.
     *
     * @param args as above
     * @throws IOException if a summary or a copy cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path delivery = Path.of(args[1]);
        Path out = Path.of(args[4]);
        if ("reference".equals(args[3])) {
            Path root = Path.of(args[0]);
            for (int s = 0; s < steps(); s++) {
                Path ws = reference(root, s);
                if (s > 0) {
                    Trees.copy(reference(root, s - 1), ws);
                }
                String summary = step(ws, delivery, s, false);
                write(out.resolve("ref-out-" + s), summary);
                if (summary.startsWith(FAILED)) {
                    System.exit(1);
                }
            }
            System.exit(0);
        }
        String summary = step(Path.of(args[0]), delivery, Integer.parseInt(args[2]), "retry".equals(args[3]));
        write(out, summary);
        System.exit(summary.startsWith(FAILED) ? 1 : 0);
    }

    /** @return where the uninterrupted run under {@code root} leaves the workspace after step {@code step} */
    static Path reference(Path root, int step) {
        return root.resolve("ref-" + step).resolve("ws");
    }

    /** The start of the summary of a step that failed. */
    static final String FAILED = "FAILED ";

    /**
     * Runs one step on the workspace, as a fresh process would: it opens the workspace from what is
     * on disk (creating it at step 0), runs the step and closes the workspace. The crash point
     * {@code workload.open.<step>} marks where the step begins, so that a trace of several steps in
     * one JVM can be cut into the steps a JVM of its own would trace.
     *
     * @return the summary of what the workspace holds afterwards, ending in deep verification's
     *     verdict; or {@value #FAILED} and the exception, if the step threw one
     */
    static String step(Path dir, Path delivery, int step, boolean retry) throws IOException {
        Clock clock = Clock.fixed(step == steps() - 1 ? START.plus(Duration.ofDays(200)) : START.plus(Duration.ofHours(step)),
                ZoneOffset.UTC);
        // ids differ per run of a step, so that a retry never takes a key an interrupted run stored
        IdSource ids = IdSource.sequential("s" + step + (retry ? "r" : "") + "-");
        CrashPoints.reach("workload.open." + step);
        try (Workspace w = step == 0 && !retry && !Files.exists(dir) ? Workspace.create(dir, clock, ids, true)
                : Workspace.open(dir, clock, ids)) {
            CrashWorkload load = new CrashWorkload(w, delivery, clock);
            load.retrying = retry;
            CrashPoints.reach("workload.step." + step);
            STEPS.get(step).run(load, retry);
            String summary = summary(w.lift());
            DeepVerificationReport deep = w.lift().tracking().verifyDeep();
            return summary + "intact " + deep.isIntact() + (deep.isIntact() ? "" : " " + deep.journal().firstViolation()
                    + " " + deep.problems()) + "\n";
        } catch (RuntimeException e) {
            return FAILED + e + "\n";
        }
    }

    private static void write(Path out, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }
}
