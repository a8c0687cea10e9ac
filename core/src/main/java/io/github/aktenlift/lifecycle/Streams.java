package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;

/**
 * The journal's streams, one per tracked thing: their names are part of the stored format (each
 * event records its stream), so they are written in this one place.
 */
public final class Streams {

    /** Prefix of a case file's stream: {@code file/<barcode>}. */
    public static final String FILE = "file/";
    /** Prefix of a box's stream: {@code box/<barcode>}. */
    public static final String BOX = "box/";
    /** Prefix of a pickup's stream: {@code pickup/<id>}. */
    public static final String PICKUP = "pickup/";
    /** The one stream of baseline imports and issued barcodes. */
    public static final String INVENTORY = "inventory";
    /** Prefix of a destruction list's stream: {@code destruction/<id>}. */
    public static final String DESTRUCTION = "destruction/";
    /** The one stream of storage repairs. */
    public static final String STORAGE = "storage";

    private Streams() {
    }

    /** @return the case file's stream */
    public static String caseFile(Barcode barcode) {
        return FILE + barcode.value();
    }

    /** @return the box's stream */
    public static String box(Barcode barcode) {
        return BOX + barcode.value();
    }

    /** @return the pickup's stream */
    public static String pickup(String id) {
        return PICKUP + id;
    }

    /** @return the destruction list's stream */
    public static String destructionList(String id) {
        return DESTRUCTION + id;
    }

    /** @return the stream's name without its type: the barcode or id */
    public static String subject(String stream) {
        return stream.substring(stream.indexOf('/') + 1);
    }
}
