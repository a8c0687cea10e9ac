package io.github.aktenlift.testkit.evidence;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.Policies;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Drives a small office through the lifecycle with real commands and real captures, only through
 * core's exported API: registrations (subject entries), boxes, a pickup, receipt, preparation,
 * two scan deliveries captured into renditions and scan protocols, and checkpoints every
 * {@value #CHECKPOINT_INTERVAL} events. The journal is kept with a key (HMAC-SHA-256).
 */
final class ReferenceOffice {

    /** The journal key of the reference journal: at least 32 bytes. */
    static final byte[] JOURNAL_KEY = "evidence tamper contract journal key, 32+ bytes".getBytes(StandardCharsets.US_ASCII);
    /** Events between automatic checkpoints: small, so that the journal has several. */
    static final int CHECKPOINT_INTERVAL = 400;
    /** The fixed time of every event. */
    static final Instant TIME = Instant.parse("2026-03-02T08:00:00Z");
    /** Case files registered in bulk: about five events each (issued, registered, packed, received, prepared). */
    private static final int FILES = 195;
    private static final int BOX_SIZE = 25;
    /** Small A4 pages at 100 dpi keep captures cheap; the capture policy's minimum is lowered to match. */
    private static final PageGeometry PAGE = PageGeometry.a4(100);

    private static final Actor CLERK = Actor.of("clerk-1", "office");
    private static final Actor CARRIER = Actor.of("carrier-7", "van");
    private static final Actor SCANNER = Actor.of("scan-op-3", "scan-center");

    private ReferenceOffice() {
    }

    /** @return the builder every instance on the reference journal is opened with, on the storage */
    static Aktenlift.Builder builder(Storage storage) {
        return Aktenlift.builder().storage(storage).clock(Clock.fixed(TIME, ZoneOffset.UTC))
                .ids(IdSource.sequential("evidence")).journalKey(JOURNAL_KEY).checkpointInterval(CHECKPOINT_INTERVAL)
                .policies(Policies.defaults().withCapture(CapturePolicy.defaults().withMinimumDpi(100)));
    }

    /**
     * Writes the reference journal and its evidence into an empty storage.
     *
     * @param storage an empty storage; left open
     */
    static void write(Storage storage) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("aktenlift-evidence");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Aktenlift lift = builder(storage).build()) {
            List<Barcode> files = lift.inventory().issueCaseFileBarcodes(CLERK, FILES);
            for (int i = 0; i < files.size(); i++) {
                lift.execute(CLERK, new RegisterCaseFile(files.get(i), FileReference.of("AZ-" + (i + 1)), subject(i),
                        ProtectionLevel.NORMAL));
            }
            shipAndPrepare(lift, files);
            capture(lift, tmp.resolve("d1"), "D-1", files.subList(0, 3));
            capture(lift, tmp.resolve("d2"), "D-2", files.subList(3, 6));
            // a few registrations after the newest checkpoint: only the head record anchors them
            List<Barcode> late = lift.inventory().issueCaseFileBarcodes(CLERK, 3);
            for (int i = 0; i < late.size(); i++) {
                lift.execute(CLERK, new RegisterCaseFile(late.get(i), FileReference.of("AZ-L" + (i + 1)),
                        subject(FILES + i), ProtectionLevel.NORMAL));
            }
        } finally {
            delete(tmp);
        }
    }

    /** A synthetic subject: no real person's data. */
    private static Subject subject(int i) {
        return new Subject("Surname" + i, "Given" + i, LocalDate.of(1980, 1, 1).plusDays(i), "SYR",
                String.format("%012d", 100_000_000_000L + i));
    }

    private static void shipAndPrepare(Aktenlift lift, List<Barcode> files) {
        List<Barcode> boxes = lift.inventory().issueBoxBarcodes(CLERK, (files.size() + BOX_SIZE - 1) / BOX_SIZE);
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        for (int b = 0; b < boxes.size(); b++) {
            Barcode box = boxes.get(b);
            lift.execute(CLERK, new OpenBox(box));
            for (Barcode f : inBox(files, b)) {
                lift.execute(CLERK, new PackCaseFile(f, box));
            }
            SealNumber seal = SealNumber.of("S-" + box.value());
            lift.execute(CLERK, new SealBox(box, seal));
            seals.put(box, seal);
        }
        lift.execute(CLERK, new PlanPickup("P-1", LocalDate.of(2026, 3, 3), boxes));
        lift.execute(CARRIER, new CollectPickup("P-1", new HandoverProtocol("clerk-1", "carrier-7", seals)));
        for (int b = 0; b < boxes.size(); b++) {
            lift.execute(SCANNER, new ReceiveBox(boxes.get(b), seals.get(boxes.get(b)), new HashSet<>(inBox(files, b))));
        }
        for (Barcode f : files) {
            lift.execute(SCANNER, new PrepareCaseFile(f));
        }
    }

    private static List<Barcode> inBox(List<Barcode> files, int box) {
        return files.subList(box * BOX_SIZE, Math.min(files.size(), (box + 1) * BOX_SIZE));
    }

    private static void capture(Aktenlift lift, Path dir, String deliveryId, List<Barcode> files) {
        try {
            Delivery d = ScanGenerator.writeDelivery(dir, DeliverySpec.builder().deliveryId(deliveryId).geometry(PAGE)
                    .seed(deliveryId.hashCode()).barcodes(files.stream().map(Barcode::value).toList())
                    .documentsPerFile(1, 2).sheetsPerDocument(1, 2).createdAt(TIME).build());
            IngestReport report = lift.capture().ingest(SCANNER, d.directory());
            Set<String> captured = new HashSet<>();
            report.captured().forEach(c -> captured.add(c.barcode()));
            if (captured.size() != files.size()) {
                throw new IllegalStateException("the reference delivery " + deliveryId + " was not captured whole: "
                        + report.problems());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
