package io.github.aktenlift.spi.notification;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who a notification is for: a role the adapter resolves (for example {@code scan-service} or
 * {@code office-team-3}), or a concrete address (a mailbox, a URL).
 *
 * @param kind role or address
 * @param value the role name or the address; 1 to 320 characters without control characters
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Recipient(Kind kind, String value) {

    /**
     * Validates the fields.
     *
     * @param kind role or address
     * @param value the role name or the address; 1 to 320 characters without control characters
     */
    public Recipient {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isEmpty() || value.length() > 320 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("recipient must be 1 to 320 characters without control characters");
        }
    }

    /**
     * @param role a role name
     * @return the recipient
     */
    public static Recipient role(String role) {
        return new Recipient(Kind.ROLE, role);
    }

    /**
     * @param address a mailbox or URL
     * @return the recipient
     */
    public static Recipient address(String address) {
        return new Recipient(Kind.ADDRESS, address);
    }

    /**
     * Whether the value names a role or an address.
     *
     * @since 0.1
     */
    public enum Kind {
        /** A role the adapter resolves to people or channels. */
        ROLE,
        /** A concrete mailbox or URL. */
        ADDRESS
    }
}
