package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.inventory.Label;
import io.github.aktenlift.inventory.LabelSheet;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.testkit.WrittenImage;
import io.github.aktenlift.tracking.VerificationReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The office scenario end to end on a new workspace, one method per step: registration with
 * labels, packing, pickup, goods receipt with a file missing, preparation, scan deliveries with
 * deliberate faults and their rescan, visual quality check with a failure and its rescan, import
 * into the specialist procedure's hotfolder with acknowledgements, a transfer from another
 * authority, retention with a hold and returned originals, an urgent recall, and a destruction run.
 * It ends with the status table and a verification of the journal.
 *
 * <p>Time is simulated: the demo starts 100 days before the environment's clock and moves through
 * months of operation in seconds, ending before "now", so that {@code status} on the workspace
 * afterwards sees a consistent past. Pages are generated A4 at 200 dpi (the capture policy's
 * minimum), a mix of grayscale JPEG and bitonal G4 as a scanner with colour detection delivers.
 *
 * <p>The steps marked <b>issue #7</b> use the core's commands and the hotfolder adapter directly;
 * the import, transfer-matching, recall and destruction-run services of issue 7 replace their bodies.
 */
final class OfficeDemo {

    private static final PageGeometry PAGES = PageGeometry.a4(200);
    private static final Actor QA = Actor.of("qa-1", "Scan-Dienstleister");
    private static final Actor SHREDDER = Actor.of("shredder-1", "Aktenvernichtung");

    private final int count;
    private final Path dir;
    private final PrintWriter out;
    private final Progress progress;
    private final DemoClock clock;
    private final IdSource ids;

    private Workspace workspace;
    private Aktenlift lift;
    private List<Barcode> files;
    private Map<Barcode, List<Barcode>> packing;
    private Barcode missing;
    /** The latest capture of each case file: what an import hands over. */
    private final Map<Barcode, CaseFileOutcome.Captured> captured = new HashMap<>();
    /** The delivery index each case file was scanned with, cut down to that case file. */
    private final Map<Barcode, ObjectNode> indexOf = new HashMap<>();

