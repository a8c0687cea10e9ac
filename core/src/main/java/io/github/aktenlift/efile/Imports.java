package io.github.aktenlift.efile;

import io.github.aktenlift.Actor;
import io.github.aktenlift.casefile.Barcode;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Imports verified case files into the specialist procedure. Obtained from
 * {@link io.github.aktenlift.Aktenlift#imports()}; needs a procedure configured with
 * {@link io.github.aktenlift.Aktenlift.Builder#procedure}.
 *
 * <p><b>What is handed over.</b> Per case file one package: the renditions of its latest capture
 * (a rescan's replacements together with the documents it left untouched), each checked against
 * the hash the scan protocol records for it, and the protocol against the hash in the journal;
 * the scan protocol as PDF/A; and metadata that names ids and codes only (barcode, file reference,
 * delivery, document types and dates, origin of a transfer) — never the subject.
 *
 * <p><b>Which e-file.</b> A file of the bulk project goes to the e-file kept under its file
 * reference, or to a new one. A transfer (registered with
 * {@link io.github.aktenlift.casefile.RegisterTransfer}) is matched by AZR number, then file
 * reference, then name and date of birth (by the rules of
 * {@link io.github.aktenlift.spi.procedure.SubjectMatching}), and cross-checked against the e-files
 * Aktenlift imported files to before: exactly one consistent match is appended to; no match at all
 * creates an e-file; anything else holds the file ({@link ImportResult.Held}, reasons in
 * {@link MatchReason}) and notifies the office ({@code MATCH_NEEDS_DECISION}) until a clerk
 * executes {@link DecideMatch}. New e-files are created with a key derived from the barcode, so a
 * repeated creation finds the same e-file.
 *
 * <p><b>Idempotency.</b> A hand-over's key is derived from the barcode, the import attempt (one
 * more after each {@link io.github.aktenlift.casefile.RetryImport}), the target e-file, and the
 * hashes of the scan protocol and every rendition; the procedure deduplicates by it. Match, key
 * and outcome are recorded in the tracking journal (ids and hashes only), so a replay after a crash
 * at any point — also by another instance on the same storage — sends the same key or polls the
 * recorded one. Before a retry hands over anything new, every earlier hand-over not known to be
 * rejected is asked for again: if the procedure accepted one after all, that receipt is confirmed
 * instead, and no document goes in twice.
 *
 * <p><b>Outcomes.</b> Accepted → {@link io.github.aktenlift.casefile.ConfirmImport} (the file
 * becomes {@code IMPORTED} only on a receipt; an open scan-on-demand recall is served). Pending →
 * polled by {@link #poll}, first after the procedure's {@code retryAfter} or 30 seconds, whichever
 * is later, then with doubling intervals up to one hour (times from the injected clock; nothing
 * sleeps). Rejected → the office is notified ({@code IMPORT_REJECTED}, at least once: before the
 * rejection is recorded) and {@link io.github.aktenlift.casefile.RejectImport} records the reason.
 *
 * <p>Failures of the procedure, the storage or the notifier end one case file's attempt as
 * {@link ImportResult.Failed}; the others go on. Thread-safe; one import runs at a time per
 * instance. Each call first reads what other instances on the same storage recorded; two
 * instances importing the same file at the same moment hand over the same key, and the one that
 * records second finds the receipt recorded and adds nothing.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Imports {

    /**
     * Imports one case file now: hands it over, or, if a hand-over is pending, asks the
     * procedure about it at once.
     *
     * @param actor who imports (usually a system account)
     * @param caseFile a {@code VERIFIED} case file
     * @return its result
     * @throws io.github.aktenlift.InvalidValueException if an argument is {@code null}
     * @throws io.github.aktenlift.UnknownIdentifierException if no case file has this barcode
     * @throws io.github.aktenlift.IllegalTransitionException if it is not {@code VERIFIED}
     */
    ImportResult importCaseFile(Actor actor, Barcode caseFile);

    /**
     * Imports every {@code VERIFIED} case file that has no pending hand-over and no held match:
     * files with an open scan-on-demand recall first (longest waiting first), then the others in
     * the order they were verified.
     *
     * @param actor who imports
     * @return one result per case file taken up
     * @throws io.github.aktenlift.InvalidValueException if the actor is {@code null}
     */
    ImportReport importReady(Actor actor);

    /**
     * Asks the procedure about every pending hand-over whose poll time has come (after a restart:
     * every pending hand-over recorded in the journal).
     *
     * @param actor who polls
     * @return one result per case file asked about
     * @throws io.github.aktenlift.InvalidValueException if the actor is {@code null}
     */
    ImportReport poll(Actor actor);

    /** @return the case files held for a matching decision, by barcode */
    List<ImportResult.Held> held();
}
