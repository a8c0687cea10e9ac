package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.ReportFound;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.Reconciliation;
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
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bulk project at full size, driven through the public API with real commands only: 20,000 case
 * files from a baseline CSV, 800 boxes of 25, 20 pickups of 40 boxes on 20 working days, goods
 * receipt with deviations, capture with QA and import side paths, retention, holds, returned
 * originals, and destruction of exactly what the tracking reports as due.
 *
 * <p>Case files are numbered {@code i = 1..20,000}; file {@code i} lies in box {@code (i-1)/25}
 * (0-based), box {@code b} goes with the pickup of working day {@code b/40}. Every deviation is a
 * fixed rule on {@code i} or {@code b} (below), so every expected number can be worked out by hand.
 * No randomness; one hand-moved clock.
 *
 * <p>Shared by {@code BulkScenarioTest} (checks every number) and {@code JournalBenchmark} (times it).
 */
final class BulkScenario implements AutoCloseable {

    static final int FILES = 20_000;
    static final int PER_BOX = 25;
    static final int BOXES = FILES / PER_BOX;
    static final int BOXES_PER_PICKUP = 40;
    static final int DAYS = BOXES / BOXES_PER_PICKUP;

    /** Picked up on day 2, never arrives at the scan service. */
    static final int NEVER_RECEIVED_BOX = 85;
    /** Arrives on day 4 with a seal number other than the one recorded at sealing. */
    static final int SEAL_MISMATCH_BOX = 170;
    /** Left out of their boxes (first file of boxes 200, 280, 360, 440, 520: days 5, 7, 9, 11, 13). */
    static final List<Integer> MISSING = List.of(5001, 7001, 9001, 11001, 13001);
    /** Of the missing ones, reported found at the scan service on the next working day. */
    static final int FOUND = 5001;
    /** A subject with umlauts, to look up by name written without them. */
    static final int UMLAUT_SUBJECT = 4711;
    /** File 13 concerns the same person as file 12: two files, one AZR number. */
    static final int SECOND_FILE_OF_12 = 13;

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
    static final String DESTRUCTION_CERTIFICATE_PREFIX = "VN-2026-";

    /** A failed quality check, then a rescan that passes. */
    static boolean qaFails(int i) {
        return i % 2000 == 500;
    }

    /** The specialist procedure rejects the first import; retried and confirmed. */
    static boolean importRejected(int i) {
        return i % 2000 == 1700;
    }

    /** Paper handed back to the office after import instead of retention. */
    static boolean paperReturned(int i) {
        return i % 1000 == 300;
    }

    /** Holds a residence permit whose original goes back to the person. */
    static boolean hasOriginal(int i) {
        return i % 10 == 0;
    }

    /** Of those with an original, the ones whose original is still not returned. */
    static boolean originalKept(int i) {
        return i % 1000 == 900;
    }

    /** A legal hold placed during retention. */
    static boolean held(int i) {
        return i % 2500 == 1234;
    }

    /** Listed in the baseline without a barcode (labelled, but not yet noted in the spreadsheet). */
    static boolean baselineWithoutBarcode(int i) {
        return i % 100 == 42;
    }

    static int boxOf(int i) {
        return (i - 1) / PER_BOX;
    }

    static int dayOf(int i) {
        return boxOf(i) / BOXES_PER_PICKUP;
    }

    static boolean neverReceived(int i) {
        return boxOf(i) == NEVER_RECEIVED_BOX;
    }

    static boolean stillMissing(int i) {
        return MISSING.contains(i) && i != FOUND;
    }

    /** Captured, QA-checked and imported: received (or found) at the scan service. */
    /** High and very high protection: two distinct reviewers must pass the file (default profiles). */
    static boolean fourEyes(int i) {
        return protection(i) != ProtectionLevel.NORMAL;
    }

    static boolean processed(int i) {
        return !neverReceived(i) && !stillMissing(i);
    }

    /** The {@code d}-th working day (0-based) from Monday {@link #FIRST_DAY}. */
    static LocalDate workingDay(int d) {
        return FIRST_DAY.plusDays(d + 2L * (d / 5));
    }

