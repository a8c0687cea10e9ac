package io.github.aktenlift.spi.procedure;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The specialist procedure (<i>Fachverfahren</i>) that holds the e-files.
 *
 * <p><b>Thread safety:</b> all methods may be called concurrently. <b>Idempotency:</b>
 * {@link #createEFile} and {@link #importPackage} are keyed: repeating a call with the same key
 * returns the first call's result and never creates or imports twice, also across restarts of
 * either side; callers rely on this to replay after a crash. <b>Durability:</b> an
 * {@link ImportOutcome.Accepted} is final. <b>Personal data:</b> subject data passes through to
 * the procedure and goes nowhere else: never into logs, messages or exceptions.
 *
 * <p><b>Look-ups:</b> a procedure answers the {@code find…} questions it declares in
 * {@link #capabilities()}. One it does not declare throws {@link UnsupportedCapabilityException};
 * it never answers empty, because an empty answer means "no such e-file" and would lead a caller
 * to create a second one.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface SpecialistProcedure {

    /**
     * The look-ups this procedure answers. The default declares all of them, as every procedure
     * did before capabilities were declared; a procedure reached only by messages overrides it.
     *
     * @return the declared capabilities; never {@code null}, possibly empty; the same set on every
     *     call for the life of the instance
     * @since 0.1
     */
    default Set<ProcedureCapability> capabilities() {
        return EnumSet.allOf(ProcedureCapability.class);
    }

    /**
     * @param fileReference the office's file number
     * @return the e-file kept under it, or empty
     * @throws UnavailableException if the procedure cannot be reached
     * @throws UnsupportedCapabilityException if {@link ProcedureCapability#FIND_BY_FILE_REFERENCE}
     *     is not declared
     */
    Optional<EFile> findByFileReference(String fileReference);

    /**
     * Finds the e-files kept for the person with this number in the central register of
     * foreigners (<i>AZR</i>).
     *
     * @param azrNumber the AZR number, compared exactly
     * @return the e-files found: normally none or one; several if the procedure holds duplicates;
     *     never {@code null}
     * @throws UnavailableException if the procedure cannot be reached
     * @throws UnsupportedCapabilityException if {@link ProcedureCapability#FIND_BY_AZR_NUMBER} is
     *     not declared
     */
    List<EFile> findByAzrNumber(String azrNumber);

    /**
     * Finds the e-files of persons with the same surname, given names and date of birth, compared
     * as {@link SubjectMatching} says: case, whitespace, umlauts against their transliterations and
     * other diacritics do not matter, any other difference does. The query's AZR number takes no
     * part ({@link #findByAzrNumber} looks that up), so that a caller can tell a match by name from
     * a match by number, and see when they disagree.
     *
     * @param subject identifying data
     * @return the e-files found, possibly several (namesakes born on the same day); never
     *     {@code null}
     * @throws UnavailableException if the procedure cannot be reached
     * @throws UnsupportedCapabilityException if {@link ProcedureCapability#FIND_BY_SUBJECT} is not
     *     declared
     */
    List<EFile> findBySubject(SubjectQuery subject);

    /**
     * Creates an e-file, or returns the one created earlier with the same idempotency key.
     *
     * @param request what to create
     * @return the e-file
     * @throws UnavailableException if the procedure cannot be reached; retry with the same key
     */
    EFile createEFile(EFileRequest request);

    /**
     * Hands a package over for import. Reads each item's content and checks its SHA-256 before the
     * procedure may accept it. Sending the same idempotency key again returns the current outcome
     * of the first sending without importing anything again.
     *
     * @param pkg the package
     * @return accepted, pending or rejected; never {@code null}
     * @throws IntegrityException if an item's bytes do not match its size or SHA-256; nothing is
     *     handed over
     * @throws UnavailableException if the procedure cannot be reached; retry with the same key
     */
    ImportOutcome importPackage(ImportPackage pkg);

    /**
     * @param idempotencyKey a key given to {@link #importPackage}
     * @return the import's current outcome
     * @throws NotFoundException if no import with that key was handed over
     * @throws UnavailableException if the procedure cannot be reached
     */
    ImportOutcome status(String idempotencyKey);
}
