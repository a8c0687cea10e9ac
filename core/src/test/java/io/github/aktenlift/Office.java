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
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test fixture: an office on in-memory storage with a hand-moved clock, and shortcuts that drive
 * case files through the lifecycle with real commands.
 */
public final class Office implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    final InMemoryStorage storage;
    public final MutableClock clock;
    public final Aktenlift lift;
    public final Actor clerk = Actor.of("clerk-1", "office");
    public final Actor carrier = Actor.of("carrier-7", "van");
    public final Actor scanner = Actor.of("scan-op-3", "scan-center");
    /** Whether captured files get a document whose original must be returned before destruction. */
    public boolean originalsToReturn;
    private long fileSerial;
    private long boxSerial;
    private int pickups;

    public Office() {
        this(new InMemoryStorage(), new MutableClock(START), Policies.defaults());
    }

    Office(InMemoryStorage storage, MutableClock clock, Policies policies) {
        this(storage, clock, policies, 1000, null);
    }

    /** An office for tests of other packages: its own clock, these policies and notifier. */
    public static Office of(InMemoryStorage storage, Policies policies,
            io.github.aktenlift.spi.notification.Notifier notifier) {
        return new Office(storage, new MutableClock(START), policies, notifier);
    }

    /** @return the office's storage */
    public InMemoryStorage storage() {
        return storage;
    }

    /** @param notifier where the office's notifications go */
    public Office(InMemoryStorage storage, MutableClock clock, Policies policies,
            io.github.aktenlift.spi.notification.Notifier notifier) {
        this(storage, clock, policies, 1000, null, notifier);
    }

    /** @param journalKey HMAC key for the journal, or {@code null} for plain SHA-256 */
    Office(InMemoryStorage storage, MutableClock clock, Policies policies, byte[] journalKey) {
        this(storage, clock, policies, 1000, journalKey);
    }

    /** @param checkpointInterval events between automatic checkpoints (the builder's default is 10,000) */
    Office(InMemoryStorage storage, MutableClock clock, Policies policies, int checkpointInterval) {
        this(storage, clock, policies, checkpointInterval, null);
    }

    private Office(InMemoryStorage storage, MutableClock clock, Policies policies, int checkpointInterval,
            byte[] journalKey) {
        this(storage, clock, policies, checkpointInterval, journalKey, io.github.aktenlift.spi.notification.Notifier.none());
    }

    private Office(InMemoryStorage storage, MutableClock clock, Policies policies, int checkpointInterval,
            byte[] journalKey, io.github.aktenlift.spi.notification.Notifier notifier) {
        this(storage, clock, policies, checkpointInterval, journalKey, notifier, b -> { });
    }

    /**
     * @param configure further settings of the builder, for example a sealer
     * @return an office on this storage and clock with these policies
     */
    public static Office configured(InMemoryStorage storage, MutableClock clock, Policies policies,
            java.util.function.Consumer<Aktenlift.Builder> configure) {
        return new Office(storage, clock, policies, 1000, null, io.github.aktenlift.spi.notification.Notifier.none(),
                configure);
    }

    private Office(InMemoryStorage storage, MutableClock clock, Policies policies, int checkpointInterval,
            byte[] journalKey, io.github.aktenlift.spi.notification.Notifier notifier,
            java.util.function.Consumer<Aktenlift.Builder> configure) {
        this.storage = storage;
        this.clock = clock;
        Aktenlift.Builder b = Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("s"))
                .policies(policies).checkpointInterval(checkpointInterval).notifier(notifier);
        if (journalKey != null) {
            b.journalKey(journalKey);
        }
        configure.accept(b);
        this.lift = b.build();
    }

    public Aktenlift reopen() {
        return Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("r")).build();
    }

    public long journalLength() {
        return storage.logs().length(Key.of("journal/events"));
    }

    public Barcode nextFileBarcode() {
        return lift.policies().caseFileBarcodes().generate(++fileSerial);
    }

    public Barcode nextBoxBarcode() {
        return lift.policies().boxBarcodes().generate(++boxSerial);
    }

    public static Subject subject(int i) {
        return new Subject("Surname" + i, "Given" + i, LocalDate.of(1980, 1, 1).plusDays(i % 10_000), "SYR",
                String.format("%012d", 100_000_000_000L + i));
    }

    /** The protection level {@link #register()} gives new case files. */
    public ProtectionLevel protection = ProtectionLevel.NORMAL;

    public Barcode register() {
        Barcode b = nextFileBarcode();
        lift.execute(clerk, new RegisterCaseFile(b, FileReference.of("AZ-" + b.value()), subject((int) fileSerial),
                protection));
        return b;
    }

    public Barcode openBox() {
        Barcode box = nextBoxBarcode();
        lift.execute(clerk, new OpenBox(box));
        return box;
    }

    public static SealNumber sealOf(Barcode box) {
        return SealNumber.of("S-" + box.value());
    }

    /** Packs, seals, plans and collects one box holding the given files; returns the box. */
    public Barcode ship(List<Barcode> files) {
        Barcode box = openBox();
        for (Barcode f : files) {
            lift.execute(clerk, new PackCaseFile(f, box));
        }
        lift.execute(clerk, new SealBox(box, sealOf(box)));
        String pickup = "P" + (++pickups);
        lift.execute(clerk, new PlanPickup(pickup, LocalDate.of(2026, 3, 3), List.of(box)));
        lift.execute(carrier, new CollectPickup(pickup, new HandoverProtocol("clerk-1", "carrier-7",
                Map.of(box, sealOf(box)))));
        return box;
    }

    /** Packs the files into boxes of 25, hands them over, receives and prepares them, on any instance. */
    public static void shipAndPrepare(Aktenlift lift, List<String> barcodes) {
        Actor clerk = Actor.of("clerk-1", "office");
        Actor carrier = Actor.of("carrier-7", "van");
        Actor scanner = Actor.of("scan-op-3", "scan-center");
        List<Barcode> boxes = lift.inventory().issueBoxBarcodes(clerk, (barcodes.size() + 24) / 25);
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        for (int b = 0; b < boxes.size(); b++) {
            Barcode box = boxes.get(b);
            lift.execute(clerk, new OpenBox(box));
            for (String f : barcodes.subList(b * 25, Math.min(barcodes.size(), (b + 1) * 25))) {
                lift.execute(clerk, new PackCaseFile(Barcode.of(f), box));
            }
            lift.execute(clerk, new SealBox(box, sealOf(box)));
            seals.put(box, sealOf(box));
        }
        lift.execute(clerk, new PlanPickup("P-BULK", LocalDate.of(2026, 3, 3), boxes));
        lift.execute(carrier, new CollectPickup("P-BULK", new HandoverProtocol("clerk-1", "carrier-7", seals)));
        for (int b = 0; b < boxes.size(); b++) {
            Set<Barcode> present = new java.util.HashSet<>();
            barcodes.subList(b * 25, Math.min(barcodes.size(), (b + 1) * 25)).forEach(f -> present.add(Barcode.of(f)));
            lift.execute(scanner, new ReceiveBox(boxes.get(b), sealOf(boxes.get(b)), present));
        }
        for (String f : barcodes) {
            lift.execute(scanner, new PrepareCaseFile(Barcode.of(f)));
        }
    }

    public void receive(Barcode box, Set<Barcode> present) {
        lift.execute(scanner, new ReceiveBox(box, sealOf(box), present));
    }

    public static List<CapturedDocument> documents(boolean originalToReturn) {
        return List.of(new CapturedDocument("doc-1", "APPLICATION", 4, false),
                new CapturedDocument("doc-2", "PASSPORT_COPY", 2, originalToReturn));
    }

    /** Registers a fresh case file and drives it to the given state with real commands. */
    public Barcode fileIn(CaseFileState target) {
        Barcode f = register();
        if (target == CaseFileState.REGISTERED) {
            return f;
        }
        if (target == CaseFileState.PACKED) {
            lift.execute(clerk, new PackCaseFile(f, openBox()));
            return f;
        }
        Barcode box = ship(List.of(f));
        if (target == CaseFileState.IN_TRANSIT) {
            return f;
        }
        if (target == CaseFileState.MISSING) {
            receive(box, Set.of());
            return f;
        }
        receive(box, Set.of(f));
        if (target == CaseFileState.RECEIVED) {
            return f;
        }
        lift.execute(scanner, new PrepareCaseFile(f));
        if (target == CaseFileState.PREPARED) {
            return f;
        }
        lift.execute(scanner, new RecordCapture(f, "D1", documents(originalsToReturn)));
        if (target == CaseFileState.CAPTURED) {
            return f;
        }
        if (target == CaseFileState.QA_FAILED) {
            lift.execute(scanner, new FailQualityCheck(f, List.of("PAGE_MISSING:3")));
            return f;
        }
        lift.execute(scanner, new PassQualityCheck(f, "qa-1"));
        if (target == CaseFileState.VERIFIED) {
            return f;
        }
        if (target == CaseFileState.IMPORT_REJECTED) {
            lift.execute(clerk, new RejectImport(f, "EFILE_LOCKED"));
            return f;
        }
        lift.execute(clerk, new ConfirmImport(f, "E-" + f.value(), "R-" + f.value()));
        if (target == CaseFileState.IMPORTED) {
            return f;
        }
        if (target == CaseFileState.RETURNED) {
            lift.execute(clerk, new ReturnPaper(f, "Ausländerbehörde"));
            return f;
        }
        lift.execute(clerk, new RetainPaper(f));
        if (target == CaseFileState.RETAINED) {
            return f;
        }
        clock.advance(lift.policies().retention().retention().plus(Duration.ofDays(1)));
        if (originalsToReturn) {
            lift.execute(clerk, new ReturnOriginals(f, List.of("doc-2")));
        }
        lift.execute(clerk, new DestroyPaper(f, "CERT-1"));
        return f;
    }

    /** Every state, mapped to a fresh case file in it. */
    public Map<CaseFileState, Barcode> oneFileInEachState() {
        Map<CaseFileState, Barcode> m = new LinkedHashMap<>();
        for (CaseFileState s : CaseFileState.values()) {
            m.put(s, fileIn(s));
        }
        return m;
    }

    public List<Barcode> registerMany(int n) {
        List<Barcode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(register());
        }
        return out;
    }

    /** Registers n case files, ships them in one box, receives it whole and prepares each: ready for capture. */
    public List<Barcode> prepareMany(int n) {
        List<Barcode> files = registerMany(n);
        Barcode box = ship(files);
        receive(box, Set.copyOf(files));
        for (Barcode f : files) {
            lift.execute(scanner, new PrepareCaseFile(f));
        }
        return files;
    }

    @Override
    public void close() {
        lift.close();
    }
}
