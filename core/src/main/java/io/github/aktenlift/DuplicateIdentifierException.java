package io.github.aktenlift;

import org.apiguardian.api.API;

/**
 * A command tried to register a barcode, file reference or id that is already taken.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class DuplicateIdentifierException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** What is duplicated: {@code case file}, {@code box}, {@code pickup}, {@code file reference}. */
    private final String kind;
    /** The barcode or id (for a file reference: the barcode already holding it). */
    private final String id;

    /**
     * @param kind what is duplicated: {@code case file}, {@code box}, {@code pickup}, {@code file reference}
     * @param id the barcode or id (for a file reference: the barcode already holding it)
     */
    public DuplicateIdentifierException(String kind, String id) {
        super(kind + " " + id + " is already registered");
        this.kind = kind;
        this.id = id;
    }

    /** @return what is duplicated */
    public String kind() {
        return kind;
    }

    /** @return the barcode or id already registered */
    public String id() {
        return id;
    }
}
