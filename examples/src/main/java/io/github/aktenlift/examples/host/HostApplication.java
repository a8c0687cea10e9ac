package io.github.aktenlift.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.spi.procedure.EFile;
import io.github.aktenlift.spi.procedure.EFileRequest;
import io.github.aktenlift.spi.procedure.ImportOutcome;
import io.github.aktenlift.spi.procedure.ImportPackage;
import io.github.aktenlift.spi.procedure.PackageItem;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.procedure.SubjectQuery;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A host application with Aktenlift embedded: the office's case software decides what is scanned,
 * Aktenlift tracks the paper and captures the scans, and the scanned documents come back into the
 * case software's e-files through the custom {@link CaseSoftwareProcedure} adapter.
 *
 * <pre>{@code
 * CaseSoftware cases = new CaseSoftware(clock);
 * try (HostApplication host = new HostApplication(cases, storage, clock)) {
 *     Barcode label = host.registerPaperFile(clerk, "AB-2026/4711", person);   // print it, stick it on
 *     // ... pickup, scanning, capture and QA run in Aktenlift (host.aktenlift()) ...
 *     host.handOverVerified(clerk);        // scanned documents into the case software's inbox
 *     // ... a clerk files or refuses them in the case software ...
 *     host.collectDecisions(clerk);        // receipts recorded in the tracking journal
 * }
 * }</pre>
 *
 * <p>The hand-over is written out here because the core has no import service yet; issue 7 brings
 * one, and then {@link #handOverVerified} and {@link #collectDecisions} shrink to calls of it. The
 * adapter stays as it is.
 *
 * @since 0.1
 */
public final class HostApplication implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaseSoftware cases;
    private final SpecialistProcedure procedure;
    private final Storage storage;
    private final Aktenlift lift;
    /** Imports handed over and not yet decided, by case file: the import's idempotency key. */
    private final Map<Barcode, String> pending = new LinkedHashMap<>();
    private final Map<Barcode, Integer> attempts = new LinkedHashMap<>();

    /**
     * Starts Aktenlift inside the host, on the host's storage.
     *
     * @param cases the host's case software
     * @param storage where Aktenlift keeps its journal and scans; the caller closes it
     * @param clock the host's clock
     */
    public HostApplication(CaseSoftware cases, Storage storage, Clock clock) {
        this.cases = Objects.requireNonNull(cases, "cases");
        this.procedure = new CaseSoftwareProcedure(cases);
        this.storage = Objects.requireNonNull(storage, "storage");
        this.lift = Aktenlift.builder().storage(storage).clock(clock).build();
    }

    /** @return the embedded Aktenlift, for everything between registration and import */
    public Aktenlift aktenlift() {
        return lift;
    }

    /** @return the case software as Aktenlift sees it */
    public SpecialistProcedure procedure() {
        return procedure;
    }

    /**
     * A clerk marks a paper file for scanning: Aktenlift issues its barcode and starts tracking it.
     * The person's data goes to Aktenlift's subject register, never into its journal.
     *
     * @param clerk who registers it
     * @param reference the file number of the paper file (and of its e-file)
     * @param person whom it concerns
     * @return the barcode to print on the label
     */
    public synchronized Barcode registerPaperFile(Actor clerk, String reference, CaseSoftware.Person person) {
        Barcode barcode = lift.inventory().issueCaseFileBarcodes(clerk, 1).get(0);
        lift.execute(clerk, new RegisterCaseFile(barcode, FileReference.of(reference),
                new Subject(person.surname(), person.givenNames(), person.dateOfBirth(), null, person.azrNumber()),
                ProtectionLevel.NORMAL));
        return barcode;
    }

    /**
     * Hands every verified case file's renditions and scan protocol to the case software, into the
     * e-file kept under its file number (opened if there is none), and retries imports a clerk
     * refused once they are corrected. Repeating it hands nothing over twice.
     *
     * @param clerk who hands over (recorded for retries)
     * @return how many case files were handed over now
     */
    public synchronized int handOverVerified(Actor clerk) {
        int n = 0;
        for (Barcode f : lift.tracking().caseFiles()) {
            CaseFileState state = lift.tracking().whereIs(f).orElseThrow().state();
            if (state == CaseFileState.IMPORT_REJECTED) {
                lift.execute(clerk, new RetryImport(f));
                pending.remove(f);
                state = CaseFileState.VERIFIED;
            }
            if (state != CaseFileState.VERIFIED || pending.containsKey(f)) {
                continue;
            }
            int attempt = attempts.merge(f, 1, Integer::sum);
            String key = "import-" + f.value() + "-" + attempt;
            procedure.importPackage(importPackage(f, key));
            pending.put(f, key);
            n++;
        }
        return n;
    }

    /**
     * Records what the case software's clerks decided: a filed import is confirmed with its
     * receipt, a refused one is recorded as rejected with the clerk's reason.
     *
     * @param clerk who records it
     * @return how many decisions were recorded
     */
    public synchronized int collectDecisions(Actor clerk) {
        int n = 0;
        for (Map.Entry<Barcode, String> e : new ArrayList<>(pending.entrySet())) {
            ImportOutcome outcome = procedure.status(e.getValue());
            if (outcome instanceof ImportOutcome.Accepted a) {
                lift.execute(clerk, new ConfirmImport(e.getKey(), a.eFileId(), a.receiptId()));
            } else if (outcome instanceof ImportOutcome.Rejected r) {
                lift.execute(clerk, new RejectImport(e.getKey(), r.reasonCode()));
            } else {
                continue; // still in the inbox
            }
            pending.remove(e.getKey());
            n++;
        }
        return n;
    }

    /**
     * The package of a case file's latest capture. The journal's last {@code CAPTURED} event names
     * the delivery; the scan protocol stored for it lists the renditions with their hashes (layout
     * in docs/delivery-format.md).
     */
    private ImportPackage importPackage(Barcode f, String key) {
        String reference = lift.tracking().whereIs(f).orElseThrow().reference().value();
        EFile eFile = procedure.findByFileReference(reference).orElseGet(() -> {
            Subject s = lift.subject(f).orElseThrow();
            return procedure.createEFile(new EFileRequest("efile-" + f.value(), reference,
                    new SubjectQuery(s.surname(), s.givenNames(), s.dateOfBirth(), s.azrNumber())));
        });
        JournalEvent captured = null;
        for (JournalEvent e : lift.tracking().history(f)) {
            if (e.kind() == EventKind.CAPTURED) {
                captured = e;
            }
        }
        String delivery = Objects.requireNonNull(captured, "a verified case file was captured").get("delivery");
        ContentStore content = storage.content();
        Key protocolKey = Key.of("protocols/" + f.value() + "/" + delivery + ".json");
        JsonNode protocol;
        try (InputStream in = content.get(protocolKey)) {
            protocol = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scan protocol of " + f, e);
        }
        Map<String, String> types = new LinkedHashMap<>();
        protocol.get("documents").forEach(d -> types.put(d.get("documentId").asText(), d.get("type").asText()));
        List<PackageItem> documents = new ArrayList<>();
        for (JsonNode r : protocol.get("renditions")) {
            String id = r.get("documentId").asText();
            Key k = Key.of(r.get("key").asText());
            documents.add(new PackageItem(id.equals("*") ? "case-file.pdf" : id + ".pdf",
                    types.getOrDefault(id, "CASE_FILE"), "application/pdf", r.get("size").asLong(),
                    r.get("sha256").asText(), () -> content.get(k)));
        }
        ContentInfo p = content.head(protocolKey).orElseThrow();
        PackageItem scanProtocol = new PackageItem("scan-protocol.json", "SCAN_PROTOCOL", "application/json",
                p.size(), p.sha256(), () -> content.get(protocolKey));
        return new ImportPackage(key, eFile.id(), reference, documents, scanProtocol,
                Map.of("barcode", f.value(), "delivery", delivery));
    }

    /** Stops Aktenlift; the storage stays open, it belongs to the caller. */
    @Override
    public void close() {
        lift.close();
    }
}
