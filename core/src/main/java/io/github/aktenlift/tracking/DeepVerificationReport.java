package io.github.aktenlift.tracking;

import io.github.aktenlift.spi.sealing.EvidenceReport;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The result of {@link Tracking#verifyDeep()}: the journal's own verification, and every stored
 * object the journal names re-read and re-hashed against the hash recorded for it; then the objects
 * that the content store's listing reports as foreign or damaged.
 *
 * @param journal the journal's verification, as {@link Tracking#verify()} gives it
 * @param objectsChecked how many stored objects were read back (renditions, scan protocols,
 *     baselines, subject entries)
 * @param bytesChecked how many bytes were read and hashed
 * @param problems the objects found wrong, in journal order, then those the content listing reports
 *     (with sequence {@code -1}), at most {@link #MAX_PROBLEMS}
 * @param problemsFound how many were found in all
 * @param seals one report per sealed object whose seals and timestamps were checked (renditions,
 *     protocol PDFs, protocol JSON with its detached seal), at most {@link #MAX_PROBLEMS}; empty
 *     without a configured sealer
 * @param sealsChecked how many objects' seals were checked in all
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DeepVerificationReport(VerificationReport journal, long objectsChecked, long bytesChecked,
        List<EvidenceProblem> problems, long problemsFound, List<EvidenceReport> seals, long sealsChecked) {

    /**
     * A report without seal checks.
     *
     * @param journal the journal's verification
     * @param objectsChecked how many stored objects were read back
     * @param bytesChecked how many bytes were read and hashed
     * @param problems the objects found wrong
     * @param problemsFound how many were found in all
     */
    public DeepVerificationReport(VerificationReport journal, long objectsChecked, long bytesChecked,
            List<EvidenceProblem> problems, long problemsFound) {
        this(journal, objectsChecked, bytesChecked, problems, problemsFound, List.of(), 0);
    }

    /** The most problems a report lists; {@link #problemsFound()} counts them all. */
    public static final int MAX_PROBLEMS = 1000;

    /**
     * Checks for {@code null} and copies.
     *
     * @param journal the journal's verification, as {@link Tracking#verify()} gives it
     * @param objectsChecked how many stored objects were read back (renditions, scan protocols, baselines,
     *     subject entries)
     * @param bytesChecked how many bytes were read and hashed
     * @param problems the objects found wrong, in journal order, then those the content listing reports (with
     *     sequence {@code -1}), at most {@link #MAX_PROBLEMS}
     * @param problemsFound how many were found in all
     * @param seals one report per sealed object whose seals and timestamps were checked (renditions, protocol PDFs, protocol JSON with its detached seal), at most {@link #MAX_PROBLEMS}; empty without a configured sealer
     * @param sealsChecked how many objects' seals were checked in all
     */
    public DeepVerificationReport {
        Objects.requireNonNull(journal, "journal");
        problems = List.copyOf(problems);
        seals = List.copyOf(seals);
    }

    /** @return whether the journal is intact and every object it names is there, unaltered */
    public boolean isIntact() {
        return journal.isIntact() && problemsFound == 0;
    }
}
