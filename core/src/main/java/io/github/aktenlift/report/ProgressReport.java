package io.github.aktenlift.report;

import io.github.aktenlift.casefile.CaseFileState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A project's progress against its {@link ProgressPlan} as of one instant, computed in one pass over
 * the journal: captures per week against the plan (burn-up), the forecast end date, case files per
 * state, quality per scan service, recall service levels, open discrepancies and overdue items. No
 * personal data: counts, dates and the scan services' site names only. {@link Reports#writeHtml} and
 * {@link Reports#writePdf} lay it out.
 *
 * @param at the instant the report describes
 * @param plan the plan
 * @param weeks one entry per week from the plan's start to its end or to {@code at}, whichever is later
 * @param states case files per state
 * @param forecastEnd when, at the pace of the last (up to four) weeks, every planned case file will
 *     have been captured; empty while nothing was captured in those weeks
 * @param scanServices per scan service (the site recorded with its captures), in name order
 * @param recalls how recalls met their service levels
 * @param openDiscrepancies discrepancies in the chain of custody not yet resolved
 * @param overdueItems case files and boxes longer in a state than their service level allows
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ProgressReport(Instant at, ProgressPlan plan, List<Week> weeks, Map<CaseFileState, Long> states,
        Optional<LocalDate> forecastEnd, List<ScanService> scanServices, Recalls recalls, int openDiscrepancies,
        int overdueItems) {

    /**
     * Validates and copies.
     *
     * @param at the instant the report describes
     * @param plan the plan
     * @param weeks the weeks
     * @param states case files per state
     * @param forecastEnd the forecast end date
     * @param scanServices per scan service
     * @param recalls recall service levels
     * @param openDiscrepancies open discrepancies
     * @param overdueItems overdue items
     */
    public ProgressReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(plan, "plan");
        weeks = List.copyOf(weeks);
        states = Map.copyOf(states);
        Objects.requireNonNull(forecastEnd, "forecastEnd");
        scanServices = List.copyOf(scanServices);
        Objects.requireNonNull(recalls, "recalls");
    }

    /** @return case files captured so far (each counted once, at its first capture) */
    public long filesCaptured() {
        return weeks.isEmpty() ? 0 : weeks.get(weeks.size() - 1).cumulativeFiles();
    }

    /** @return page images captured so far (of each case file's latest capture) */
    public long pagesCaptured() {
        return weeks.isEmpty() ? 0 : weeks.get(weeks.size() - 1).cumulativePages();
    }

    /**
     * One week of the project.
     *
     * @param start its first day
     * @param filesCaptured case files first captured in it
     * @param pagesCaptured page images captured in it
     * @param cumulativeFiles case files captured up to its end
     * @param cumulativePages page images captured up to its end
     * @param plannedFiles case files the plan expects captured by its end
     * @param plannedPages page images the plan expects captured by its end
     * @since 0.2
     */
    public record Week(LocalDate start, long filesCaptured, long pagesCaptured, long cumulativeFiles,
            long cumulativePages, long plannedFiles, long plannedPages) {

        /**
         * Validates.
         *
         * @param start its first day
         * @param filesCaptured case files first captured in it
         * @param pagesCaptured page images captured in it
         * @param cumulativeFiles case files captured up to its end
         * @param cumulativePages page images captured up to its end
         * @param plannedFiles case files the plan expects captured by its end
         * @param plannedPages page images the plan expects captured by its end
         */
        public Week {
            Objects.requireNonNull(start, "start");
        }
    }

    /**
     * Quality per scan service.
     *
     * @param name the site its captures were recorded at
     * @param captured case files it captured (first captures and rescans)
     * @param qaPassed visual checks passed on its captures
     * @param qaFailed visual checks failed on its captures
     * @param importRejected imports the specialist procedure rejected, of its captures
     * @since 0.2
     */
    public record ScanService(String name, long captured, long qaPassed, long qaFailed, long importRejected) {

        /**
         * Validates.
         *
         * @param name the site its captures were recorded at
         * @param captured case files it captured
         * @param qaPassed visual checks passed on its captures
         * @param qaFailed visual checks failed on its captures
         * @param importRejected imports the specialist procedure rejected, of its captures
         */
        public ScanService {
            Objects.requireNonNull(name, "name");
        }

        /** @return the share of failed visual checks among all its checks, 0 to 1; 0 without checks */
        public double qaFailureRate() {
            long checked = qaPassed + qaFailed;
            return checked == 0 ? 0 : qaFailed / (double) checked;
        }

        /** @return the share of rejected imports among its captures, 0 to 1; 0 without captures */
        public double importRejectionRate() {
            return captured == 0 ? 0 : importRejected / (double) captured;
        }
    }

    /**
     * How recalls met their service levels ({@link io.github.aktenlift.tracking.SlaPolicy#recall()}).
     *
     * @param served recalls served
     * @param servedInTime of those, served within their mode's service level
     * @param open recalls not served yet
     * @param openOverdue of those, already past their service level
     * @since 0.2
     */
    public record Recalls(long served, long servedInTime, long open, long openOverdue) {

        /** @return the share of served recalls served in time, 0 to 1; 1 if none was served */
        public double hitRate() {
            return served == 0 ? 1 : servedInTime / (double) served;
        }
    }
}
