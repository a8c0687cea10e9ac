package io.github.aktenlift.pdfa;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TRAILER_SIZE = Pattern.compile("/Size\\s+(\\d+)");
    private static final Pattern TRAILER_ROOT = Pattern.compile("/Root\\s+(\\d+)\\s+0\\s+R");
    private static final Pattern TRAILER_INFO = Pattern.compile("/Info\\s+(\\d+)\\s+0\\s+R");
    private static final Pattern TRAILER_ID = Pattern.compile("/ID\\s*\\[\\s*<([0-9A-Fa-f]+)>");
    private static final Pattern XREF_ENTRY = Pattern.compile("(\\d{10}) (\\d{5}) ([nf])");

    /**
     * Reads what an incremental update needs from a PDF that a writer of this package produced in
     * one revision with a cross-reference table (the renderer, or PDFBox without compression, as
     * {@link ReportPdf} saves): the last {@code startxref}, the table, the trailer and the catalog.
     * Not a PDF parser: anything else (a cross-reference stream, an update, a catalog in an object
     * stream) is refused.
     *
     * @param pdf the whole file
     * @return its revision facts
     * @throws IOException if the file is not of that simple kind
     */
    public static Revision of(byte[] pdf) throws IOException {
        String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("startxref");
        if (at < 0) {
            throw new IOException("no startxref");
        }
        long xref = Long.parseLong(text.substring(at + 9).trim().split("\\s+")[0]);
        if (xref <= 0 || xref >= pdf.length || !text.startsWith("xref", (int) xref)) {
            throw new IOException("no cross-reference table at " + xref);
        }
        int trailerAt = text.indexOf("trailer", (int) xref);
        if (trailerAt < 0 || trailerAt > at) {
            throw new IOException("no trailer after the cross-reference table");
        }
        String trailer = text.substring(trailerAt, at);
        if (trailer.contains("/Prev")) {
            throw new IOException("the PDF has been updated already");
        }
        int size = Integer.parseInt(find(TRAILER_SIZE, trailer, "/Size"));
        int root = Integer.parseInt(find(TRAILER_ROOT, trailer, "/Root"));
        int info = Integer.parseInt(find(TRAILER_INFO, trailer, "/Info"));
        String id = find(TRAILER_ID, trailer, "/ID");
        // the table: subsections "first count" and their entries; the catalog's offset from its entry
        String table = text.substring((int) xref + 4, trailerAt);
        long catalogAt = -1;
        String[] lines = table.trim().split("\\r?\\n|\\r");
        int number = 0;
        for (String line : lines) {
            String l = line.trim();
            Matcher e = XREF_ENTRY.matcher(l);
            if (e.matches()) {
                if (number == root && e.group(3).equals("n") && e.group(2).equals("00000")) {
                    catalogAt = Long.parseLong(e.group(1));
                }
                number++;
            } else if (l.matches("\\d+ \\d+")) {
                number = Integer.parseInt(l.split(" ")[0]);
            } else if (!l.isEmpty()) {
                throw new IOException("unexpected line in the cross-reference table");
            }
        }
        String head = root + " 0 obj";
        if (catalogAt < 0 || !text.startsWith(head, (int) catalogAt)) {
            throw new IOException("no catalog object " + root + " where the table says");
        }
        int end = text.indexOf("endobj", (int) catalogAt);
        String body = text.substring((int) catalogAt + head.length(), end).trim();
        return new Revision(pdf.length, size, xref, root, body, info, id);
    }

    private static String find(Pattern p, String in, String what) throws IOException {
        Matcher m = p.matcher(in);
        if (!m.find()) {
            throw new IOException("the trailer has no " + what);
        }
        return m.group(1);
    }

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
