package io.github.aktenlift;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryNotifier;
import io.github.aktenlift.testkit.InMemorySpecialistProcedure;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.tracking.JournalEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Test fixture for imports: an office on in-memory storage with a hand-moved clock, an in-memory
 * specialist procedure and notifier, and shortcuts that bring case files to {@code VERIFIED} the
 * real way — registered, shipped, received, prepared, and captured from a generated delivery.
 * Visual inspection is switched off for {@code NORMAL} files, so capture verifies them at once.
 */
final class ImportDesk implements AutoCloseable {

    /** Small A4 pages at 100 dpi keep the tests fast; the policy's minimum is lowered to match. */
    static final PageGeometry PAGE = PageGeometry.a4(100);
    static final Policies POLICIES = Policies.defaults()
            .withCapture(CapturePolicy.defaults().withMinimumDpi(100))
            .withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(0.0, false, false));

    final InMemoryStorage storage = new InMemoryStorage();
    final MutableClock clock = new MutableClock(Office.START);
    final InMemorySpecialistProcedure procedure = new InMemorySpecialistProcedure(clock);
    /** The procedure as Aktenlift sees it: every call logged, failures injectable. */
    final ProcedureProbe probe = new ProcedureProbe(procedure);
    final InMemoryNotifier notifier = new InMemoryNotifier();
    final Actor clerk = Actor.of("clerk-1", "office");
    final Actor scanner = Actor.of("scan-op-3", "scan-center");
    final Actor importer = Actor.of("importer", "office");
    final Aktenlift lift;
    private final Path tmp;
    private final AtomicInteger serial = new AtomicInteger();
    private final AtomicInteger instances = new AtomicInteger();

    private final Policies policies;

    ImportDesk(Path tmp) {
        this(tmp, POLICIES);
    }

    ImportDesk(Path tmp, Policies policies) {
        this.tmp = tmp;
        this.policies = policies;
        this.lift = open(storage, probe, notifier);
    }

    /** Opens another instance on the given adapters, as a restarted process (or another machine) would. */
    Aktenlift open(Storage on, SpecialistProcedure via, Notifier to) {
        return Aktenlift.builder().storage(on).clock(clock).ids(IdSource.sequential("i" + instances.incrementAndGet() + "-"))
                .policies(policies).procedure(via).notifier(to).build();
    }

    static Subject person(String surname, String givenNames, LocalDate born, String azr) {
        return new Subject(surname, givenNames, born, null, azr);
    }

    Barcode bulk(FileReference reference, Subject subject) {
        Barcode b = lift.inventory().issueCaseFileBarcodes(clerk, 1).get(0);
        lift.execute(clerk, new RegisterCaseFile(b, reference, subject, ProtectionLevel.NORMAL));
        return b;
    }

    Barcode bulk() {
        int i = serial.incrementAndGet();
        return bulk(FileReference.of("AZ-BULK-" + i), Office.subject(i));
    }

    Barcode transfer(FileReference reference, Subject subject) {
        Barcode b = lift.inventory().issueCaseFileBarcodes(clerk, 1).get(0);
        lift.execute(clerk, new RegisterTransfer(b, reference, subject, ProtectionLevel.NORMAL,
                "Stadt Musterstadt, Ausländerbehörde", LocalDate.of(2026, 2, 20)));
        return b;
    }

    /** Packs the files into one box, hands it over, receives and prepares them. */
    void prepare(List<Barcode> files) {
        prepareWith(lift, clerk, files);
    }

    /** Packs the files into one box, hands it over, receives and prepares them, on any instance. */
    static void prepareWith(Aktenlift lift, Actor clerk, List<Barcode> files) {
        Actor scanner = Actor.of("scan-op-3", "scan-center");
        Barcode box = lift.inventory().issueBoxBarcodes(clerk, 1).get(0);
        lift.execute(clerk, new OpenBox(box));
        for (Barcode f : files) {
            lift.execute(clerk, new PackCaseFile(f, box));
        }
        lift.execute(clerk, new SealBox(box, Office.sealOf(box)));
        String pickup = "P-" + box.value();
        lift.execute(clerk, new PlanPickup(pickup, LocalDate.of(2026, 3, 3), List.of(box)));
        lift.execute(clerk, new CollectPickup(pickup, new HandoverProtocol("clerk-1", "carrier-7",
                Map.of(box, Office.sealOf(box)))));
        lift.execute(scanner, new ReceiveBox(box, Office.sealOf(box), new HashSet<>(files)));
        for (Barcode f : files) {
            lift.execute(scanner, new PrepareCaseFile(f));
        }
    }

    /** Writes a small generated delivery for the files (one or two single-sheet documents each) into {@code dir/id}. */
    static Path writeDelivery(Path dir, String id, List<Barcode> files) {
        try {
            return ScanGenerator.writeDelivery(dir.resolve(id), DeliverySpec.builder().deliveryId(id).geometry(PAGE)
                    .seed(id.hashCode()).barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 2)
                    .sheetsPerDocument(1, 1).formats(DeliverySpec.Formats.MIXED).build()).directory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a generated delivery for the files: 1 to 3 documents of 1 to 2 sheets each, JPEG and G4 pages. */
    Delivery delivery(String id, List<Barcode> files) {
        return delivery(id, files, UnaryOperator.identity());
    }

    /** Writes a generated delivery for the files, with the spec changed by {@code tweak}. */
    Delivery delivery(String id, List<Barcode> files, UnaryOperator<DeliverySpec.Builder> tweak) {
        try {
            return ScanGenerator.writeDelivery(tmp.resolve(id), tweak.apply(DeliverySpec.builder().deliveryId(id)
                    .geometry(PAGE).seed(id.hashCode()).barcodes(files.stream().map(Barcode::value).toList())
                    .documentsPerFile(1, 3).sheetsPerDocument(1, 2).formats(DeliverySpec.Formats.MIXED)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepares the files, captures them from a generated delivery and checks that they are VERIFIED. */
    void verify(List<Barcode> files) {
        prepare(files);
        IngestReport report = lift.capture().ingest(scanner, delivery("D-" + files.get(0).value(), files).directory());
        if (!report.rejected().isEmpty() || report.captured().size() != files.size()) {
            throw new AssertionError("capture failed: " + report.problems());
        }
    }

    Barcode verifiedBulk() {
        Barcode b = bulk();
        verify(List.of(b));
        return b;
    }

    long journalLength() {
        return storage.logs().length(Key.of("journal/events"));
    }

    List<JournalEvent> history(Barcode b) {
        return lift.tracking().history(b);
    }

    @Override
    public void close() {
        lift.close();
    }
}
