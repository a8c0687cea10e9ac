package io.github.aktenlift.intake;

import io.github.aktenlift.Actor;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Takes in case files that other authorities send digitally, and tells the host what to answer
 * them. Reached through {@code Aktenlift.digitalIntake()}.
 *
 * <p>A digital transfer is registered with its origin like a paper transfer
 * ({@link io.github.aktenlift.casefile.RegisterTransfer}) and enters the lifecycle at
 * {@code VERIFIED}: there is no box, pickup, receipt or scan. Its documents are checked against the
 * SHA-256 its sender declared before anything is stored, stored create-if-absent (never
 * overwritten), and listed with an intake record (PDF/A: sender, transfer id, time, each document's
 * name, type, size and SHA-256) that stands in for the scan protocol. From there it takes the
 * normal path: {@code lift.imports()} matches it to an e-file with the same rules and holds as a
 * paper transfer ({@link io.github.aktenlift.efile.DecideMatch} decides a held match), hands it to
 * the configured procedure and records the outcome. Paper-only commands (pack, retain, destroy,
 * return paper, a paper-back recall) are refused for it.
 *
 * <p><b>Idempotency:</b> taking in a transfer id again returns the transfer's status and records
 * nothing, if barcode and documents are the same; otherwise it is a
 * {@link io.github.aktenlift.DuplicateIdentifierException}. A repeat after a crash finds the
 * documents it stored and reuses them. <b>Thread safety:</b> thread-safe. <b>Personal data:</b> the
 * subject goes to the subject register only; errors name fields and positions, never values.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DigitalIntake {

    /**
     * Checks, stores and registers a digital transfer.
     *
     * @param actor who takes it in
     * @param transfer the transfer
     * @return its status, {@link DigitalTransferStatus.Outcome#WAITING} when new
     * @throws io.github.aktenlift.InvalidValueException if actor or transfer is {@code null}
     * @throws io.github.aktenlift.InvalidCommandException if a field is invalid (the path names it,
     *     for example {@code documents[2].sha256}); nothing is stored
     * @throws TransferDocumentException if a document's bytes do not match, cannot be read, or two
     *     documents share a name; nothing is kept
     * @throws io.github.aktenlift.DuplicateIdentifierException if the barcode, the file reference
     *     or (with other content) the transfer id is taken; nothing is stored
     * @throws io.github.aktenlift.InvalidBarcodeException if the barcode is not a case-file barcode
     * @throws io.github.aktenlift.spi.ProviderException if the storage fails; repeat the call
     */
    DigitalTransferStatus receive(Actor actor, DigitalTransfer transfer);

    /**
     * @param transferId a transfer's id
     * @return where it stands, or empty if no digital transfer has that id
     */
    Optional<DigitalTransferStatus> status(String transferId);

    /** @return every digital transfer whose outcome (imported or rejected) is not answered yet, oldest first */
    List<DigitalTransferStatus> toAnswer();

    /**
     * Records that the transfer's current outcome was answered to its sender. Call after the
     * answer is safely on its way: a crash in between answers again, rather than never.
     *
     * @param actor who answered
     * @param transferId the transfer
     * @return its status, now answered
     * @throws io.github.aktenlift.UnknownIdentifierException if no digital transfer has that id
     * @throws io.github.aktenlift.IllegalTransitionException if its outcome is not final (waiting or held)
     * @throws io.github.aktenlift.PreconditionFailedException {@code ALREADY_ANSWERED:<outcome>} if answered before
     */
    DigitalTransferStatus answered(Actor actor, String transferId);
}
