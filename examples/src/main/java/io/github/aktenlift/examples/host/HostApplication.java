package io.github.aktenlift.examples.host;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.spi.procedure.SpecialistProcedure;
import io.github.aktenlift.spi.storage.Storage;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A host application with Aktenlift embedded: the office's case software decides what is scanned,
 * Aktenlift tracks the paper and captures the scans, and the scanned documents come back into the
 * case software's e-files through the custom {@link CaseSoftwareProcedure} adapter, which the host
 * hands to Aktenlift's builder; Aktenlift's import service does the rest.
 *
 * <pre>{@code
 * CaseSoftware cases = new CaseSoftware(clock);
 * try (HostApplication host = new HostApplication(cases, storage, clock)) {
 *     Barcode label = host.registerPaperFile(clerk, "AB-2026/4711", person);   // print it, stick it on
 *     // ... pickup, scanning, capture and QA run in Aktenlift (host.aktenlift()) ...
 *     host.importVerified(system);        // scanned documents into the case software's inbox
 *     // ... a clerk files or refuses them in the case software ...
 *     host.collectDecisions(system);      // receipts and refusals recorded in the tracking journal
 * }
 * }</pre>
 *
 * <p>Which e-file a file goes to is Aktenlift's matching: a file of the office's own goes to the
 * e-file kept under its file number (opened if there is none); a file from another authority is
 * matched by AZR number, file number, then name and date of birth, and held for a clerk's decision
 * when the evidence disagrees. Every hand-over carries a key derived from the file and what it
 * holds, so repeating any call never files a document twice.
 *
 * @since 0.1
 */
public final class HostApplication implements AutoCloseable {

    private final SpecialistProcedure procedure;
    private final Aktenlift lift;

    /**
     * Starts Aktenlift inside the host, on the host's storage, importing into the host's case
     * software.
     *
     * @param cases the host's case software
     * @param storage where Aktenlift keeps its journal and scans; the caller closes it
     * @param clock the host's clock
     */
    public HostApplication(CaseSoftware cases, Storage storage, Clock clock) {
        this.procedure = new CaseSoftwareProcedure(Objects.requireNonNull(cases, "cases"));
        this.lift = Aktenlift.builder().storage(Objects.requireNonNull(storage, "storage")).clock(clock)
                .procedure(procedure).build();
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
        lift.execute(clerk, new RegisterCaseFile(barcode, FileReference.of(reference), subject(person),
                ProtectionLevel.NORMAL));
        return barcode;
    }

    /**
     * A paper file arrives from another authority (the person moved here): Aktenlift issues its
     * barcode and tracks it with its origin. Its documents go to the person's existing e-file if
     * exactly one matches, into a new e-file if none does, and wait for a clerk's decision
     * otherwise.
     *
     * @param clerk who registers it
     * @param reference the file number the office gives it
     * @param person whom it concerns, as the sending authority wrote it
     * @param origin the sending authority
     * @param receivedOn the day the paper arrived
     * @return the barcode to print on the label
     */
    public synchronized Barcode registerTransfer(Actor clerk, String reference, CaseSoftware.Person person,
            String origin, LocalDate receivedOn) {
        Barcode barcode = lift.inventory().issueCaseFileBarcodes(clerk, 1).get(0);
        lift.execute(clerk, new RegisterTransfer(barcode, FileReference.of(reference), subject(person),
                ProtectionLevel.NORMAL, origin, receivedOn));
        return barcode;
    }

    /**
     * Hands every verified case file's renditions and scan protocol to the case software's inbox,
     * into the e-file it belongs in. Repeating it hands nothing over twice.
     *
     * @param system the account the import runs under
     * @return one result per case file taken up: pending until a clerk decides, or held for a
     *     matching decision
     */
    public ImportReport importVerified(Actor system) {
        return lift.imports().importReady(system);
    }

    /**
     * Asks the case software about the hand-overs whose time to ask has come (backing off while
     * its clerks have not decided) and records the answers: a filed import is confirmed with its
     * receipt, a refused one is recorded as rejected with the clerk's reason, and the office is
     * notified of it.
     *
     * @param system the account the import runs under
     * @return one result per case file asked about
     */
    public ImportReport collectDecisions(Actor system) {
        return lift.imports().poll(system);
    }

    /**
     * Queues a refused import again once a clerk solved the problem; the next
     * {@link #importVerified} hands it over under a new key.
     *
     * @param clerk who says it is solved
     * @param caseFile the case file whose import was refused
     */
    public void retry(Actor clerk, Barcode caseFile) {
        lift.execute(clerk, new RetryImport(caseFile));
    }

    private static Subject subject(CaseSoftware.Person person) {
        return new Subject(person.surname(), person.givenNames(), person.dateOfBirth(), null, person.azrNumber());
    }

    /** Stops Aktenlift; the storage stays open, it belongs to the caller. */
    @Override
    public void close() {
        lift.close();
    }
}
