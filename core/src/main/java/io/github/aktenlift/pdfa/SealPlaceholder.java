package io.github.aktenlift.pdfa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * The incremental update that readies a rendition for its seal, written by the core right after
 * the rendition (the renderer's {@link Revision} says what it needs to know), so that sealing reads
 * and copies nothing: the transfer note as an embedded associated file (as {@link TransferNote}
 * describes), and an invisible signature field whose signature dictionary ({@code /Type /Sig
 * /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached}) has a {@code /ByteRange} over the whole
 * file but its {@code /Contents}, which is zeros for now. The byte range's digest is taken on the
 * way ({@link ByteRangeOutput}), the sealer turns it into a CMS signature, and {@link #fill} writes
 * that into the placeholder in place. The update is the file's last, so the byte range ends at its
 * end; the rendition's own bytes before it stay as they were (PAdES, ETSI EN 319 142-1; PDF/A-2b
 * allows incremental updates).
 *
 * <p>The signature dictionary is the last object of the update, with {@code /Contents} its last
 * entry, so that everything after the placeholder — the end of the dictionary, the
 * cross-reference section and the trailer — is known before the placeholder is written, and the
 * {@code /ByteRange} before it can name exact offsets.
 */
public final class SealPlaceholder {

    private static final DateTimeFormatter PDF_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Room for {@code [0 a b c]} with offsets up to 10^11 bytes, padded with spaces. */
    private static final int RANGE_WIDTH = 48;

    private SealPlaceholder() {
    }

    /**
     * The transfer note, compressed once per case file for all its renditions.
     *
     * @param deflated the note's PDF, Flate-compressed
     * @param size the note's PDF's length
     * @param modified its modification date
     */
    public record Note(byte[] deflated, int size, Instant modified) {

        /**
         * @param pdf the note as PDF/A-2b
         * @param modified its modification date
         * @return the note, compressed
         */
        public static Note of(byte[] pdf, Instant modified) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
            try {
                deflater.setInput(pdf);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length / 2 + 64);
                byte[] buffer = new byte[64 * 1024];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return new Note(out.toByteArray(), pdf.length, modified);
            } finally {
                deflater.end();
            }
        }
    }

    /**
     * The signature dictionary's facts.
     *
     * @param signed the claimed signing time, {@code /M}
     * @param reason the {@code /Reason}, if any
     * @param reserveBytes the room for the CMS: {@code /Contents} gets twice as many hex digits
     */
    public record Signature(Instant signed, Optional<String> reason, int reserveBytes) {

        /**
         * Validates.
         *
         * @param signed the claimed signing time
         * @param reason the {@code /Reason}, if any
         * @param reserveBytes the room for the CMS, positive
         */
        public Signature {
            Objects.requireNonNull(signed, "signed");
            Objects.requireNonNull(reason, "reason");
            if (reserveBytes < 1) {
                throw new IllegalArgumentException("reserveBytes must be positive");
            }
        }
    }

    /**
     * Where the seal goes: the offset of the first hex digit of {@code /Contents}, how many hex
     * digits there are, and the digest of the byte range (everything else).
     *
     * @param contentsStart the offset of the first hex digit
     * @param contentsLength the number of hex digits
     * @param digest the byte range's digest
     */
    public record Placeholder(long contentsStart, int contentsLength, byte[] digest) {
    }

    /**
     * Appends the update to a finished rendition and completes the byte range's digest.
     *
     * @param out the stream the rendition went through (or its {@link ByteRangeOutput#resume
     *     resumption}), positioned at the rendition's end; flushed, not closed
     * @param rendition what the renderer said of the rendition
     * @param note the transfer note to embed, if any
     * @param signature the signature dictionary's facts
     * @return the placeholder
     * @throws IOException if the stream fails
     * @throws IllegalStateException if the stream is not at the rendition's end, or the rendition's
     *     catalog already has an interactive form, associated files or a name dictionary
     */
    public static Placeholder append(ByteRangeOutput out, Revision rendition, Optional<Note> note, Signature signature)
            throws IOException {
        if (out.position() != rendition.length()) {
            throw new IllegalStateException("the stream is at " + out.position() + ", the rendition ends at " + rendition.length());
        }
        String catalog = rendition.catalogBody();
        for (String key : new String[] {"/AcroForm", "/AF ", "/AF[", "/Names"}) {
            if (catalog.contains(key)) {
                throw new IllegalStateException("the rendition's catalog has " + key.trim() + " already");
            }
        }
        long base = rendition.length();
        ByteArrayOutputStream update = new ByteArrayOutputStream(note.map(n -> n.deflated().length).orElse(0) + 4096);
        int next = rendition.size();
        int embedded = note.isPresent() ? next++ : 0;
        int spec = note.isPresent() ? next++ : 0;
        int field = next++;
        int sig = next++;
        long[] offsets = new long[next];
        String date = "(D:" + PDF_DATE.format(signature.signed()) + "+00'00')";
        StringBuilder extra = new StringBuilder(" /AcroForm << /Fields [").append(field).append(" 0 R] /SigFlags 3 >>");
        if (note.isPresent()) {
            Note n = note.get();
            offsets[embedded] = base + update.size();
            ascii(update, embedded + " 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fpdf /Params << /Size " + n.size()
                    + " /ModDate (D:" + PDF_DATE.format(n.modified()) + "+00'00') >> /Filter /FlateDecode /Length "
                    + n.deflated().length + " >>\nstream\n");
            update.writeBytes(n.deflated());
            ascii(update, "\nendstream\nendobj\n");
            offsets[spec] = base + update.size();
            ascii(update, spec + " 0 obj\n<< /Type /Filespec /F (" + TransferNote.FILE_NAME + ") /UF "
                    + PdfOutput.text(TransferNote.FILE_NAME) + " /Desc " + PdfOutput.text(TransferNote.DESCRIPTION)
                    + " /EF << /F " + embedded + " 0 R /UF " + embedded + " 0 R >> /AFRelationship /Supplement >>\nendobj\n");
            extra.append(" /Names << /EmbeddedFiles << /Names [(").append(TransferNote.FILE_NAME).append(") ").append(spec)
                    .append(" 0 R] >> >> /AF [").append(spec).append(" 0 R]");
        }
        offsets[field] = base + update.size();
        ascii(update, field + " 0 obj\n<< /FT /Sig /Type /Annot /Subtype /Widget /T (Siegel) /F 4 /Rect [0 0 0 0] /V " + sig
                + " 0 R >>\nendobj\n");
        long catalogAt = base + update.size();
        String body = catalog.substring(0, catalog.length() - 2).stripTrailing();
        ascii(update, rendition.catalog() + " 0 obj\n" + body + extra + " >>\nendobj\n");
        offsets[sig] = base + update.size();
        String head = sig + " 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M " + date
                + signature.reason().map(r -> " /Reason " + PdfOutput.text(r)).orElse("") + " /ByteRange ";
        String beforeContents = " /Contents ";
        long contentsAt = offsets[sig] + head.length() + RANGE_WIDTH + beforeContents.length();
        int hex = 2 * signature.reserveBytes();
        long afterContents = contentsAt + 1 + hex + 1;
        String end = " >>\nendobj\n";
        long xref = afterContents + end.length();
        StringBuilder tail = new StringBuilder(end).append("xref\n0 1\n0000000000 65535 f\r\n")
                .append(rendition.catalog()).append(" 1\n").append(entry(catalogAt))
                .append(rendition.size()).append(' ').append(next - rendition.size()).append('\n');
        for (int i = rendition.size(); i < next; i++) {
            tail.append(entry(offsets[i]));
        }
        tail.append("trailer\n<< /Size ").append(next).append(" /Root ").append(rendition.catalog()).append(" 0 R /Info ")
                .append(rendition.info()).append(" 0 R /ID [<").append(rendition.id()).append("> <").append(rendition.id())
                .append(">] /Prev ").append(rendition.xref()).append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        long total = afterContents + tail.length();
        String range = "[0 " + contentsAt + " " + afterContents + " " + (total - afterContents) + "]";
        if (range.length() > RANGE_WIDTH) {
            throw new IllegalStateException("a rendition of " + total + " bytes is beyond the byte range's room");
        }
        ascii(update, head + range + " ".repeat(RANGE_WIDTH - range.length()) + beforeContents);
        update.writeTo(out);
        out.digesting(false);
        out.write('<');
        byte[] zeros = new byte[Math.min(hex, 64 * 1024)];
        java.util.Arrays.fill(zeros, (byte) '0');
        for (int left = hex; left > 0; left -= zeros.length) {
            out.write(zeros, 0, Math.min(left, zeros.length));
        }
        out.write('>');
        out.digesting(true);
        out.write(tail.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (out.position() != total) {
            throw new IllegalStateException("the update ends at " + out.position() + ", not at " + total);
        }
        return new Placeholder(contentsAt + 1, hex, out.finish());
    }

    /**
     * Writes a CMS signature into its placeholder, in place; the rest of {@code /Contents} stays zeros.
     *
     * @param file the prepared rendition, a scratch file of the caller's
     * @param placeholder where the signature goes
     * @param cms the DER CMS signature
     * @throws IOException if the file cannot be written, there is no placeholder where it should be,
     *     or the signature is larger than the room
     */
    public static void fill(Path file, Placeholder placeholder, byte[] cms) throws IOException {
        byte[] hex = contents(placeholder, cms);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer check = ByteBuffer.allocate(2);
            ch.read(check, placeholder.contentsStart() - 1);
            checkPlaceholder(placeholder, check.array());
            ByteBuffer b = ByteBuffer.wrap(hex);
            long pos = placeholder.contentsStart();
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        }
    }

    /**
     * @param placeholder where the seal goes
     * @param cms the DER CMS signature
     * @return what to write at {@link Placeholder#contentsStart()}: the signature in hex
     * @throws IOException if it is larger than the room
     */
    public static byte[] contents(Placeholder placeholder, byte[] cms) throws IOException {
        byte[] hex = HexFormat.of().withUpperCase().formatHex(cms).getBytes(StandardCharsets.US_ASCII);
        if (hex.length > placeholder.contentsLength()) {
            throw new IOException("the seal takes " + cms.length + " bytes, " + placeholder.contentsLength() / 2 + " were reserved");
        }
        return hex;
    }

    /**
     * @param placeholder where the seal goes
     * @param found the two bytes at {@code contentsStart() - 1}
     * @throws IOException unless they are the placeholder's opening {@code <0}
     */
    public static void checkPlaceholder(Placeholder placeholder, byte[] found) throws IOException {
        if (found.length != 2 || found[0] != '<' || found[1] != '0') {
            throw new IOException("no placeholder at offset " + (placeholder.contentsStart() - 1));
        }
    }

    private static String entry(long offset) {
        String o = Long.toString(offset);
        return "0".repeat(10 - o.length()) + o + " 00000 n\r\n";
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
