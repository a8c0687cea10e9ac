package io.github.aktenlift.examples;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.adapters.filesystem.FilesystemSettings;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.VerificationReport;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The office scenario end to end: labels, registration, packing, pickup, goods receipt with a
 * missing file, preparation, capture, QA with faults and rescans, import with a rejection and a
 * retry, a transfer from another authority, a recall, retention and a destruction run.
 *
 * <p>Runs on the filesystem adapter in a working directory: journal, subjects and content end up
 * there, durable, and a second run of any tool on the same directory sees them.
 */
final class Demo {

    private final int count;
    private final java.nio.file.Path dir;
    private final PrintStream out;
    private final DemoClock clock = new DemoClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final Actor clerk = Actor.of("clerk-17", "Ausländerbehörde");
    private final Actor carrier = Actor.of("carrier-4", "Kurier");
    private final Actor scan = Actor.of("scan-op-2", "Scan-Dienstleister");

    Demo(int count, java.nio.file.Path dir, PrintStream out) {
        this.count = count;
        this.dir = dir;
        this.out = out;
    }

    int run() {
        long t0 = System.nanoTime();
        out.println("Aktenlift demo in " + dir.toAbsolutePath());
        try (FilesystemStorage storage = FilesystemStorage.open(dir, java.util.Map.of(FilesystemSettings.CREATE, "true"));
                Aktenlift lift = Aktenlift.builder().storage(storage).clock(clock).build()) {
            List<Barcode> files = lift.inventory().issueCaseFileBarcodes(clerk, count);
            for (int i = 0; i < count; i++) {
                lift.execute(clerk, new RegisterCaseFile(files.get(i), FileReference.of("AB-2026/" + (i + 1)),
                        subject(i), i % 10 == 0 ? ProtectionLevel.HIGH : ProtectionLevel.NORMAL));
            }
            step("registered and labelled", count);

            int perBox = 25;
            List<Barcode> boxes = lift.inventory().issueBoxBarcodes(clerk, (count + perBox - 1) / perBox);
            Map<Barcode, List<Barcode>> packing = new LinkedHashMap<>();
            for (int b = 0; b < boxes.size(); b++) {
                Barcode box = boxes.get(b);
                lift.execute(clerk, new OpenBox(box));
                List<Barcode> content = files.subList(b * perBox, Math.min(count, (b + 1) * perBox));
                for (Barcode f : content) {
                    lift.execute(clerk, new PackCaseFile(f, box));
                }
                lift.execute(clerk, new SealBox(box, seal(box)));
                packing.put(box, content);
            }
            step("packed into sealed boxes", boxes.size());

            Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
            boxes.forEach(b -> seals.put(b, seal(b)));
            lift.execute(clerk, new PlanPickup("PICKUP-1", LocalDate.of(2026, 3, 3), boxes));
            clock.advance(Duration.ofDays(1));
            lift.execute(carrier, new CollectPickup("PICKUP-1", new HandoverProtocol("clerk-17", "carrier-4", seals)));
            step("boxes handed over to the carrier", boxes.size());

            clock.advance(Duration.ofHours(5));
            Barcode missing = files.get(count / 2);
            for (Map.Entry<Barcode, List<Barcode>> e : packing.entrySet()) {
                Set<Barcode> present = new HashSet<>(e.getValue());
                present.remove(missing);
                lift.execute(scan, new ReceiveBox(e.getKey(), seal(e.getKey()), present));
            }
            step("boxes received, one file missing", boxes.size());

            Barcode transfer = lift.inventory().issueCaseFileBarcodes(clerk, 1).get(0);
            lift.execute(clerk, new RegisterTransfer(transfer, FileReference.of("AB-2026/T1"), subject(count + 1),
                    ProtectionLevel.NORMAL, "Stadt Musterstadt, Ausländerbehörde", LocalDate.of(2026, 3, 2)));
            Barcode recalled = files.get(3);
            lift.execute(clerk, new RequestRecall(recalled, RecallMode.SCAN_ON_DEMAND));
            step("transfer registered and a recall requested", 2);

            List<Barcode> toScan = new ArrayList<>(files);
            toScan.remove(missing);
            toScan.remove(recalled);
            toScan.add(0, recalled); // the recall is served first
            int faults = 0;
            int rejected = 0;
            for (int i = 0; i < toScan.size(); i++) {
                Barcode f = toScan.get(i);
                lift.execute(scan, new PrepareCaseFile(f));
                lift.execute(scan, new RecordCapture(f, "DELIVERY-1", documents(i)));
                if (i % 40 == 7) {
                    lift.execute(scan, new FailQualityCheck(f, List.of("PAGE_MISSING:2")));
                    lift.execute(scan, new RecordCapture(f, "DELIVERY-1R", documents(i)));
                    faults++;
                }
                lift.execute(scan, new PassQualityCheck(f, "qa-1"));
                if (lift.policies().profileFor(lift.tracking().whereIs(f).orElseThrow().protection()).fourEyes()) {
                    lift.execute(scan, new PassQualityCheck(f, "qa-2")); // four eyes: a second reviewer
                }
                if (i == 11) {
                    lift.execute(clerk, new RejectImport(f, "EFILE_LOCKED"));
                    lift.execute(clerk, new RetryImport(f));
                    rejected++;
                }
                lift.execute(clerk, new ConfirmImport(f, "EAKTE-" + f.value(), "RECEIPT-" + f.value()));
                if (i % 18 == 0) {
                    // half of the passports are back with their owners before the retention ends
                    lift.execute(clerk, new ReturnOriginals(f, List.of("doc-2")));
                }
                lift.execute(clerk, new RetainPaper(f));
            }
            step("captured, checked, imported and retained (" + faults + " rescans, " + rejected
                    + " import retried)", toScan.size());
            lift.execute(clerk, new PlaceHold(files.get(1), HoldReason.OPEN_OBJECTION));

            clock.advance(Duration.ofDays(91));
            List<Barcode> due = lift.tracking().dueForDestruction();
            for (Barcode f : due) {
                lift.execute(clerk, new DestroyPaper(f, "DIN66399-" + f.value()));
            }
            step("destroyed after retention (holds and originals excluded)", due.size());
            lift.tracking().checkpoint();

            printStatus(lift, (System.nanoTime() - t0) / 1_000_000);
            return lift.tracking().verify().isIntact() ? 0 : 1;
        }
    }

