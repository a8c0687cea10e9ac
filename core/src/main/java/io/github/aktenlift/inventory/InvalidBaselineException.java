package io.github.aktenlift.inventory;

import io.github.aktenlift.AktenliftException;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A baseline CSV is unusable: a missing column, a bad value, a duplicate file reference. Names the
 * line and the column, never the value. Nothing was imported. Since 0.2 it carries every problem
 * of the file ({@link #problems()}); {@link #line()} and {@link #column()} are the first's.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InvalidBaselineException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** The CSV line (header = 1), or 0 for the file as a whole. */
    private final int line;
    /** The column, or {@code ""}. */
    private final String column;
    /** Every problem found, in file order; at least one. */
    private final List<BaselineProblem> problems;

    /**
     * @param line the CSV line (header = 1), or 0 for the file as a whole
     * @param column the column, or {@code ""}
     * @param reason what is wrong
     */
    public InvalidBaselineException(int line, String column, String reason) {
        this(List.of(new BaselineProblem(line, column, reason)));
    }

    /**
     * @param problems every problem found, in file order; at least one
     * @since 0.2
     */
    public InvalidBaselineException(List<BaselineProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        this.line = this.problems.get(0).line();
        this.column = this.problems.get(0).column();
    }

    private static String message(List<BaselineProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid baseline has at least one problem");
        }
        return "baseline " + problems.get(0) + (problems.size() == 1 ? ""
                : " (and " + (problems.size() - 1) + " more problem" + (problems.size() == 2 ? "" : "s") + ")");
    }

    /**
     * @return every problem found, in file order; never empty
     * @since 0.2
     */
    public List<BaselineProblem> problems() {
        return problems;
    }

    /** @return the CSV line (header = 1), or 0 for the file as a whole */
    public int line() {
        return line;
    }

    /** @return the column, or {@code ""} */
    public String column() {
        return column;
    }
}
