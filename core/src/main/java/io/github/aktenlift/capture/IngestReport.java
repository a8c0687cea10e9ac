package io.github.aktenlift.capture;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The result of ingesting one delivery.
 *
 * @param deliveryId the delivery
 * @param caseFiles what became of each case file, in index order
 * @param pages pages taken (of captured case files)
 * @param bytes page bytes read (of captured case files)
 * @param took wall time
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record IngestReport(String deliveryId, List<CaseFileOutcome> caseFiles, long pages, long bytes, Duration took) {

    /**
     * Copies the list.
     *
     * @param deliveryId the delivery
     * @param caseFiles what became of each case file, in index order
     * @param pages pages taken (of captured case files)
     * @param bytes page bytes read (of captured case files)
     * @param took wall time
     */
    public IngestReport {
        caseFiles = List.copyOf(caseFiles);
    }

    /** @return the captured case files */
    public List<CaseFileOutcome.Captured> captured() {
        return caseFiles.stream().filter(o -> o instanceof CaseFileOutcome.Captured)
                .map(o -> (CaseFileOutcome.Captured) o).toList();
    }

    /** @return the rejected case files */
    public List<CaseFileOutcome.Rejected> rejected() {
        return caseFiles.stream().filter(o -> o instanceof CaseFileOutcome.Rejected)
                .map(o -> (CaseFileOutcome.Rejected) o).toList();
    }

    /**
     * @return the case files this delivery had captured before (a repeated delivery): nothing was
     *     done again
     * @since 0.2
     */
    public List<CaseFileOutcome.AlreadyCaptured> alreadyCaptured() {
        return caseFiles.stream().filter(o -> o instanceof CaseFileOutcome.AlreadyCaptured)
                .map(o -> (CaseFileOutcome.AlreadyCaptured) o).toList();
    }

    /** @return every problem of every rejected case file */
    public List<CaptureProblem> problems() {
        return rejected().stream().flatMap(r -> r.problems().stream()).toList();
    }
}