    private void step(String what, int n) {
        out.printf("  %-70s %6d%n", what, n);
    }

    private void printStatus(Aktenlift lift, long millis) {
        out.println();
        out.println("Status");
        out.println("  state              case files");
        for (Map.Entry<CaseFileState, Long> e : lift.tracking().countsPerState().entrySet()) {
            if (e.getValue() > 0) {
                out.printf("  %-18s %10d%n", e.getKey(), e.getValue());
            }
        }
        List<Discrepancy> discrepancies = lift.tracking().discrepancies();
        out.printf("  discrepancies      %10d%n", discrepancies.size());
        for (Discrepancy d : discrepancies) {
            out.printf("    %s %s (%s)%n", d.kind(), d.barcode(), d.related());
        }
        out.printf("  overdue            %10d%n", lift.tracking().overdue().size());
        VerificationReport v = lift.tracking().verify();
        out.printf("  journal            %10d events, %d streams, %d checkpoints, %s%n", v.eventsChecked(), v.streams(),
                v.checkpointsChecked(), v.isIntact() ? "verified" : "BROKEN: " + v.firstViolation().orElseThrow());
        out.printf("  took               %10d ms%n", millis);
    }

    private static Subject subject(int i) {
        return new Subject("Person" + i, "Demo", LocalDate.of(1970, 1, 1).plusDays(i * 37L % 15_000), "SYR", null);
    }

    private static SealNumber seal(Barcode box) {
        return SealNumber.of("SEAL-" + box.value());
    }

    private static List<CapturedDocument> documents(int i) {
        return List.of(new CapturedDocument("doc-1", "APPLICATION", 3 + i % 5, false),
                new CapturedDocument("doc-2", "PASSPORT_COPY", 2, i % 9 == 0),
                new CapturedDocument("doc-3", "DECISION", 1 + i % 3, false));
    }

    /** Simulated time: the demo moves through months of operation in seconds. */
    private static final class DemoClock extends Clock {
        private Instant now;

        DemoClock(Instant start) {
            now = start;
        }

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
