package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * Who performs a command, and where: recorded with every event.
 *
 * @param id a pseudonymous user or system id, for example {@code clerk-17} or
 *     {@code scan-service:op-4}: 1 to 64 of {@code A–Z a–z 0–9 . _ : @ -}
 * @param site where the actor works, for example {@code office} or {@code scan-center-1}: 1 to 100
 *     printable characters
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Actor(String id, String site) {

    /**
     * Validates both fields.
     *
     * @param id a pseudonymous user or system id, for example {@code clerk-17} or {@code scan-service:op-4}:
     *     1 to 64 of {@code A–Z a–z 0–9 . _ : @ -}
     * @param site where the actor works, for example {@code office} or {@code scan-center-1}: 1 to 100
     *     printable characters
     */
    public Actor {
        if (id == null || !id.matches("[A-Za-z0-9._:@-]{1,64}")) {
            throw new InvalidValueException("actor.id", "must be 1 to 64 of A-Z a-z 0-9 . _ : @ -");
        }
        if (site == null || site.isBlank() || site.length() > 100 || site.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("actor.site", "must be 1 to 100 printable characters");
        }
    }

    /**
     * @param id the actor's id
     * @param site where the actor works
     * @return the actor
     */
    public static Actor of(String id, String site) {
        return new Actor(id, site);
    }
}