    static Instant at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC);
    }

    /** When the paper of files imported on day {@code d} may go, plus half an hour. */
    Instant afterRetentionOfDay(int d) {
        return at(workingDay(d), IMPORT_HOUR).plus(office.lift.policies().retention().retention()).plusSeconds(1800);
    }

    static final int PICKUP_HOUR = 10;
    static final int RECEIPT_HOUR = 14;
    static final int CAPTURE_HOUR = 15;
    static final int IMPORT_HOUR = 16;
    static final int RETAIN_HOUR = 17;

    static String pickupId(int day) {
        return "P-" + workingDay(day);
    }

    static FileReference reference(int i) {
        return FileReference.of("ABH-32.1-" + zeroPadded(i, 5) + "/2026");
    }

    static Subject subject(int i) {
        int person = i == SECOND_FILE_OF_12 ? 12 : i;
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(person * 7L % 20_000);
        String azr = zeroPadded(200_000_000_000L + person, 12);
        if (person == UMLAUT_SUBJECT) {
            return new Subject("Weiß-Özdemir", "Jürgen Ömer", born, "TUR", azr);
        }
        return new Subject("Nachname" + person, "Vorname" + person, born, person % 3 == 0 ? "SYR" : "UKR", azr);
    }

    /**
     * {@code n} with leading zeros to {@code width} digits, as {@code %0<width>d} formats it, without
     * {@code String.format}, which cost the benchmark about 7 % of the scenario's time (the
     * fixture's, not the library's).
     */
    static String zeroPadded(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    static ProtectionLevel protection(int i) {
        return i % 1000 == 999 ? ProtectionLevel.VERY_HIGH : i % 50 == 0 ? ProtectionLevel.HIGH : ProtectionLevel.NORMAL;
    }

    static List<CapturedDocument> documents(int i) {
        List<CapturedDocument> d = new ArrayList<>(3);
        d.add(new CapturedDocument("doc-1", "APPLICATION", 3 + i % 20, false));
        d.add(new CapturedDocument("doc-2", "PASSPORT_COPY", 2, false));
        if (hasOriginal(i)) {
            d.add(new CapturedDocument("doc-3", "RESIDENCE_PERMIT", 1, true));
        }
        return d;
    }

    static SealNumber seal(Barcode box) {
        return SealNumber.of("S-" + box.value());
    }

    /** What the tracking answered at one moment. */
    record Snapshot(Instant at, Map<CaseFileState, Long> counts, List<Overdue> overdue,
            List<Discrepancy> discrepancies, List<Barcode> dueForDestruction, Reconciliation reconciliation) {
    }

    final Office office;
    final Actor clerk = Actor.of("clerk-1", "office");
    final Actor carrier = Actor.of("carrier-7", "van");
    final Actor scanner = Actor.of("scan-op-3", "scan-center");
    final Actor reviewer = Actor.of("qa-2", "scan-center");
    final Actor secondReviewer = Actor.of("qa-5", "scan-center");
    final Actor importer = Actor.of("import-bot", "scan-center");
    final Actor archivist = Actor.of("archivist-4", "records-store");
    final Actor shredder = Actor.of("shredder-1", "destruction-service");

    private final boolean observe;
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private List<Barcode> fileBarcodes = List.of();
    private final List<Barcode> boxBarcodes = new ArrayList<>(BOXES);
    private long events;
    private long commands;
    private long snapshotNanos;
    private int certificates;

    /**
     * @param checkpointInterval events between checkpoints (the library's default is 10,000)
     * @param observe whether to take snapshots of the tracking's answers along the way (the
     *     benchmark leaves them out of its timing)
     */
    BulkScenario(int checkpointInterval, boolean observe) {
        this.office = new Office(new InMemoryStorage(), new MutableClock(at(FIRST_DAY, 8)), Policies.defaults(),
                checkpointInterval);
        this.observe = observe;
    }

    /** Runs every phase in order. */
    BulkScenario run() {
        prepareAtOffice();
        for (int d = 0; d < DAYS; d++) {
            pickupDay(d);
            if (d == 1) {
                snapshot("after day 1");
            }
        }
        snapshot("after all pickups");
        retentionWork();
        snapshot("retention started");
        office.clock.advanceTo(afterRetentionOfDay(0));
        snapshot("first day's retention elapsed");
        office.clock.advanceTo(afterRetentionOfDay(DAYS - 1));
        snapshot("all retention elapsed");
        destroyDue();
        snapshot("after destruction");
        return this;
    }

    /** Day 0, before the first pickup: labels, baseline, registration, packing. */
    void prepareAtOffice() {
        fileBarcodes = office.lift.inventory().issueCaseFileBarcodes(clerk, FILES);
        events++;
        office.lift.inventory().importBaseline(clerk, new ByteArrayInputStream(baselineCsv()));
        events++;
        for (BaselineEntry e : office.lift.inventory().baseline()) {
            int i = e.line() - 1;
            execute(clerk, new RegisterCaseFile(file(i), e.reference(), e.subject(), e.protection()));
        }
        snapshot("after registration");
        for (int b = 0; b < BOXES; b++) {
            Barcode box = office.lift.policies().boxBarcodes().generate(b + 1L);
            boxBarcodes.add(box);
            execute(clerk, new OpenBox(box));
            for (int i = b * PER_BOX + 1; i <= (b + 1) * PER_BOX; i++) {
                execute(clerk, new PackCaseFile(file(i), box));
            }
            execute(clerk, new SealBox(box, seal(box)));
        }
    }

    /** The baseline export: UTF-8 CSV in the column order of {@code Inventory}'s Javadoc. */
    byte[] baselineCsv() {
        StringBuilder csv = new StringBuilder(FILES * 110);
        csv.append("file_reference,barcode,surname,given_names,date_of_birth,nationality,azr_number,protection_level\n");
        for (int i = 1; i <= FILES; i++) {
            Subject s = subject(i);
            ProtectionLevel p = protection(i);
            csv.append(reference(i).value()).append(',')
                    .append(baselineWithoutBarcode(i) ? "" : file(i).value()).append(',')
                    .append(s.surname()).append(',').append(s.givenNames()).append(',')
                    // both date formats the baseline accepts
                    .append(i % 2 == 0 ? s.dateOfBirth().toString()
                            : zeroPadded(s.dateOfBirth().getDayOfMonth(), 2) + "."
                                    + zeroPadded(s.dateOfBirth().getMonthValue(), 2) + "." + s.dateOfBirth().getYear())
                    .append(',')
                    .append(s.nationality()).append(',').append(s.azrNumber()).append(',')
                    .append(p == ProtectionLevel.NORMAL ? "" : p.name()).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One working day: pickup, goods receipt, capture and QA, import, retention. */
    void pickupDay(int d) {
        LocalDate day = workingDay(d);
        office.clock.advanceTo(at(day, PICKUP_HOUR));
        List<Barcode> boxes = boxBarcodes.subList(d * BOXES_PER_PICKUP, (d + 1) * BOXES_PER_PICKUP);
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        for (Barcode b : boxes) {
            seals.put(b, seal(b));
        }
        execute(clerk, new PlanPickup(pickupId(d), day, boxes));
        execute(carrier, new CollectPickup(pickupId(d), new HandoverProtocol(clerk.id(), carrier.id(), seals)));

        office.clock.advanceTo(at(day, RECEIPT_HOUR));
        List<Integer> toProcess = new ArrayList<>(BOXES_PER_PICKUP * PER_BOX);
        if (d > 0 && dayOf(FOUND) == d - 1) {
            execute(scanner, new ReportFound(file(FOUND)));
            toProcess.add(FOUND);
        }
        for (int b = d * BOXES_PER_PICKUP; b < (d + 1) * BOXES_PER_PICKUP; b++) {
            if (b == NEVER_RECEIVED_BOX) {
                continue;
            }
            Set<Barcode> present = new LinkedHashSet<>(PER_BOX);
            for (int i = b * PER_BOX + 1; i <= (b + 1) * PER_BOX; i++) {
                if (!MISSING.contains(i)) {
                    present.add(file(i));
                    toProcess.add(i);
                }
            }
            Barcode box = boxBarcodes.get(b);
            SealNumber observed = b == SEAL_MISMATCH_BOX ? SealNumber.of("S-FOREIGN-" + b) : seal(box);
            execute(scanner, new ReceiveBox(box, observed, present));
        }

        office.clock.advanceTo(at(day, CAPTURE_HOUR));
        for (int i : toProcess) {
            Barcode f = file(i);
            execute(scanner, new PrepareCaseFile(f));
            execute(scanner, new RecordCapture(f, "D-" + day, documents(i)));
            if (qaFails(i)) {
                execute(reviewer, new FailQualityCheck(f, List.of("PAGE_MISSING:3", "UNREADABLE:doc-1")));
                execute(scanner, new RecordCapture(f, "D-" + day + "-R", documents(i)));
            }
            execute(reviewer, new PassQualityCheck(f, reviewer.id()));
            if (fourEyes(i)) {
                execute(secondReviewer, new PassQualityCheck(f, secondReviewer.id()));
            }
        }

        office.clock.advanceTo(at(day, IMPORT_HOUR));
        for (int i : toProcess) {
            Barcode f = file(i);
            if (importRejected(i)) {
                execute(importer, new RejectImport(f, "EFILE_LOCKED"));
                execute(clerk, new RetryImport(f));
            }
            execute(importer, new ConfirmImport(f, "EAKTE-" + i, "Q-" + day + "-" + i));
        }

        office.clock.advanceTo(at(day, RETAIN_HOUR));
        for (int i : toProcess) {
            if (paperReturned(i)) {
                execute(archivist, new ReturnPaper(file(i), "Ausländerbehörde, Registratur"));
            } else {
                execute(archivist, new RetainPaper(file(i)));
            }
        }
    }

    /** The Monday after the last pickup: originals go back, legal holds are placed. */
    void retentionWork() {
        office.clock.advanceTo(at(workingDay(DAYS), 10));
        for (int i = 1; i <= FILES; i++) {
            if (!processed(i) || paperReturned(i)) {
                continue;
            }
            if (hasOriginal(i) && !originalKept(i)) {
                execute(archivist, new ReturnOriginals(file(i), List.of("doc-3")));
            }
            if (held(i)) {
                execute(clerk, new PlaceHold(file(i), HoldReason.LEGAL_HOLD));
            }
        }
    }

    /** Destroys exactly what the tracking reports as due, nothing else. */
    List<Barcode> destroyDue() {
        List<Barcode> due = office.lift.tracking().dueForDestruction();
        for (Barcode b : due) {
            execute(shredder, new DestroyPaper(b, DESTRUCTION_CERTIFICATE_PREFIX + (++certificates)));
        }
        return due;
    }

    private void execute(Actor actor, Command command) {
        List<JournalEvent> recorded = office.lift.execute(actor, command);
        events += recorded.size();
        commands++;
    }

    private void snapshot(String name) {
        if (!observe) {
            return;
        }
        long t0 = System.nanoTime();
        var t = office.lift.tracking();
        snapshots.put(name, new Snapshot(office.clock.instant(), t.countsPerState(), t.overdue(), t.discrepancies(),
                t.dueForDestruction(), office.lift.inventory().reconcile()));
        snapshotNanos += System.nanoTime() - t0;
    }

    /** @return the barcode of case file {@code i} (1-based) */
    Barcode file(int i) {
        return fileBarcodes.get(i - 1);
    }

    Barcode box(int b) {
        return boxBarcodes.get(b);
    }

    Snapshot snapshot(String name, boolean required) {
        Snapshot s = snapshots.get(name);
        if (s == null && required) {
            throw new IllegalStateException("no snapshot '" + name + "' (taken: " + snapshots.keySet() + ")");
        }
        return s;
    }

    Set<String> snapshotNames() {
        return new HashSet<>(snapshots.keySet());
    }

    /** @return events recorded by the commands and inventory operations this scenario ran */
    long events() {
        return events;
    }

    long commands() {
        return commands;
    }

    long snapshotNanos() {
        return snapshotNanos;
    }

    @Override
    public void close() {
        office.close();
    }
}