    OfficeDemo(int count, Path dir, Environment env, Progress progress) {
        this.count = count;
        this.dir = dir;
        this.out = env.out();
        this.progress = progress;
        this.ids = env.ids();
        this.clock = new DemoClock(env.clock().instant().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(8)));
    }

    int run() throws IOException {
        long t0 = System.nanoTime();
        out.printf("Aktenlift demo: %d case files, workspace %s%n", count, dir.toAbsolutePath());
        try (Workspace w = Workspace.create(dir, clock, ids, false)) {
            workspace = w;
            lift = w.lift();
            registerAndLabel();
            pack();
            pickup();
            receipt();
            prepare();
            List<Barcode> rejected = scan();
            rescan(rejected);
            qualityCheck();
            importIntoProcedure();
            transfer();
            retention();
            recall();
            destructionRun();
            lift.tracking().checkpoint();

            out.println();
            StatusReport.of(lift, clock.instant()).print(out);
            VerificationReport v = lift.tracking().verify();
            out.printf("  %-22s %10s%n", "journal", v.isIntact() ? "intact" : "BROKEN");
            out.printf("    %d events in %d streams, %d checkpoints, every hash and chain link checked%s%n",
                    v.eventsChecked(), v.streams(), v.checkpointsChecked(),
                    v.firstViolation().map(x -> ": " + x).orElse(""));
            out.printf(Locale.ROOT, "  %-22s %10.1f s%n", "took", (System.nanoTime() - t0) / 1e9);
            out.println();
            out.println("Look around: aktenlift status --dir " + dir + "   (or history <barcode>, verify, labels)");
            return v.isIntact() ? ExitCodes.OK : ExitCodes.INTEGRITY;
        }
    }

    // ---- the office -----------------------------------------------------------------------------

    private void registerAndLabel() throws IOException {
        files = lift.inventory().issueCaseFileBarcodes(Logistics.CLERK, count);
        List<Label> labels = new ArrayList<>();
        try (Progress.Task task = progress.start("register", count, "case files")) {
            for (int i = 0; i < count; i++) {
                FileReference reference = FileReference.of("AB-" + year() + "/" + (i + 1));
                // every tenth file is highly sensitive: more inspection, four-eyes review
                lift.execute(Logistics.CLERK, new RegisterCaseFile(files.get(i), reference, Logistics.subject(i),
                        i % 10 == 0 ? ProtectionLevel.HIGH : ProtectionLevel.NORMAL));
                labels.add(Label.caseFile(files.get(i), reference));
                task.advance(1);
            }
            task.done();
        }
        step("registered, labels printed to " + printLabels("case-files.pdf", labels), count);
    }

    private void pack() throws IOException {
        packing = Logistics.pack(lift, files);
        List<Label> labels = packing.keySet().stream().map(Label::box).toList();
        step("packed into sealed boxes of " + Logistics.PER_BOX + ", labels in " + printLabels("boxes.pdf", labels),
                packing.size());
    }

    private void pickup() {
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        packing.keySet().forEach(b -> seals.put(b, Logistics.seal(b)));
        lift.execute(Logistics.CLERK, new PlanPickup("PICKUP-1", today().plusDays(1), List.copyOf(packing.keySet())));
        clock.advance(Duration.ofDays(1));
        lift.execute(Logistics.CARRIER, new CollectPickup("PICKUP-1",
                new HandoverProtocol(Logistics.CLERK.id(), Logistics.CARRIER.id(), seals)));
        step("handed over to the carrier, every seal checked (PICKUP-1)", packing.size());
    }

    private void receipt() {
        clock.advance(Duration.ofHours(5));
        missing = files.get(count / 2 + 1);
        for (Map.Entry<Barcode, List<Barcode>> e : packing.entrySet()) {
            Set<Barcode> present = new HashSet<>(e.getValue());
            present.remove(missing);
            lift.execute(Logistics.SCAN, new ReceiveBox(e.getKey(), Logistics.seal(e.getKey()), present));
        }
        step("received at the scan service, one case file missing from its box", packing.size());
    }

    private void prepare() {
        clock.advance(Duration.ofHours(1));
        List<Barcode> received = inState(CaseFileState.RECEIVED);
        received.forEach(f -> lift.execute(Logistics.SCAN, new PrepareCaseFile(f)));
        step("prepared for scanning: staples out, sheets sorted", received.size());
    }

    // ---- the scan service -----------------------------------------------------------------------

    /**
     * One delivery per box; the first carries three broken pages. The scan service writes the next
     * delivery while the current one is captured. Returns the rejected case files.
     */
    private List<Barcode> scan() throws IOException {
        clock.advance(Duration.ofDays(1));
        List<List<Barcode>> boxes = new ArrayList<>();
        for (List<Barcode> box : packing.values()) {
            boxes.add(box.stream().filter(f -> !f.equals(missing)).toList());
        }
        // a truncated file, a hash that does not match, a page listed but never written
        Map<Barcode, ScanFault> faults = new LinkedHashMap<>();
        List<ScanFault> planted = List.of(ScanFault.TRUNCATED_IMAGE, ScanFault.HASH_MISMATCH, ScanFault.MISSING_PAGE);
        for (int i = 0; i < planted.size() && i + 1 < boxes.get(0).size(); i++) {
            faults.put(boxes.get(0).get(i + 1), planted.get(i));
        }
        List<Barcode> rejected = new ArrayList<>();
        int taken = 0;
        ExecutorService scanner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-scan-service");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Path> next = scanner.submit(() -> generate("D-0001", boxes.get(0), faults));
            for (int n = 0; n < boxes.size(); n++) {
                Path folder = await(next);
                if (n + 1 < boxes.size()) {
                    String id = String.format("D-%04d", n + 2);
                    List<Barcode> box = boxes.get(n + 1);
                    next = scanner.submit(() -> generate(id, box, Map.of()));
                }
                IngestReport report = take(folder);
                report.rejected().forEach(r -> rejected.add(Barcode.of(r.barcode())));
                taken += report.captured().size();
            }
        } finally {
            scanner.shutdownNow();
        }
        step("captured from " + boxes.size() + " scan deliver" + (boxes.size() == 1 ? "y" : "ies") + " ("
                + rejected.size() + " rejected, above)", taken);
        return rejected;
    }

    private static Path await(Future<Path> generated) throws IOException {
        try {
            return generated.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the scan service wrote a delivery", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("the scan service failed to write a delivery", e.getCause());
        }
    }

    private void rescan(List<Barcode> rejected) throws IOException {
        if (rejected.isEmpty()) {
            return;
        }
        clock.advance(Duration.ofHours(4));
        IngestReport report = take(generate("D-R001", rejected, Map.of()));
        step("rescanned the rejected case files, captured", report.captured().size());
    }

    /**
     * Every case file with documents drawn for visual inspection is looked at; the first one has an
     * unreadable page, fails, and that page alone is rescanned. High protection needs two reviewers.
     */
    private void qualityCheck() throws IOException {
        clock.advance(Duration.ofHours(2));
        List<Barcode> drawn = inState(CaseFileState.CAPTURED);
        int failed = 0;
        if (!drawn.isEmpty()) {
            Barcode unreadable = drawn.get(0);
            String document = indexOf.get(unreadable).get("caseFiles").get(0).get("documents").get(0)
                    .get("documentId").asText();
            lift.execute(QA, new FailQualityCheck(unreadable, List.of("UNREADABLE:" + document)));
            rescanFirstPage(unreadable, document);
            failed++;
        }
        int passed = 0;
        for (Barcode f : inState(CaseFileState.CAPTURED)) {
            lift.execute(QA, new PassQualityCheck(f, "qa-1"));
            if (lift.policies().profileFor(lift.tracking().whereIs(f).orElseThrow().protection()).fourEyes()) {
                lift.execute(QA, new PassQualityCheck(f, "qa-2"));
            }
            passed++;
        }
        step("visual QA of the drawn samples: " + failed + " failed, its page rescanned; passed", passed);
    }

    /** A rescan delivery of one page: the document's first page, scanned anew. */
    private void rescanFirstPage(Barcode caseFile, String documentId) throws IOException {
        ObjectNode index = indexOf.get(caseFile).deepCopy();
        String id = "D-Q001";
        index.put("deliveryId", id);
        ObjectNode entry = (ObjectNode) index.get("caseFiles").get(0);
        ArrayNode documents = (ArrayNode) entry.get("documents");
        for (int i = documents.size() - 1; i >= 0; i--) {
            if (!documents.get(i).get("documentId").asText().equals(documentId)) {
                documents.remove(i);
            }
        }
        ArrayNode pages = (ArrayNode) documents.get(0).get("pages");
        while (pages.size() > 1) {
            pages.remove(pages.size() - 1);
        }
        ObjectNode page = (ObjectNode) pages.get(0);
        Path folder = dir.resolve("deliveries").resolve(id);
        Path file = folder.resolve(page.get("file").asText());
        Files.createDirectories(file.getParent());
        PageFormat format = file.toString().endsWith(".tif") ? PageFormat.G4 : PageFormat.JPEG;
        WrittenImage written = ScanGenerator.withSeed(99).withGeometry(PAGES).write(format, file, 1, PageKind.LETTER);
        page.put("sha256", written.sha256());
        Json.MAPPER.writeValue(folder.resolve("index.json").toFile(), index);
        ingest(folder);
    }

    /** Writes a delivery as a scan service would, with the testkit's ScanGenerator. */
    private Path generate(String id, List<Barcode> barcodes, Map<Barcode, ScanFault> faults) throws IOException {
        DeliverySpec.Builder spec = DeliverySpec.builder().deliveryId(id).scanService("scan-service-1")
                .barcodes(barcodes.stream().map(Barcode::value).toList()).geometry(PAGES)
                .formats(DeliverySpec.Formats.MIXED).documentsPerFile(1, 3).sheetsPerDocument(1, 2)
                .seed(id.hashCode()).clock(clock);
        faults.forEach((f, fault) -> spec.fault(fault, f.value(), 1));
        Path folder = dir.resolve("deliveries").resolve(id);
        ScanGenerator.writeDelivery(folder, spec.build());
        return folder;
    }

    /** Remembers what each case file came with, ingests the delivery, and removes its folder. */
    private IngestReport take(Path folder) throws IOException {
        JsonNode index = Json.MAPPER.readTree(folder.resolve("index.json").toFile());
        for (JsonNode entry : index.get("caseFiles")) {
            ObjectNode own = index.deepCopy();
            own.putArray("caseFiles").add(entry.deepCopy());
            indexOf.put(Barcode.of(entry.get("barcode").asText()), own);
        }
        return ingest(folder);
    }

    private IngestReport ingest(Path folder) throws IOException {
        IngestReport report = Ingests.ingest(lift, Logistics.SCAN, folder, progress);
        report.captured().forEach(c -> captured.put(Barcode.of(c.barcode()), c));
        Ingests.print(out, report, "    ");
        Workspace.deleteTree(folder); // what is taken is in the storage now, hashed and rendered
        return report;
    }

    // ---- issue #7: import, transfer, retention, recall, destruction -----------------------------

    /**
     * <b>Issue #7</b> replaces this body with its import service. Until then the demo hands each
     * verified case file to the hotfolder itself — renditions and scan protocol, hashes checked on
     * the way — lets the specialist procedure's side answer (one e-file is locked and refused), and
     * records the acknowledgements: confirmed, or rejected and retried.
     */
    private void importIntoProcedure() throws IOException {
        clock.advance(Duration.ofDays(1));
        SpecialistProcedure procedure = workspace.procedure();
        HotfolderFarSide farSide = new HotfolderFarSide(dir.resolve(Workspace.HOTFOLDER), clock);
        List<Barcode> verified = inState(CaseFileState.VERIFIED);
        Map<Barcode, String> keys = new LinkedHashMap<>();
        try (Progress.Task task = progress.start("hand over to the hotfolder", verified.size(), "case files")) {
            for (Barcode f : verified) {
                keys.put(f, handOver(procedure, f, 1));
                task.advance(1);
            }
            task.done();
        }
        Set<String> locked = verified.isEmpty() ? Set.of() : Set.of(keys.get(verified.get(verified.size() / 3)));
        farSide.answer(locked);
        List<Barcode> refused = new ArrayList<>();
        for (Map.Entry<Barcode, String> e : keys.entrySet()) {
            if (!settle(procedure, e.getKey(), e.getValue())) {
                refused.add(e.getKey());
            }
        }
        clock.advance(Duration.ofHours(2));
        for (Barcode f : refused) {
            lift.execute(Logistics.CLERK, new RetryImport(f));
            keys.put(f, handOver(procedure, f, 2));
        }
        farSide.answer(Set.of());
        for (Barcode f : refused) {
            if (!settle(procedure, f, keys.get(f))) {
                throw new IllegalStateException("the procedure refused the retried import of " + f);
            }
        }
        step("imported into the e-files via the hotfolder (" + refused.size() + " refused as locked, retried)",
                verified.size());
    }

    /** Hands one case file's renditions and scan protocol over; returns the import's key. */
    private String handOver(SpecialistProcedure procedure, Barcode f, int attempt) throws IOException {
        String reference = lift.tracking().whereIs(f).orElseThrow().reference().value();
        Subject s = lift.subject(f).orElseThrow();
        // idempotent by key: the retry finds the e-file the first attempt created
        EFile eFile = procedure.createEFile(new EFileRequest("efile-" + f.value(), reference,
                new SubjectQuery(s.surname(), s.givenNames(), s.dateOfBirth(), s.azrNumber())));
        CaseFileOutcome.Captured c = captured.get(f);
        ContentStore content = workspace.storage().content();
        JsonNode protocol;
        try (InputStream in = content.get(c.protocolJson())) {
            protocol = Json.MAPPER.readTree(in);
        }
        Map<String, String> types = new HashMap<>();
        protocol.get("documents").forEach(d -> types.put(d.get("documentId").asText(), d.get("type").asText()));
        List<PackageItem> documents = c.renditions().stream().map(r -> new PackageItem(
                r.documentId().equals("*") ? "case-file.pdf" : r.documentId() + ".pdf",
                types.getOrDefault(r.documentId(), "CASE_FILE"), "application/pdf", r.size(), r.sha256(),
                () -> content.get(r.key()))).toList();
        ContentInfo p = content.head(c.protocolJson()).orElseThrow();
        PackageItem scanProtocol = new PackageItem("scan-protocol.json", "SCAN_PROTOCOL", "application/json", p.size(),
                p.sha256(), () -> content.get(c.protocolJson()));
        String key = "import-" + f.value() + "-" + attempt;
        procedure.importPackage(new ImportPackage(key, eFile.id(), reference, documents, scanProtocol,
                Map.of("barcode", f.value(), "delivery", protocol.get("deliveryId").asText())));
        return key;
    }

    /** Records the procedure's answer; returns whether it accepted. */
    private boolean settle(SpecialistProcedure procedure, Barcode f, String key) {
        ImportOutcome outcome = procedure.status(key);
        if (outcome instanceof ImportOutcome.Accepted a) {
            lift.execute(Logistics.CLERK, new ConfirmImport(f, a.eFileId(), a.receiptId()));
            return true;
        }
        if (outcome instanceof ImportOutcome.Rejected r) {
            lift.execute(Logistics.CLERK, new RejectImport(f, r.reasonCode()));
            return false;
        }
        throw new IllegalStateException("the procedure left import " + key + " unanswered");
    }

    /**
     * <b>Issue #7</b> adds matching the transfer to the person's existing e-file. Until then the
     * paper file from another authority is registered with its origin and labelled.
     */
    private void transfer() throws IOException {
        Barcode t = lift.inventory().issueCaseFileBarcodes(Logistics.CLERK, 1).get(0);
        FileReference reference = FileReference.of("AB-" + year() + "/T-1");
        lift.execute(Logistics.CLERK, new RegisterTransfer(t, reference, Logistics.subject(count + 1),
                ProtectionLevel.NORMAL, "Stadt Musterstadt, Ausländerbehörde", today()));
        step("transfer from another authority registered, label in "
                + printLabels("transfer.pdf", List.of(Label.caseFile(t, reference))), 1);
    }

    /**
     * <b>Issue #7</b> may fold this into its services. The paper of every imported case file is
     * kept for the retention period; originals marked for return go back to their owners first;
     * one file gets a hold (an open objection), which blocks its destruction.
     */
    private void retention() {
        List<Barcode> imported = inState(CaseFileState.IMPORTED);
        int returned = 0;
        for (Barcode f : imported) {
            List<String> originals = new ArrayList<>();
            indexOf.get(f).get("caseFiles").get(0).get("documents").forEach(d -> {
                if (d.get("originalToReturn").asBoolean()) {
                    originals.add(d.get("documentId").asText());
                }
            });
            if (!originals.isEmpty()) {
                lift.execute(Logistics.CLERK, new ReturnOriginals(f, originals));
                returned++;
            }
            lift.execute(Logistics.CLERK, new RetainPaper(f));
        }
        if (!imported.isEmpty()) {
            lift.execute(Logistics.CLERK, new PlaceHold(imported.get(0), HoldReason.OPEN_OBJECTION));
        }
        step("paper retained (" + returned + " with originals returned first, 1 on hold)", imported.size());
    }

    /** <b>Issue #7</b> replaces this body with its recall service: the office needs a paper file back, now. */
    private void recall() {
        List<Barcode> retained = inState(CaseFileState.RETAINED);
        if (retained.size() < 2) {
            return;
        }
        clock.advance(Duration.ofDays(2));
        Barcode wanted = retained.get(1); // the first one is on hold
        lift.execute(Logistics.CLERK, new RequestRecall(wanted, RecallMode.PAPER_BACK));
        clock.advance(Duration.ofHours(3));
        lift.execute(Logistics.CARRIER, new ServeRecall(wanted));
        step("urgent recall: paper back at the office within 3 hours", 1);
    }

    /** <b>Issue #7</b> replaces this body with its destruction run (DIN 66399, one certificate per run). */
    private void destructionRun() {
        clock.advance(Duration.ofDays(91));
        List<Barcode> due = lift.tracking().dueForDestruction();
        String certificate = "VN-" + today() + "-1";
        try (Progress.Task task = progress.start("destroy", due.size(), "case files")) {
            for (Barcode f : due) {
                lift.execute(SHREDDER, new DestroyPaper(f, certificate));
                task.advance(1);
            }
            task.done();
        }
        step("destroyed after 90 days' retention, certificate " + certificate, due.size());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private List<Barcode> inState(CaseFileState state) {
        List<Barcode> out = new ArrayList<>();
        for (Barcode f : files) {
            if (lift.tracking().whereIs(f).orElseThrow().state() == state) {
                out.add(f);
            }
        }
        return out;
    }

    private String printLabels(String name, List<Label> labels) throws IOException {
        Path pdf = dir.resolve("labels").resolve(name);
        Files.createDirectories(pdf.getParent());
        try (OutputStream o = Files.newOutputStream(pdf)) {
            LabelSheet.write(labels, clock.instant(), o);
        }
        return dir.relativize(pdf).toString();
    }

    private void step(String what, int n) {
        out.printf("  %-76s %6d%n", what, n);
        out.flush();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private int year() {
        return today().getYear();
    }

    /** Simulated time: months of operation in seconds. */
    static final class DemoClock extends Clock {
        private volatile Instant now;

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
            throw new UnsupportedOperationException("the demo's clock runs in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
