package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Queries over the tracking journal. All answers are projections of the journal as this instance
 * has read it; they are consistent snapshots and may be called from any thread.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Tracking {

    /**
     * @param barcode a case file's barcode
     * @return where it is, or empty if no case file has that barcode
     */
    Optional<WhereIs> whereIs(Barcode barcode);

    /**
     * @param reference a file number
     * @return where that case file is, or empty if none has that reference
     */
    Optional<WhereIs> whereIs(FileReference reference);

    /**
     * Finds case files by the person concerned. Names are compared normalised: case, surrounding
     * and repeated whitespace, umlauts and their transliterations (ü/ue, ß/ss) and diacritics do
     * not matter.
     *
     * @param surname family name
     * @param givenNames given names
     * @param dateOfBirth date of birth
     * @return the matching case files, by barcode; empty if none
     */
    List<WhereIs> whereIsSubject(String surname, String givenNames, LocalDate dateOfBirth);

    /**
     * @param azrNumber a number in the central register of foreigners
     * @return the case files of that person, by barcode; empty if none
     */
    List<WhereIs> whereIsAzrNumber(String azrNumber);

    /**
     * @param barcode a box's barcode
     * @return the box's status, or empty if no box has that barcode
     */
    Optional<BoxStatus> box(Barcode barcode);

    /** @return the barcodes of every case file the journal knows, in any state, in barcode order */
    List<Barcode> caseFiles();

    /** @return the barcodes of every box the journal knows, in any state, in barcode order */
    List<Barcode> boxes();

    /**
     * @param barcode a case file's or box's barcode
     * @return every event of its stream, oldest first
     * @throws io.github.aktenlift.UnknownIdentifierException if nothing has that barcode
     */
    List<JournalEvent> history(Barcode barcode);

    /** @return the number of case files in each state; every state is present, possibly with 0 */
    Map<CaseFileState, Long> countsPerState();

    /** @return case files and boxes past their service level, and recalls not served in time */
    List<Overdue> overdue();

    /**
     * @return retained case files whose retention has elapsed, with no blocking hold, every
     *     original returned and no open recall, by barcode
     */
    List<Barcode> dueForDestruction();

    /**
     * The case files in one state, in the order to work on them: files with an open recall first,
     * by SLA deadline (so an overdue recall leads), then the others by when they were registered,
     * oldest first; ties by barcode. {@code workList(REGISTERED)} lists the files waiting at the
     * office, transfers from other authorities with their origin and the day they arrived.
     *
     * @param state a case-file state
     * @return the work list; empty if no file is in that state
     */
    List<WorkItem> workList(CaseFileState state);

    /** @return boxes picked up but not received, files missing at receipt, seal mismatches */
    List<Discrepancy> discrepancies();

    /**
     * Reads the whole stored journal and its checkpoints back from storage and checks every hash,
     * sequence and chain link.
     *
     * @return the report, naming the first bad event if any
     */
    VerificationReport verify();

    /**
     * The repairs the storage made to the journal's logs: each an interrupted, never-acknowledged
     * append cut off by the next writer, the cut bytes kept in quarantine. The journal's own history
     * of its storage.
     *
     * @return the {@link EventKind#LOG_REPAIRED} events, oldest first
     * @since 0.2
     */
    List<JournalEvent> repairs();

    /**
     * Deep verification: {@link #verify()}, and then every stored object the journal names read back
     * and hashed — each capture's scan protocol against the hash its event records, each rendition
     * against the hash its protocol records, each baseline against its event, each subject entry
     * against its registration. Streams: memory stays bounded whatever the store's size. Reads only;
     * storage is left byte for byte as it was, sound or damaged.
     *
     * @return the report, naming each object found missing, altered or unreadable
     * @since 0.2
     */
    DeepVerificationReport verifyDeep();

    /**
     * Writes a checkpoint over all stream heads now (checkpoints are also written automatically).
     *
     * @return the number of events the checkpoint covers
     */
    long checkpoint();
}
