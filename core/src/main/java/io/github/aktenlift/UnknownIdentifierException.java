package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A command or query named a barcode or id that nothing is registered under.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class UnknownIdentifierException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** What was looked for: {@code case file}, {@code box}, {@code pickup}. */
    private final String kind;
    /** The barcode or id. */
    private final String id;

    /**
     * @param kind what was looked for: {@code case file}, {@code box}, {@code pickup}
     * @param id the barcode or id
     */
    public UnknownIdentifierException(String kind, String id) {
        super("unknown " + kind + " " + id);
        this.kind = kind;
        this.id = id;
    }

    /** @return what was looked for: {@code case file}, {@code box}, {@code pickup} */
    public String kind() {
        return kind;
    }

    /** @return the barcode or id */
    public String id() {
        return id;
    }
}
