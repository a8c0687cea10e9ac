package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A command is not allowed in the current state of its case file, box or pickup. Nothing changed.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class IllegalTransitionException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** {@code case file}, {@code box} or {@code pickup}. */
    private final String kind;
    /** Its barcode or id. */
    private final String id;
    /** The state it is in. */
    private final String currentState;
    /** The rejected command's simple name. */
    private final String command;

    /** Why, beyond the state: the policy that rules the transition out; {@code ""} if only the state. */
    private final String reason;

    /**
     * @param kind {@code case file}, {@code box} or {@code pickup}
     * @param id its barcode or id
     * @param currentState the state it is in
     * @param command the rejected command's simple name
     */
    public IllegalTransitionException(String kind, String id, String currentState, String command) {
        this(kind, id, currentState, command, "");
    }

    /**
     * A transition the lifecycle has, but which the office's policies rule out.
     *
     * @param kind {@code case file}, {@code box} or {@code pickup}
     * @param id its barcode or id
     * @param currentState the state it is in
     * @param command the rejected command's simple name
     * @param reason why, naming the policy and never personal data; {@code ""} if only the state
     * @since 0.2
     */
    public IllegalTransitionException(String kind, String id, String currentState, String command, String reason) {
        super(command + " is not allowed for " + kind + " " + id + " in state " + currentState
                + (reason.isEmpty() ? "" : ": " + reason));
        this.kind = kind;
        this.id = id;
        this.currentState = currentState;
        this.command = command;
        this.reason = reason;
    }

    /** @return {@code case file}, {@code box} or {@code pickup} */
    public String kind() {
        return kind;
    }

    /** @return the barcode or id */
    public String id() {
        return id;
    }

    /** @return the name of the state it is in */
    public String currentState() {
        return currentState;
    }

    /** @return the rejected command's simple name */
    public String command() {
        return command;
    }

    /**
     * @return why, beyond the state: the policy that rules the transition out; {@code ""} if the
     *     state alone forbids it
     * @since 0.2
     */
    public String reason() {
        return reason;
    }
}
