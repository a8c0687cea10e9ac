package io.github.aktenlift.pdfa;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A sequential PDF file writer: objects are written one after another to the stream as they come,
 * their offsets kept for the cross-reference table written at the end. Everything written is
 * counted and hashed (SHA-256) on the way out. Small writes are gathered in a buffer; large ones
 * (image data) go through to the stream directly.
 *
 * <p>Not thread-safe; one instance writes one file.
 */
final class PdfOutput {

    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private long position;
    private long[] offsets = new long[256];
    private int lastObject;
    private int catalogNumber;
    private String catalogBody;
    private Revision revision;
    /** ICC profiles written so far (by their SHA-256), so that pages sharing one share the object. */
    private Map<String, Integer> iccProfiles;

    /**
     * @param out where the PDF goes
     * @param hashOutput whether to hash the whole file on its way out; a caller whose store hashes
     *     what it stores anyway says no, and the document ID is then derived from {@code idSeed}
     */
    PdfOutput(OutputStream out, boolean hashOutput) {
        this.out = out;
        this.digest = hashOutput ? sha256() : null;
    }

    /** A fresh SHA-256: a copy of a prototype, cheaper than a provider look-up per page. */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static final MessageDigest SHA256 = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The PDF 1.7 header, with the comment of four high bytes PDF/A asks for. */
    void header() throws IOException {
        ascii("%PDF-1.7\n");
        bytes(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
    }

    /** Reserves the next object number. */
    int allocate() {
        lastObject++;
        if (lastObject >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[lastObject] = -1;
        return lastObject;
    }

    /**
     * Writes the document catalog, and remembers it: an incremental update (the seal's placeholder)
     * writes the catalog again with more entries.
     */
    void catalog(int number, String body) throws IOException {
        object(number, body);
        catalogNumber = number;
        catalogBody = body;
    }

    /** Writes a whole non-stream object. */
    void object(int number, String body) throws IOException {
        begin(number);
        ascii(body);
        ascii("\nendobj\n");
    }

    /** Starts a stream object; the caller writes exactly {@code length} bytes, then {@link #endStream}. */
    void beginStream(int number, String dictionary, long length) throws IOException {
        begin(number);
        ascii("<<" + dictionary + " /Length " + length + ">>\nstream\n");
    }

    void endStream() throws IOException {
        ascii("\nendstream\nendobj\n");
    }

    /** A whole stream object with its data in memory. */
    void stream(int number, String dictionary, byte[] data) throws IOException {
        beginStream(number, dictionary, data.length);
        bytes(data, 0, data.length);
        endStream();
    }

    /**
     * An ICC profile stream, Flate-compressed, written once per file whatever the number of pages
     * that use it.
     *
     * @return its object number
     */
    int iccProfile(byte[] profile, int components) throws IOException {
        if (iccProfiles == null) {
            iccProfiles = new java.util.HashMap<>();
        }
        String key = HexFormat.of().formatHex(sha256().digest(profile));
        Integer known = iccProfiles.get(key);
        if (known != null) {
            return known;
        }
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream(profile.length / 2 + 64);
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write(profile);
        }
        int number = allocate();
        stream(number, " /N " + components + " /Filter /FlateDecode", z.toByteArray());
        iccProfiles.put(key, number);
        return number;
    }

    private void begin(int number) throws IOException {
        if (offsets[number] != -1) {
            throw new IllegalStateException("object " + number + " written twice");
        }
        offsets[number] = position + buffered;
        ascii(number + " 0 obj\n");
    }

    void ascii(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b) throws IOException {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) throws IOException {
        if (len <= BUFFER - buffered) {
            System.arraycopy(b, off, buffer, buffered, len);
            buffered += len;
            return;
        }
        flushBuffer();
        if (len < BUFFER) {
            System.arraycopy(b, off, buffer, 0, len);
            buffered = len;
            return;
        }
        if (digest != null) {
            digest.update(b, off, len);
        }
        out.write(b, off, len);
        position += len;
    }

    private void flushBuffer() throws IOException {
        if (buffered > 0) {
            if (digest != null) {
                digest.update(buffer, 0, buffered);
            }
            out.write(buffer, 0, buffered);
            position += buffered;
            buffered = 0;
        }
    }

    /**
     * Writes the cross-reference table and trailer and flushes. The document ID is the first 16
     * bytes of the SHA-256 of everything before the table, or of {@code idSeed} when the output is
     * not hashed; either way equal input gives equal files.
     *
     * @param idSeed what identifies the content when the output is not hashed
     * @return the file's length, and its SHA-256 in hex or {@code null} when not hashed
     */
    Written finish(int catalog, int info, byte[] idSeed) throws IOException {
        for (int i = 1; i <= lastObject; i++) {
            if (offsets[i] < 0) {
                throw new IllegalStateException("object " + i + " was reserved and never written");
            }
        }
        flushBuffer();
        byte[] id;
        if (digest == null) {
            id = Arrays.copyOf(sha256().digest(idSeed), 16);
        } else {
            try {
                id = Arrays.copyOf(((MessageDigest) digest.clone()).digest(), 16);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests can be cloned", e);
            }
        }
        long xref = position;
        StringBuilder t = new StringBuilder(32 + 20 * (lastObject + 1));
        t.append("xref\n0 ").append(lastObject + 1).append('\n');
        t.append("0000000000 65535 f\r\n");
        for (int i = 1; i <= lastObject; i++) {
            String o = Long.toString(offsets[i]);
            t.append("0".repeat(10 - o.length())).append(o).append(" 00000 n\r\n");
        }
        String hex = HexFormat.of().withUpperCase().formatHex(id);
        t.append("trailer\n<< /Size ").append(lastObject + 1).append(" /Root ").append(catalog)
                .append(" 0 R /Info ").append(info).append(" 0 R /ID [<").append(hex).append("> <")
                .append(hex).append(">] >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        ascii(t.toString());
        flushBuffer();
        out.flush();
        if (catalogNumber == catalog) {
            revision = new Revision(position, lastObject + 1, xref, catalog, catalogBody, info, hex);
        }
        return new Written(position, digest == null ? null : HexFormat.of().formatHex(digest.digest()));
    }

    /** @return what an incremental update after the finished file needs, if its catalog went through {@link #catalog} */
    java.util.Optional<Revision> revision() {
        return java.util.Optional.ofNullable(revision);
    }

    /** Length and SHA-256 (or {@code null} when not hashed) of a finished file. */
    record Written(long size, String sha256) {
    }

    /** A PDF number: plain decimal, at most four places. */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /** A text string as UTF-16BE hex with byte order mark, safe for any character. */
    static String text(String s) {
        return "<FEFF" + HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_16BE))
                + ">";
    }

    /** A document information dictionary; dates go as literal strings, the rest as text strings. */
    static String infoDictionary(Map<String, String> entries) {
        StringBuilder b = new StringBuilder("<<");
        entries.forEach((key, value) -> b.append(" /").append(key).append(' ')
                .append(key.endsWith("Date") ? "(" + value + ")" : text(value)));
        return b.append(" >>").toString();
    }
}
