package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.FilesystemSettings;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case files in the later stages, reached in test setup through the public Java API as an
 * integrator's program would (the logistics commands are not the subject here): registered at
 * given protection levels, shipped, received, prepared; captured (recorded, without stored
 * renditions); checked and imported.
 */
final class Stages {

    static final Actor CLERK = Logistics.CLERK;
    static final Actor SCAN = Logistics.SCAN;
    static final Actor REVIEWER_A = Actor.of("setup-qa-a", "QA");
    static final Actor REVIEWER_B = Actor.of("setup-qa-b", "QA");
    static final List<String> DOCUMENTS = List.of("doc-1", "doc-2", "doc-3");

    /** How far {@link #workspace} takes the files. */
    enum Upto { PREPARED, CAPTURED, IMPORTED }

    private Stages() {
    }

    /**
     * Creates a workspace at {@code at} with one case file per level, taken as far as {@code upto},
     * and one more barcode issued but never registered (last in the list: an unknown case file).
     */
    static List<Barcode> workspace(Path dir, Instant at, Upto upto, ProtectionLevel... levels) {
        return workspace(dir, at, upto, -1, levels);
    }

    /**
     * Like {@link #workspace(Path, Instant, Upto, ProtectionLevel...)}; the file at index
     * {@code withOriginal} has a document ({@code doc-2}) whose paper original must go back to its
     * owner before destruction.
     */
    static List<Barcode> workspace(Path dir, Instant at, Upto upto, int withOriginal, ProtectionLevel... levels) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        try (Workspace w = Workspace.create(dir, clock, IdSource.sequential("s"), false)) {
            Aktenlift lift = w.lift();
            List<Barcode> issued = lift.inventory().issueCaseFileBarcodes(CLERK, levels.length + 1);
            List<Barcode> files = issued.subList(0, levels.length);
            for (int i = 0; i < levels.length; i++) {
                lift.execute(CLERK, new RegisterCaseFile(files.get(i), FileReference.of("AZ-" + files.get(i).value()),
                        Logistics.subject(i), levels[i]));
            }
            ship(lift, clock, files);
            if (upto != Upto.PREPARED) {
                for (int i = 0; i < files.size(); i++) {
                    capture(lift, files.get(i), i == withOriginal);
                }
            }
            if (upto == Upto.IMPORTED) {
                for (int i = 0; i < levels.length; i++) {
                    Barcode f = files.get(i);
                    lift.execute(REVIEWER_A, new PassQualityCheck(f, REVIEWER_A.id()));
                    if (lift.policies().profileFor(levels[i]).fourEyes()) {
                        lift.execute(REVIEWER_B, new PassQualityCheck(f, REVIEWER_B.id()));
                    }
                    // the procedure's receipt, as a clerk records a manual import
                    lift.execute(CLERK, new ConfirmImport(f, "EF-" + f.value(), "R-" + f.value()));
                }
            }
            return List.copyOf(issued);
        }
    }

    /** Packs, ships, receives and prepares the registered files, as {@link Logistics} does. */
    private static void ship(Aktenlift lift, Clock clock, List<Barcode> files) {
        Map<Barcode, List<Barcode>> boxes = Logistics.pack(lift, files);
        String pickup = "PICKUP-" + boxes.keySet().iterator().next().value();
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        boxes.keySet().forEach(b -> seals.put(b, Logistics.seal(b)));
        lift.execute(CLERK, new PlanPickup(pickup, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                List.copyOf(boxes.keySet())));
        lift.execute(Logistics.CARRIER, new CollectPickup(pickup, new HandoverProtocol(CLERK.id(), Logistics.CARRIER.id(), seals)));
        boxes.forEach((box, content) -> lift.execute(SCAN, new ReceiveBox(box, Logistics.seal(box), new HashSet<>(content))));
        files.forEach(f -> lift.execute(SCAN, new PrepareCaseFile(f)));
    }

    /** Takes one registered file through pickup and receipt to preparation, and records its capture. */
    static void shipAndCapture(Aktenlift lift, Barcode f) {
        ship(lift, Clock.fixed(Cli.NOW.minusSeconds(600), ZoneOffset.UTC), List.of(f));
        capture(lift, f, false);
    }

    /** Records a capture of three documents; with {@code original}, {@code doc-2}'s paper original goes back to its owner. */
    static void capture(Aktenlift lift, Barcode f, boolean original) {
        List<CapturedDocument> docs = new ArrayList<>();
        for (String d : DOCUMENTS) {
            docs.add(new CapturedDocument(d, "LETTER", 2, original && d.equals("doc-2")));
        }
        lift.execute(SCAN, new RecordCapture(f, "D-" + f.value(), docs));
    }

    /**
     * Works on the workspace through the public API with a procedure and notifier of the test's
     * choosing, at {@code at}.
     */
    static void withLift(Path dir, Instant at, SpecialistProcedure procedure, Notifier notifier, Consumer<Aktenlift> work) {
        try (FilesystemStorage storage = FilesystemStorage.open(dir.resolve(Workspace.STORAGE),
                Map.of(FilesystemSettings.FSYNC, "false"))) {
            Aktenlift.Builder b = Aktenlift.builder().storage(storage).clock(Clock.fixed(at, ZoneOffset.UTC))
                    .ids(IdSource.sequential("api")).procedure(procedure);
            if (notifier != null) {
                b.notifier(notifier);
            }
            try (Aktenlift lift = b.build()) {
                work.accept(lift);
            }
        }
    }

    /** The number of events in the workspace's journal, as {@code verify} counts them. */
    static long events(Path dir) {
        Cli.Run v = Cli.run("verify", "--dir", dir.toString(), "--json");
        assertThat(v.exitCode()).as("%s", v).isZero();
        return v.json().get("events").asLong();
    }

    /** The state of a case file, as {@code history} shows it. */
    static String state(Path dir, Barcode b) {
        Cli.Run h = Cli.run("history", b.value(), "--dir", dir.toString(), "--json");
        assertThat(h.exitCode()).as("%s", h).isZero();
        return h.json().get("caseFile").get("state").asText();
    }

    /**
     * Asserts the run was refused as bad input: exit 2, one message line (and picocli's hint for
     * a usage error), no stack trace, nothing on stdout, and the journal as long as before.
     */
    static void assertRefused(Path dir, long eventsBefore, Cli.Run run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message).doesNotContain("\tat ", "Exception");
        assertThat(run.err().lines().filter(l -> !l.startsWith("Try '") && !l.isBlank()).count())
                .as("one line: %s", run).isLessThanOrEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(events(dir)).as("the journal did not grow").isEqualTo(eventsBefore);
    }
}
