package io.github.aktenlift.adapters.sealing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadMemoryMappedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the sealing adapter reads a PDF it appends an incremental update to, and writes the result.
 *
 * <p>Why not {@code Loader.loadPDF(File)}: an incremental update copies every byte of the source to
 * the target, and a signature's digest reads them all again. PDFBox's file reader serves both
 * through 4 KiB pages and a seek per read, two system calls per 4 KiB; in a profile of sealed
 * capture that copying took a fifth of the sealing time. A memory-mapped source serves the same
 * reads from the page cache without a call. Files beyond {@value #MAPPED_LIMIT} bytes (one mapping
 * holds at most 2 GiB) keep the file reader, so memory stays bounded by the page cache, never the
 * heap. The update itself is appended to a file-system copy of the source ({@link #copyThenAppend}).
 */
final class PdfInput {

    /** Larger sources are read through PDFBox's buffered file reader. */
    static final long MAPPED_LIMIT = 1L << 30;
    private static final int OUTPUT_BUFFER = 256 * 1024;

    private PdfInput() {
    }

    /**
     * @param pdf the file; only read
     * @return the document, lazily loaded; closing it closes the reader
     * @throws IOException if the file cannot be opened or parsed
     */
    static PDDocument load(Path pdf) throws IOException {
        RandomAccessRead source = Files.size(pdf) <= MAPPED_LIMIT ? new RandomAccessReadMemoryMappedFile(pdf)
                : new RandomAccessReadBufferedFile(pdf);
        try {
            return Loader.loadPDF(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * The output for PDFBox's incremental save of {@code source} into {@code target}: the file
     * system copies the source (no pass through the heap), and the stream drops the copy PDFBox
     * writes first and appends only the update after it. PDFBox writes the original's bytes
     * unchanged and then the update, whose offsets count from the original's start, so the target
     * ends up byte for byte as if PDFBox had written all of it.
     *
     * @param source the PDF the update is for; only read
     * @param target a new file
     * @return the stream to save into; closing it checks that PDFBox wrote the original's length first
     * @throws IOException if the target exists or cannot be written
     */
    static OutputStream copyThenAppend(Path source, Path target) throws IOException {
        long length = Files.size(source);
        Files.copy(source, target);
        if (Files.size(target) != length) {
            throw new IOException("the copy of the source has another length");
        }
        return new BufferedOutputStream(new IncrementOnly(target, length), OUTPUT_BUFFER);
    }

    /** Drops the first {@code original} bytes written to it and appends the rest to a file. */
    private static final class IncrementOnly extends OutputStream {
        private final FileChannel file;
        private final long original;
        private long seen;

        IncrementOnly(Path pdf, long original) throws IOException {
            this.file = FileChannel.open(pdf, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
                ByteBuffer buffer = ByteBuffer.wrap(b, off + skip, len - skip);
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
