package io.github.aktenlift.pdfa;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadMemoryMappedFile;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;

/**
 * The transfer note (<i>Transfervermerk</i>) embedded in a sealed rendition, so that product and
 * note travel together into the e-file (TR-RESISCAN): the case file's scan protocol as PDF/A-2b,
 * which ISO 19005-2 6.8 permits as an embedded file of a PDF/A-2 document, attached as an
 * associated file ({@code /AFRelationship /Supplement}, listed in the catalog's {@code /AF} and in
 * the {@code /EmbeddedFiles} name tree) in an incremental update after the rendition's bytes.
 * Embedded before sealing, so that the seal covers it.
 *
 * <p><b>What the embedded note holds.</b> Everything the stored protocol holds — case file,
 * delivery, scanner and settings, operator, every page with its source SHA-256, checks and
 * deviations — except the list of renditions with their hashes: a note inside a rendition cannot
 * name that rendition's own hash (embedding the note changes it), nor those of its siblings, which
 * are sealed in the same batch afterwards. The stored protocol (JSON and PDF/A, itself sealed) and
 * the journal keep the renditions' hashes; the seal over each rendition protects the note in it.
 *
 * <p>The core embeds the note itself (with PDFBox, which it has) rather than through the sealing
 * adapter's equivalent, because the core depends on no adapter and the note is no sealing matter.
 */
public final class TransferNote {

    /** The embedded file's name inside each rendition. */
    public static final String FILE_NAME = "transfervermerk.pdf";
    /** The embedded file's description. */
    static final String DESCRIPTION = "Transfervermerk (Scanprotokoll ohne Hashwerte der Renditionen)";

    /** Larger renditions are read through PDFBox's buffered file reader (one mapping holds at most 2 GiB). */
    private static final long MAPPED_LIMIT = 1L << 30;
    private static final COSName AF = COSName.getPDFName("AF");
    private static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");

    private TransferNote() {
    }

    /**
     * Appends the note to the rendition as an incremental update, in place: the rendition's bytes
     * stay as they are and the update follows them in the same file, so that no byte of the
     * (large) rendition is copied. For the capture's own scratch file before sealing, never for
     * stored evidence.
     *
     * @param rendition the rendition, a scratch file of the caller's; only appended to
     * @param note the transfer note, PDF/A-2b
     * @param now the embedded file's modification date
     * @throws IOException if a file cannot be read or written; the rendition is then unusable
     */
    public static void appendTo(Path rendition, Path note, Instant now) throws IOException {
        long length = Files.size(rendition);
        // memory-mapped: PDFBox's file reader would serve the copy below 4 KiB and two system calls at a time
        RandomAccessRead source = length <= MAPPED_LIMIT
                ? new RandomAccessReadMemoryMappedFile(rendition) : new RandomAccessReadBufferedFile(rendition);
        PDDocument loaded;
        try {
            loaded = Loader.loadPDF(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        try (PDDocument doc = loaded; // closing it closes the source
             InputStream in = Files.newInputStream(note);
             IncrementOnly out = new IncrementOnly(rendition, length)) {
            PDEmbeddedFile ef = new PDEmbeddedFile(doc, in, COSName.FLATE_DECODE);
            ef.setSubtype("application/pdf");
            ef.setSize((int) Files.size(note));
            GregorianCalendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            when.setTimeInMillis(now.toEpochMilli());
            ef.setModDate(when);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile(FILE_NAME);
            spec.setFileUnicode(FILE_NAME);
            spec.setFileDescription(DESCRIPTION);
            spec.setEmbeddedFile(ef);
            spec.setEmbeddedFileUnicode(ef);
            spec.getCOSObject().setItem(AF_RELATIONSHIP, COSName.getPDFName("Supplement"));

            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            PDDocumentNameDictionary names = catalog.getNames();
            if (names == null) {
                names = new PDDocumentNameDictionary(catalog);
                catalog.setNames(names);
            }
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> entries = new HashMap<>();
            if (tree == null) {
                tree = new PDEmbeddedFilesNameTreeNode();
            } else if (tree.getNames() != null) {
                entries.putAll(tree.getNames());
            }
            entries.put(FILE_NAME, spec);
            tree.setNames(entries);
            names.setEmbeddedFiles(tree);
            COSArray af = catalog.getCOSObject().getCOSArray(AF);
            if (af == null) {
                af = new COSArray();
                catalog.getCOSObject().setItem(AF, af);
            }
            af.add(spec);
            af.setNeedToBeUpdated(true);
            tree.getCOSObject().setNeedToBeUpdated(true);
            names.getCOSObject().setNeedToBeUpdated(true);
            catalog.getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(out);
        }
    }

    /**
     * What PDFBox's incremental save writes, minus the copy of the original it starts with: it
     * writes the original's {@code length} bytes unchanged and then the update, whose offsets
     * count from the original's start; this stream checks that exactly that many bytes come first,
     * drops them, and appends the rest to the file, which holds them already.
     */
    private static final class IncrementOnly extends OutputStream {
        private final java.nio.channels.FileChannel file;
        private final long original;
        private long seen;

        IncrementOnly(Path pdf, long original) throws IOException {
            this.file = java.nio.channels.FileChannel.open(pdf, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int skip = (int) Math.max(0, Math.min(len, original - seen));
            seen += len;
            if (len > skip) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off + skip, len - skip);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            }
        }

        @Override
        public void close() throws IOException {
            try (file) {
                if (seen <= original) {
                    throw new IOException("the incremental update wrote " + seen + " bytes, not the original's "
                            + original + " and an update after them");
                }
            }
        }
    }
}
