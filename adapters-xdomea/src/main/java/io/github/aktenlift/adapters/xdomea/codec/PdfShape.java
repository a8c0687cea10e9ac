package io.github.aktenlift.adapters.xdomea.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether bytes have the shape of a complete PDF file (ISO 32000): a header {@code %PDF-n.n} in
 * the first 1024 bytes; in the last 1024 a {@code startxref} with the offset of the
 * cross-reference section, followed by {@code %%EOF}; and at that offset a cross-reference table
 * ({@code xref}) or stream (an indirect object {@code n g obj}). This finds what a transport
 * breaks — truncation, a wrong file under a PDF's name, another format — while streaming, without
 * holding the file; it does not interpret the document (that is for the renderer or a PDF/A
 * validator downstream).
 *
 * <p>Feed every byte to {@link #update}, then ask {@link #xrefOffset()}, read the bytes at that
 * offset and ask {@link #xrefAt}. Not thread-safe.
 */
final class PdfShape {

    private static final int WINDOW = 1024;
    private static final Pattern HEADER = Pattern.compile("%PDF-[12]\\.[0-9]");
    private static final Pattern STARTXREF = Pattern.compile("startxref[\\x00\\t\\n\\f\\r ]+([0-9]{1,15})[\\x00\\t\\n\\f\\r ]+%%EOF");
    private static final Pattern XREF = Pattern.compile("^[\\x00\\t\\n\\f\\r ]*(xref|[0-9]{1,10}[\\x00\\t\\n\\f\\r ]+[0-9]{1,5}[\\x00\\t\\n\\f\\r ]+obj)");

    private final byte[] head = new byte[WINDOW];
    private int headLength;
    private final byte[] tail = new byte[WINDOW];
    private long size;

    void update(byte[] b, int off, int len) {
        if (headLength < WINDOW) {
            int n = Math.min(len, WINDOW - headLength);
            System.arraycopy(b, off, head, headLength, n);
            headLength += n;
        }
        if (len >= WINDOW) {
            System.arraycopy(b, off + len - WINDOW, tail, 0, WINDOW);
        } else {
            System.arraycopy(tail, len, tail, 0, WINDOW - len);
            System.arraycopy(b, off, tail, WINDOW - len, len);
        }
        size += len;
    }

    /**
     * @return the offset {@code startxref} names, or {@code -1} if the header, {@code startxref} or
     *     {@code %%EOF} is missing or the offset lies outside the file
     */
    long xrefOffset() {
        String h = latin1(head, 0, headLength);
        if (!HEADER.matcher(h).find()) {
            return -1;
        }
        int tailLength = (int) Math.min(size, WINDOW);
        String t = latin1(tail, WINDOW - tailLength, tailLength);
        Matcher m = STARTXREF.matcher(t);
        long offset = -1;
        while (m.find()) {
            offset = Long.parseLong(m.group(1));
        }
        if (offset < 0 || offset >= size) {
            return -1;
        }
        // what follows the last %%EOF may only be whitespace
        int eof = t.lastIndexOf("%%EOF");
        if (!t.substring(eof + 5).isBlank() && !t.substring(eof + 5).chars().allMatch(c -> c == 0)) {
            return -1;
        }
        return offset;
    }

    /**
     * @param atOffset up to 64 bytes read at {@link #xrefOffset()}
     * @return whether a cross-reference section starts there
     */
    static boolean xrefAt(byte[] atOffset, int length) {
        return XREF.matcher(latin1(Arrays.copyOf(atOffset, length), 0, length)).find();
    }

    private static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
