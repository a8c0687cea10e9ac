package io.github.aktenlift.inventory;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One problem of a baseline CSV: where it is and what is wrong, never the value (a baseline holds
 * personal data).
 *
 * @param line the CSV line (header = 1), or 0 for the file as a whole
 * @param column the column, or {@code ""} for the line or the file as a whole
 * @param reason what is wrong
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record BaselineProblem(int line, String column, String reason) {

    /**
     * Checks for {@code null} and a negative line.
     *
     * @param line the CSV line (header = 1), or 0 for the file as a whole
     * @param column the column, or {@code ""} for the line or the file as a whole
     * @param reason what is wrong
     */
    public BaselineProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative");
        }
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code line L, column C: reason}, as an operator reads it */
    @Override
    public String toString() {
        return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
    }
}
