package io.github.aktenlift.pdfa;

/**
 * What an incremental update needs of a PDF this package wrote: where it ends, how many objects it
 * has, where its cross-reference table starts, its catalog (number and dictionary, which the update
 * writes again with more entries), its information dictionary and its document ID. Known to the
 * writer when it finishes the file, so that nothing has to read the file again to append to it.
 *
 * @param length the file's length in bytes
 * @param size the cross-reference table's {@code /Size}: the highest object number plus one
 * @param xref the offset of the cross-reference table, the update's {@code /Prev}
 * @param catalog the catalog's object number
 * @param catalogBody the catalog's dictionary, {@code << … >>}
 * @param info the information dictionary's object number
 * @param id the document ID, hex, both halves of the trailer's {@code /ID}
 */
public record Revision(long length, int size, long xref, int catalog, String catalogBody, int info, String id) {

    /**
     * Validates.
     *
     * @param length the file's length in bytes
     * @param size the cross-reference table's {@code /Size}
     * @param xref the offset of the cross-reference table
     * @param catalog the catalog's object number
     * @param catalogBody the catalog's dictionary
     * @param info the information dictionary's object number
     * @param id the document ID, hex
     */
    public Revision {
        if (!catalogBody.startsWith("<<") || !catalogBody.endsWith(">>")) {
            throw new IllegalArgumentException("the catalog is no dictionary");
        }
        if (xref <= 0 || xref >= length || size < 2) {
            throw new IllegalArgumentException("not a finished PDF: xref " + xref + ", length " + length + ", size " + size);
        }
    }
}
