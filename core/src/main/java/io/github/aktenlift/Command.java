package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A request to change the tracked world, executed with {@link Aktenlift#execute(Actor, Command)}.
 * Every command is a record validated with Jakarta Validation before anything happens; a command
 * either records all its events or none.
 *
 * <p>The commands are the records in the domain packages that implement this interface; Aktenlift
 * rejects other implementations.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Command {
}
