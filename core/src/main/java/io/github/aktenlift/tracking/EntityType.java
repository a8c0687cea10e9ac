package io.github.aktenlift.tracking;

import org.apiguardian.api.API;

/**
 * The kinds of things the journal tracks; each has its own hash-chained event stream.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum EntityType {
    /** A case file, by barcode. */
    CASE_FILE,
    /** A box, by barcode. */
    BOX,
    /** A pickup, by id. */
    PICKUP,
    /** The office's inventory: baseline imports and issued labels. */
    INVENTORY,
    /** A destruction list, by id. */
    DESTRUCTION_LIST,
    /**
     * The storage under the journal: repairs of its logs.
     *
     * @since 0.2
     */
    STORAGE
}
