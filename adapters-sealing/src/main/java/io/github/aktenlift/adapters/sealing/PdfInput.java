package io.github.aktenlift.adapters.sealing;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadMemoryMappedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * heap.
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
     * @param target a new file
     * @return a buffered stream creating it: PDFBox writes an update in small pieces
     * @throws IOException if the file exists or cannot be created
     */
    static OutputStream create(Path target) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), OUTPUT_BUFFER);
    }
}
