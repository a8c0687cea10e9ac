package io.github.aktenlift.inventory;

import io.github.aktenlift.AktenliftException;
import org.apiguardian.api.API;

/**
 * A baseline CSV is unusable: a missing column, a bad value, a duplicate file reference. Names the
 * line and the column, never the value. Nothing was imported.
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

    /**
     * @param line the CSV line (header = 1), or 0 for the file as a whole
     * @param column the column, or {@code ""}
     * @param reason what is wrong
     */
    public InvalidBaselineException(int line, String column, String reason) {
        super("baseline line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason);
        this.line = line;
        this.column = column;
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
