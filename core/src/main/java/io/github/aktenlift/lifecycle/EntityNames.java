package io.github.aktenlift.lifecycle;

/**
 * What the typed exceptions call the things an identifier names ({@code "case file"}, {@code "box"}…),
 * written once so that every stage names them alike.
 */
public final class EntityNames {

    /** A case file, named by its barcode. */
    public static final String CASE_FILE = "case file";
    /** A transport box, named by its barcode. */
    public static final String BOX = "box";
    /** A pickup, named by its id. */
    public static final String PICKUP = "pickup";
    /** A destruction list, named by its id. */
    public static final String DESTRUCTION_LIST = "destruction list";

    private EntityNames() {
    }
}
