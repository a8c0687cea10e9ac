package io.github.aktenlift;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A command failed Jakarta Validation. Lists each violated field by its path (for example
 * {@code subject.dateOfBirth}) and the constraint's message; never the rejected value.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class InvalidCommandException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** The command type's simple name. */
    private final String command;
    /** The violated fields, at least one. */
    private final List<FieldViolation> violations;

    /**
     * @param command the command type's simple name
     * @param violations the violated fields, at least one
     */
    public InvalidCommandException(String command, List<FieldViolation> violations) {
        super(command + " is invalid: " + violations.stream()
                .map(v -> v.path() + " " + v.message()).collect(Collectors.joining("; ")));
        this.command = command;
        this.violations = List.copyOf(violations);
    }

    /** @return the command type's simple name */
    public String command() {
        return command;
    }

    /** @return the violated fields, sorted by path */
    public List<FieldViolation> violations() {
        return violations;
    }

    /**
     * One violated constraint.
     *
     * @param path the property path, for example {@code subject.dateOfBirth}
     * @param message the constraint's message, for example {@code must be a past date}
     */
    public record FieldViolation(String path, String message) {
    }
}
