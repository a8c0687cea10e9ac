package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.Command;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.OutboxNotifier;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.intake.DigitalTransferStatus;
import io.github.aktenlift.inventory.Label;
import io.github.aktenlift.inventory.LabelSheet;
import io.github.aktenlift.logistics.BoxSuggestion;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageFormat;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import io.github.aktenlift.testkit.WrittenImage;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.VerificationReport;
import io.github.aktenlift.tracking.WhereIs;
import io.github.aktenlift.tracking.WorkItem;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The office scenario end to end on a new workspace, one method per step: registration with
 * labels, packing, pickup, goods receipt with a file missing, preparation, scan deliveries with
 * deliberate faults and their rescan, visual quality check with a failure and its rescan, import
 * into the specialist procedure's hotfolder with acknowledgements (one refused, corrected and
 * retried), retention with a hold and returned originals; then ongoing operation: transfers from
 * other authorities matched to the e-files (a transliterated name, a new person, a conflict a
 * clerk decides), collected when the pickup planner says so, a scan-on-demand recall served first,
 * and a destruction run with its list as CSV and PDF/A. It ends with the status table and a
 * verification of the journal.
 *
 * <p>Time is simulated: the demo starts 100 days before the environment's clock and moves through
 * months of operation in seconds, ending before "now", so that {@code status} on the workspace
 * afterwards sees a consistent past. Pages are generated A4 at 200 dpi (the capture policy's
 * minimum), a mix of grayscale JPEG and bitonal G4 as a scanner with colour detection delivers.
 *
 * <p>Everything goes through Aktenlift's public API, as an integrator would use it: commands,
 * {@code imports()}, {@code pickupPlanner()}, {@code notifications()}, {@code destruction()}. Only
 * the scan service (the testkit's ScanGenerator) and the specialist procedure's side of the
 * hotfolder ({@link HotfolderFarSide}) are simulated.
 */
final class OfficeDemo {

    private static final PageGeometry PAGES = PageGeometry.a4(200);
    private static final Actor QA = Actor.of("qa-1", "Scan-Dienstleister");
    private static final Actor SHREDDER = Actor.of("shredder-1", "Aktenvernichtung");
    /** The office as an xdomea partner names it. */
    private static final io.github.aktenlift.adapters.xdomea.message.Party OFFICE =
            io.github.aktenlift.adapters.xdomea.message.Party.institution("Stadt Musterstadt, Ausländerbehörde");
    /** The system account imports run under. */
    private static final Actor SYSTEM = Actor.of("import-1", "Ausländerbehörde");

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
    /** The transfers from other authorities, in the order they arrived. */
    private final List<Barcode> transfers = new ArrayList<>();
    /** The retained case file with a hold, which the destruction run must exclude. */
    private Barcode onHold;
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
        // high-protection case files are sealed with a generated test key and timestamped by an
        // in-process RFC 3161 authority; the workspace keeps the key's settings for later commands
        DemoSealing sealing = DemoSealing.start(clock);
        try (sealing; Workspace w = Workspace.create(dir, clock, ids, false, sealing.sealer(), sealing.policies())) {
            sealing.writeSettings(dir);
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
            retention(inState(CaseFileState.IMPORTED), true);
            transfers();
            digitalTransfer();
            destructionRun();
            notificationsSummary();
            lift.tracking().checkpoint();

            out.println();
            StatusReport.of(lift, clock.instant()).print(out);
            VerificationReport v = lift.tracking().verify();
            out.printf("  %-22s %10s%n", "journal", v.isIntact() ? "intact" : "BROKEN");
            out.printf("    %d events in %d streams, %d checkpoints, every hash and chain link checked%s%n",
                    v.eventsChecked(), v.streams(), v.checkpointsChecked(),
                    v.firstViolation().map(x -> ": " + x).orElse(""));
            out.printf("    %d checkpoint timestamps (RFC 3161) checked against their checkpoints%n", v.timestampsChecked());
            DeepVerificationReport deep = lift.tracking().verifyDeep();
            long sealedOk = deep.seals().stream().filter(EvidenceReport::passed).count();
            out.printf("  %-22s %10s%n", "deep verification", deep.isIntact() ? "intact" : "BROKEN");
            out.printf("    %d stored objects re-read and hashed; %d sealed objects (high protection) checked: %d seals and"
                    + " timestamps intact and trusted%n", deep.objectsChecked(), deep.sealsChecked(), sealedOk);
            deep.problems().forEach(p -> out.println("    " + p));
            out.printf(Locale.ROOT, "  %-22s %10.1f s%n", "took", (System.nanoTime() - t0) / 1e9);
            out.println();
            out.println("Look around: aktenlift status --dir " + dir + "   (or history <barcode>, verify --deep, labels)");
            return v.isIntact() && deep.isIntact() ? ExitCodes.OK : ExitCodes.INTEGRITY;
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
        int passed = passAll(inState(CaseFileState.CAPTURED));
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
        Ingests.print(out, report, "    ");
        Workspace.deleteTree(folder); // what is taken is in the storage now, hashed and rendered
        return report;
    }

    // ---- the e-file and ongoing operation: import, retention, transfers, recall, destruction ---

    /**
     * Imports every verified case file with {@code lift.imports()} into the specialist procedure's
     * hotfolder, and plays the procedure's side with {@link HotfolderFarSide}. The procedure answers
     * when it gets round to it: the first poll finds every import pending, a later one (the clock
     * moved on by the backoff) the answers. A clerk has one e-file open, so that import is refused;
     * the office is notified, the clerk closes the e-file, and the retry goes in once.
     */
    private void importIntoProcedure() throws IOException {
        clock.advance(Duration.ofDays(1));
        List<WorkItem> verified = lift.tracking().workList(CaseFileState.VERIFIED);
        List<ImportResult> handedOver = new ArrayList<>();
        try (Progress.Task task = progress.start("import", verified.size(), "case files")) {
            for (WorkItem w : verified) {
                handedOver.add(lift.imports().importCaseFile(SYSTEM, w.barcode()));
                task.advance(1);
            }
            task.done();
        }
        ImportReport first = expectOnly(new ImportReport(handedOver), ImportResult.Pending.class);
        step("handed over to the specialist procedure's hotfolder, pending", first.pending().size());
        pollLater(first);
        ImportReport early = expectOnly(lift.imports().poll(SYSTEM), ImportResult.Pending.class);
        step("polled: no answer yet, next poll after a doubled interval", early.pending().size());

        HotfolderFarSide farSide = farSide();
        Barcode locked = verified.get(verified.size() / 3).barcode();
        HotfolderFarSide.Answers answers = farSide.answer(Set.of(locked.value()));
        pollLater(early);
        ImportReport answered = expectNo(lift.imports().poll(SYSTEM), ImportResult.Failed.class);
        step("acknowledged by the procedure (" + answers.accepted() + " receipts), imported",
                answered.imported().size());
        for (ImportResult.Rejected r : answered.rejected()) {
            step("refused, e-file open in the procedure: " + r.barcode() + " " + r.reasonCode() + ", office notified", 1);
        }

        clock.advance(Duration.ofHours(2)); // the clerk closed the e-file
        answered.rejected().forEach(r -> lift.execute(Logistics.CLERK, new RetryImport(r.barcode())));
        ImportReport retried = expectOnly(lift.imports().importReady(SYSTEM), ImportResult.Pending.class);
        farSide.answer(Set.of());
        pollLater(retried);
        ImportReport second = expectOnly(lift.imports().poll(SYSTEM), ImportResult.Imported.class);
        step("corrected and retried: imported once", second.imported().size());
    }

    /**
     * Paper of every imported case file is kept for the retention period; originals marked for
     * return go back to their owners first. The first file of the bulk gets a hold (an open
     * objection), which keeps it off the destruction list.
     */
    private void retention(List<Barcode> imported, boolean hold) {
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
        if (hold && !imported.isEmpty()) {
            onHold = imported.get(0);
            lift.execute(Logistics.CLERK, new PlaceHold(onHold, HoldReason.OPEN_OBJECTION));
        }
        step("paper retained" + (returned > 0 ? " (" + returned + " with originals returned first)" : "")
                + (hold ? ", 1 on hold" : ""), imported.size());
    }

    /**
     * Ongoing operation: paper files arrive from other authorities. One is a person of the bulk
     * project whose name the sender spelt transliterated (Mueller for Müller) and without AZR
     * number; one is a person new to the office; one carries one person's AZR number with another
     * person's name and date of birth. The pickup planner waits for more files, until the office
     * needs the new person's file at once (a scan-on-demand recall): then the pickup is due the same
     * day, the recalled file first. Matching appends the first to the person's e-file, creates one
     * for the second, and holds the third until a clerk decides.
     */
    private void transfers() throws IOException {
        morning(2);
        String origin = "Stadt Musterstadt, Ausländerbehörde";
        int known = retainedPerson(2);
        int azrOf = retainedPerson(known + 1);
        int nameOf = retainedPerson(azrOf + 1);
        Subject s = Logistics.subject(known);
        Subject variant = new Subject(transliterate(s.surname()), transliterate(s.givenNames()), s.dateOfBirth(),
                s.nationality(), null);
        Subject newcomer = new Subject("Nguyễn", "Thị Lan", LocalDate.of(2003, 5, 17), "VNM", "200000000001");
        Subject n = Logistics.subject(nameOf);
        Subject mixed = new Subject(n.surname(), n.givenNames(), n.dateOfBirth(), n.nationality(),
                Logistics.subject(azrOf).azrNumber());

        List<Barcode> arrived = lift.inventory().issueCaseFileBarcodes(Logistics.CLERK, 3);
        List<Label> labels = new ArrayList<>();
        registerTransfer(arrived.get(0), 1, variant, origin, labels);
        PickupProposal waitFor = lift.pickupPlanner().propose();
        morning(2);
        registerTransfer(arrived.get(1), 2, newcomer, "Landkreis Beispielkreis, Ausländerbehörde", labels);
        registerTransfer(arrived.get(2), 3, mixed, origin, labels);
        transfers.addAll(arrived);
        step("transfers from other authorities registered (" + printLabels("transfers.pdf", labels) + ")",
                arrived.size());
        if (waitFor instanceof PickupProposal.NotDue notDue) {
            step("pickup planner, first arrival: not due (" + notDue.reason() + ") before "
                    + notDue.dueBy().map(OfficeDemo::day).orElse("-"), notDue.waiting().size());
        }

        // the newcomer is at the counter: the office needs the file scanned today
        morning(1);
        Barcode recalled = arrived.get(1);
        Instant requested = clock.instant();
        lift.execute(Logistics.CLERK, new RequestRecall(recalled, RecallMode.SCAN_ON_DEMAND));
        List<Notification> raised = lift.notifications().raiseDue();
        PickupProposal proposal = lift.pickupPlanner().propose();
        if (!(proposal instanceof PickupProposal.Due due)) {
            throw new IllegalStateException("the planner saw no pickup due for a recall: " + proposal);
        }
        step("recall, scan on demand: " + recalled + " is needed at the counter", 1);
        int at = position(due.waiting(), recalled);
        step("pickup planner: due " + due.date() + " " + due.triggers() + ", recalled file "
                + (at == 0 ? "first" : "#" + (at + 1)), due.waiting().size());
        step("morning check: notifications raised " + raised.stream().map(x -> x.type().name()).sorted().toList(),
                raised.size());
        Map<Barcode, List<Barcode>> boxes = collect(due);

        clock.advance(Duration.ofHours(2));
        for (Map.Entry<Barcode, List<Barcode>> e : boxes.entrySet()) {
            lift.execute(Logistics.SCAN, new ReceiveBox(e.getKey(), Logistics.seal(e.getKey()), Set.copyOf(e.getValue())));
        }
        List<Barcode> order = due.waiting().stream().map(WorkItem::barcode).toList();
        order.forEach(f -> lift.execute(Logistics.SCAN, new PrepareCaseFile(f)));
        clock.advance(Duration.ofHours(1));
        IngestReport report = take(generate("D-T001", order, Map.of()));
        step("received, scanned and captured, recalled file first", report.captured().size());
        step("visual QA of the drawn samples: passed", passAll(order.stream()
                .filter(f -> lift.tracking().whereIs(f).orElseThrow().state() == CaseFileState.CAPTURED).toList()));

        ImportReport run = expectNo(lift.imports().importReady(SYSTEM), ImportResult.Failed.class);
        step("import: recalled file handed over first (" + run.results().get(0).barcode() + "), pending",
                run.pending().size());
        if (!run.results().get(0).barcode().equals(recalled)) {
            throw new IllegalStateException("the recalled file was not imported first");
        }
        for (ImportResult.Held held : lift.imports().held()) {
            step("held, never guessed: " + held.barcode() + " " + held.reasons() + ", office notified", 1);
            // the clerk checks the AZR register: the number is right, the sender mixed up the person
            String byAzr = eFileOf(files.get(azrOf));
            lift.execute(Logistics.CLERK, DecideMatch.appendTo(held.barcode(), Logistics.CLERK.id(), byAzr));
            step("  a clerk decided: the AZR number's e-file, of " + held.candidateEFileIds().size() + " candidates", 1);
        }
        ImportReport decided = expectOnly(lift.imports().importReady(SYSTEM), ImportResult.Pending.class);
        farSide().answer(Set.of());
        pollLater(run);
        pollLater(decided);
        ImportReport done = expectOnly(lift.imports().poll(SYSTEM), ImportResult.Imported.class);
        step("acknowledged by the procedure, imported", done.imported().size());
        transferImported(arrived.get(0), "into the e-file of " + files.get(known) + ", name transliterated",
                eFileOf(files.get(known)));
        transferImported(arrived.get(1), "into a new e-file, no match", null);
        transferImported(arrived.get(2), "into the e-file of " + files.get(azrOf) + ", as decided",
                eFileOf(files.get(azrOf)));
        WhereIs r = lift.tracking().whereIs(recalled).orElseThrow();
        step("recall served on import after " + Duration.between(requested, r.since()).toHours() + " h (SLA "
                + lift.policies().sla().recall().get(RecallMode.SCAN_ON_DEMAND).toHours() + " h)", 1);
        retention(arrived, false);
    }

    /**
     * A person's file arrives digitally: a neighbouring authority (scanned with an Aktenlift of its
     * own, simulated in memory) sends it as an xdomea 0401 with the person as {@code Kontakt} and the
     * PDF/A documents; the office takes it in with the same glue as {@code receive} — every check of
     * the message, registration without paper, matching like a paper transfer — imports it through
     * the hotfolder, and answers the sender with a 0402.
     */
    private void digitalTransfer() throws IOException {
        morning(1);
        Subject person = new Subject("Haddad", "Rana", LocalDate.of(1994, 8, 30), "SYR", null);
        Path zip = NeighbourAuthority.sendFile(dir.resolve("xdomea").resolve("inbox"), dir.resolve("deliveries"), clock,
                person, "LK-BSP 4711/" + (year() - 2), OFFICE);
        step("a file arrives digitally: xdomea 0401 from a neighbouring authority", 1);
        XdomeaIntake.Taken taken = XdomeaIntake.takeIn(lift, Logistics.CLERK, zip, "AB-" + year() + "/X-1",
                ProtectionLevel.NORMAL, clock, dir.resolve(XdomeaIntake.CARDS));
        Barcode f = taken.status().barcode();
        transfers.add(f);
        step("  checked, taken in without paper as " + f + " (PDF/A documents)", taken.documents());
        expectOnly(new ImportReport(List.of(lift.imports().importCaseFile(SYSTEM, f))), ImportResult.Pending.class);
        clock.advance(Duration.ofMinutes(30));
        farSide().answer(Set.of());
        ImportResult r = lift.imports().importCaseFile(SYSTEM, f);
        if (!(r instanceof ImportResult.Imported imported)) {
            throw unexpected(r);
        }
        step("  matched like a paper transfer (person new: new e-file), imported", 1);
        List<XdomeaAnswers.Answer> answered = XdomeaAnswers.answerDue(lift, Logistics.CLERK,
                dir.resolve(XdomeaIntake.CARDS), dir.resolve(XdomeaIntake.ANSWERS), clock);
        if (answered.size() != 1 || answered.get(0).status().outcome() != DigitalTransferStatus.Outcome.IMPORTED
                || !imported.eFileId().equals(answered.get(0).status().eFileId())) {
            throw new IllegalStateException("the sender was not answered: " + answered);
        }
        step("  sender answered: 0402 in " + dir.relativize(answered.get(0).file().getParent()) + "/", 1);
    }

    /** Prints where a transfer went, and checks it: the expected e-file, or one no bulk file went to. */
    private void transferImported(Barcode t, String where, String expected) {
        String eFile = eFileOf(t);
        boolean right = expected != null ? eFile.equals(expected)
                : files.stream().filter(f -> lift.tracking().whereIs(f).orElseThrow().state() != CaseFileState.MISSING)
                        .noneMatch(f -> eFile.equals(eFileOf(f)));
        if (!right) {
            throw new IllegalStateException("transfer " + t + " went into e-file " + eFile + ", not " + where);
        }
        step("  " + t + " " + where, 1);
    }

    private void registerTransfer(Barcode f, int n, Subject subject, String origin, List<Label> labels) {
        FileReference reference = FileReference.of("AB-" + year() + "/T-" + n);
        lift.execute(Logistics.CLERK, new RegisterTransfer(f, reference, subject, ProtectionLevel.NORMAL, origin,
                today()));
        labels.add(Label.caseFile(f, reference));
    }

    /** Packs as the planner proposes, plans the pickup, and hands the boxes to the carrier; returns the boxes. */
    private Map<Barcode, List<Barcode>> collect(PickupProposal.Due due) throws IOException {
        List<Barcode> newBoxes = lift.inventory().issueBoxBarcodes(Logistics.CLERK, due.newBoxes());
        Map<Barcode, SealNumber> seals = new LinkedHashMap<>();
        newBoxes.forEach(b -> seals.put(b, Logistics.seal(b)));
        for (Command c : due.commands("PICKUP-2", newBoxes, seals)) {
            lift.execute(Logistics.CLERK, c);
        }
        Map<Barcode, List<Barcode>> boxes = new LinkedHashMap<>();
        int label = 0;
        for (BoxSuggestion s : due.boxes()) {
            Barcode box = s.box().orElse(newBoxes.get(label++));
            List<Barcode> content = new ArrayList<>(s.packed());
            content.addAll(s.toPack());
            boxes.put(box, content);
            seals.put(box, Logistics.seal(box));
        }
        clock.advance(Duration.ofHours(1));
        lift.execute(Logistics.CARRIER, new CollectPickup("PICKUP-2",
                new HandoverProtocol(Logistics.CLERK.id(), Logistics.CARRIER.id(), seals)));
        step("packed as proposed (" + printLabels("transfer-boxes.pdf", boxes.keySet().stream().map(Label::box)
                .toList()) + "), picked up", boxes.size());
        return boxes;
    }

    /**
     * The destruction run (DIN 66399): 91 days after the bulk import, the list of the files due is
     * drawn up and written as CSV and PDF/A for the destruction service; the file on hold is
     * excluded and shown. The service confirms with its certificate number, and the confirmed list
     * is written again.
     */
    private void destructionRun() throws IOException {
        morning(86);
        List<Notification> raised = lift.notifications().raiseDue();
        step("morning check: notifications raised " + raised.stream().map(x -> x.type().name()).sorted().toList(),
                raised.size());
        DestructionList list = lift.destruction().prepare(Logistics.CLERK);
        step("destruction list " + write(list, "list") + ": due", list.entries().size());
        for (DestructionList.Exclusion x : list.excluded()) {
            step("  excluded: " + x.barcode() + " " + x.reasons(), 1);
        }
        step("  still within retention", list.notYetDue());
        clock.advance(Duration.ofDays(1));
        String certificate = "VN-" + today() + "-1";
        DestructionList confirmed = lift.destruction().confirm(SHREDDER, list.id(), certificate);
        DestructionList.Confirmation c = confirmed.confirmation().orElseThrow();
        step("destroyed (DIN 66399), certificate " + certificate, c.destroyed().size());
        step("  confirmed list: " + write(confirmed, "confirmed") + ", skipped", c.skipped().size());
    }

    /** Writes a destruction list as CSV and PDF/A into {@code destruction/}; returns the names. */
    private String write(DestructionList list, String name) throws IOException {
        Path folder = dir.resolve("destruction");
        Files.createDirectories(folder);
        try (Writer w = Files.newBufferedWriter(folder.resolve(name + ".csv"), StandardCharsets.UTF_8)) {
            list.writeCsv(w);
        }
        try (OutputStream o = Files.newOutputStream(folder.resolve(name + ".pdf"))) {
            list.writePdf(o);
        }
        return "destruction/" + name + ".csv and .pdf";
    }

    /** What the notifier wrote to {@code outbox/}, by type. */
    private void notificationsSummary() throws IOException {
        Map<String, Integer> byType = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve(Workspace.OUTBOX))) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                byType.merge(OutboxNotifier.parse(Files.readAllBytes(p)).type().name(), 1, Integer::sum);
            }
        }
        step("notifications delivered to " + Workspace.OUTBOX + "/", byType.values().stream().mapToInt(i -> i).sum());
        out.println("    " + byType);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Moves the clock on to when the latest of the report's pending imports is polled next. */
    private void pollLater(ImportReport report) {
        report.pending().stream().map(ImportResult.Pending::nextPollAt).max(Instant::compareTo)
                .filter(at -> at.isAfter(clock.instant())).ifPresent(clock::advanceTo);
    }

    /** Fails the demo, naming the case file and what happened, unless every result is of the type. */
    private static ImportReport expectOnly(ImportReport report, Class<? extends ImportResult> type) {
        for (ImportResult r : report.results()) {
            if (!type.isInstance(r)) {
                throw unexpected(r);
            }
        }
        return report;
    }

    /** Fails the demo, naming the case file and what happened, if a result is of the type. */
    private static ImportReport expectNo(ImportReport report, Class<? extends ImportResult> type) {
        for (ImportResult r : report.results()) {
            if (type.isInstance(r)) {
                throw unexpected(r);
            }
        }
        return report;
    }

    private static IllegalStateException unexpected(ImportResult r) {
        return r instanceof ImportResult.Failed f
                ? new IllegalStateException("the import of " + f.barcode() + " failed", f.error())
                : new IllegalStateException("unexpected import result " + r);
    }

    private HotfolderFarSide farSide() {
        return new HotfolderFarSide(dir.resolve(Workspace.HOTFOLDER), clock);
    }

    /** The e-file a case file's import was confirmed into, from its history. */
    private String eFileOf(Barcode f) {
        String eFile = null;
        for (JournalEvent e : lift.tracking().history(f)) {
            if (e.kind() == EventKind.IMPORT_CONFIRMED) {
                eFile = e.get("eFile");
            }
        }
        if (eFile == null) {
            throw new IllegalStateException("case file " + f + " has no confirmed import");
        }
        return eFile;
    }

    /** The first person of the bulk, from {@code from} on, whose file was imported and is retained without hold. */
    private int retainedPerson(int from) {
        for (int i = from; i < files.size(); i++) {
            Barcode f = files.get(i);
            if (!f.equals(onHold) && lift.tracking().whereIs(f).orElseThrow().state() == CaseFileState.RETAINED) {
                return i;
            }
        }
        throw new IllegalStateException("too few retained case files for the transfers");
    }

    private static int position(List<WorkItem> items, Barcode f) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).barcode().equals(f)) {
                return i;
            }
        }
        return -1;
    }

    /** How another authority's software spells German names: umlauts and ß transliterated. */
    private static String transliterate(String name) {
        return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae").replace("Ö", "Oe")
                .replace("Ü", "Ue").replace("ß", "ss");
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** Passes visual QA for each case file, with a second reviewer where its protection asks for four eyes. */
    private int passAll(List<Barcode> captured) {
        for (Barcode f : captured) {
            lift.execute(QA, new PassQualityCheck(f, "qa-1"));
            if (lift.policies().profileFor(lift.tracking().whereIs(f).orElseThrow().protection()).fourEyes()) {
                lift.execute(QA, new PassQualityCheck(f, "qa-2"));
            }
        }
        return captured.size();
    }

    /** Moves the clock to 08:00 on the day {@code days} after today. */
    private void morning(int days) {
        clock.advanceTo(today().plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(8)));
    }

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

        void advanceTo(Instant later) {
            if (later.isBefore(now)) {
                throw new IllegalArgumentException("the demo's clock does not run backwards");
            }
            now = later;
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
