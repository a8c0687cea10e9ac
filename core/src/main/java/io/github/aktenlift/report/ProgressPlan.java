package io.github.aktenlift.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The plan a project's progress is measured against: how many case files and page images are to
 * be captured between two dates, at an even pace (20,000 files and 3,000,000 sheets in six months
 * is about 770 files and 115,000 sheets a week).
 *
 * @param start the first day of the plan (its weeks start on this weekday)
 * @param end the last day by which everything is to be captured; after {@code start}
 * @param files how many case files are to be captured; positive
 * @param pages how many page images are to be captured; zero if the plan counts files only
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ProgressPlan(LocalDate start, LocalDate end, long files, long pages) {

    /**
     * Validates.
     *
     * @param start the first day of the plan
     * @param end the last day; after {@code start}
     * @param files case files to capture; positive
     * @param pages page images to capture; zero or positive
     */
    public ProgressPlan {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the plan's end must lie after its start");
        }
        if (files <= 0 || pages < 0) {
            throw new IllegalArgumentException("the plan needs a positive number of case files and no negative page count");
        }
    }

    /** @return the plan's length in weeks, a started week counted whole */
    public int weeks() {
        return (int) ((ChronoUnit.DAYS.between(start, end) + 7) / 7);
    }

    /**
     * @param week a week of the plan, from 0
     * @return case files planned to be captured by the end of that week
     */
    public long plannedFiles(int week) {
        return Math.round(files * Math.min(1.0, (week + 1) / (double) weeks()));
    }

    /**
     * @param week a week of the plan, from 0
     * @return page images planned to be captured by the end of that week
     */
    public long plannedPages(int week) {
        return Math.round(pages * Math.min(1.0, (week + 1) / (double) weeks()));
    }
}
