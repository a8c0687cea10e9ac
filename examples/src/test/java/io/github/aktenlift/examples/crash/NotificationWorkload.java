package io.github.aktenlift.examples.crash;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.Policies;
import io.github.aktenlift.adapters.filesystem.FilesystemSettings;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload {@link NotificationCrashTest} kills: an office on the filesystem storage whose
 * commands call for notifications to the office (transfers, served recalls) and to the scan
 * service (failed quality checks), with overdue recalls raised by {@code raiseDue()}, and a
 * notifier that fails now and then — sometimes after it has delivered — with {@code redeliver()}
 * every few steps. Deterministic. Every notification that reaches the notifier is appended to the
 * arrivals file as {@code <id> <recipient>}; every step, once done, to the progress file. Neither is
 * forced to disk: a killed process, unlike a crashed machine, loses nothing it has written.
 */
public final class NotificationWorkload {

    static final int STEPS = 30;
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Actor CLERK = Actor.of("clerk-1", "office");
    private static final Actor CARRIER = Actor.of("carrier-7", "van");
    private static final Actor SCANNER = Actor.of("scan-op-3", "scan-center");

    private NotificationWorkload() {
    }

    /** @param args storage root, arrivals file, progress file */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        try (FileChannel arrivals = append(Path.of(args[1])); FileChannel progress = append(Path.of(args[2]));
                FilesystemStorage storage = FilesystemStorage.open(root, Map.of(FilesystemSettings.CREATE, "true",
                        FilesystemSettings.FSYNC, "false"))) {
            StepClock clock = new StepClock();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("w"))
                    .notifier(new FlakyNotifier(arrivals)).build()) {
                for (int step = 0; step < STEPS; step++) {
                    step(lift, clock, step);
                    write(progress, step + "\n");
                }
            }
        }
    }

    /** @return every case file barcode the workload uses, in order */
    static List<Barcode> caseFiles() {
        List<Barcode> out = new ArrayList<>();
        for (int i = 1; i <= 2 + STEPS; i++) {
            out.add(file(i));
        }
        return out;
    }

    private static Barcode file(int n) {
        return Policies.defaults().caseFileBarcodes().generate(n);
    }

    private static void step(Aktenlift lift, StepClock clock, int step) {
        clock.advance(Duration.ofMinutes(1));
        if (step == 0) {
            captureTwo(lift);
            return;
        }
        Barcode f = file(2 + step);
        switch (step % 6) {
            case 0 -> lift.execute(CLERK, new RegisterCaseFile(f, FileReference.of("AZ-" + step), subject(step),
                    ProtectionLevel.NORMAL));
            case 1, 2 -> transfer(lift, f, step);
            case 3 -> {
                if (step < 6) {
                    transfer(lift, f, step);
                    return;
                }
                Barcode registered = file(2 + step - 3);
                lift.execute(CLERK, new RequestRecall(registered, RecallMode.PAPER_BACK));
                clock.advance(Duration.ofHours(25));
                lift.notifications().raiseDue();
                lift.execute(CLERK, new ServeRecall(registered));
            }
            case 4 -> {
                if (step <= 10) {
                    lift.execute(SCANNER, new FailQualityCheck(file(step == 4 ? 1 : 2), List.of("PAGE_MISSING:3")));
                } else {
                    transfer(lift, f, step);
                }
            }
            default -> lift.notifications().redeliver();
        }
    }

    private static void transfer(Aktenlift lift, Barcode f, int step) {
        lift.execute(CLERK, new RegisterTransfer(f, FileReference.of("TR-" + step), subject(step), ProtectionLevel.NORMAL,
                "Kreis Beispiel, Ausländerbehörde", LocalDate.of(2026, 2, 27)));
    }

    /** Case files 1 and 2, registered, shipped, received, prepared and captured: ready to fail their quality check. */
    private static void captureTwo(Aktenlift lift) {
        List<Barcode> files = List.of(file(1), file(2));
        for (Barcode f : files) {
            lift.execute(CLERK, new RegisterCaseFile(f, FileReference.of("AZ-Q" + f.value()), subject(90 + files.indexOf(f)),
                    ProtectionLevel.NORMAL));
        }
        Barcode box = Policies.defaults().boxBarcodes().generate(1);
        SealNumber seal = SealNumber.of("S-1");
        lift.execute(CLERK, new OpenBox(box));
        for (Barcode f : files) {
            lift.execute(CLERK, new PackCaseFile(f, box));
        }
        lift.execute(CLERK, new SealBox(box, seal));
        lift.execute(CLERK, new PlanPickup("P1", LocalDate.of(2026, 3, 3), List.of(box)));
        lift.execute(CARRIER, new CollectPickup("P1", new HandoverProtocol("clerk-1", "carrier-7", Map.of(box, seal))));
        lift.execute(SCANNER, new ReceiveBox(box, seal, Set.copyOf(files)));
        for (Barcode f : files) {
            lift.execute(SCANNER, new PrepareCaseFile(f));
            lift.execute(SCANNER, new RecordCapture(f, "D1", List.of(new CapturedDocument("doc-1", "APPLICATION", 2, false))));
        }
    }

    /** Synthetic, and never in a notification. */
    private static Subject subject(int i) {
        return new Subject("Surname" + i, "Given" + i, LocalDate.of(1980, 1, 1).plusDays(i), "SYR",
                String.format("%012d", 100_000_000_000L + i));
    }

    private static FileChannel append(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private static void write(FileChannel ch, String line) {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        try {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails every fourth call before taking the notification, and every seventh after it (the
     * notification arrived, but the caller cannot know): both are what the Notifier contract allows.
     */
    private static final class FlakyNotifier implements Notifier {
        private final FileChannel arrivals;
        private int calls;

        FlakyNotifier(FileChannel arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public synchronized void deliver(Notification n) {
            calls++;
            if (calls % 4 == 0) {
                throw new UnavailableException("notifier down (planted)", null);
            }
            write(arrivals, n.id() + " " + n.recipient().value() + "\n");
            if (calls % 7 == 0) {
                throw new UnavailableException("notifier timed out after delivering (planted)", null);
            }
        }
    }

    /** A clock the workload moves on, so that recalls become overdue. */
    private static final class StepClock extends Clock {
        private volatile Instant now = START;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
