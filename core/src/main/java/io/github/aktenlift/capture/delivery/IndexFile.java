package io.github.aktenlift.capture.delivery;

import io.github.aktenlift.capture.InvalidDeliveryException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens a delivery's {@code index.json} for reading, refusing before a byte is read what is not a
 * plain file of bounded size: a link, a FIFO, a device, a directory, a file over the limit, a text
 * in UTF-16 or UTF-32 or with a byte order mark. What is read is bounded as well, so that a file
 * that grows while it is read ends in an error, not in an endless read, and a link put in place
 * after the check is refused by the open itself ({@code O_NOFOLLOW}).
 *
 * <p>One window remains: a FIFO put in the index's place between the check and the open would
 * block the open until something writes to it, since Java cannot open a file without blocking.
 * That takes someone changing the delivery folder during those few microseconds while it is
 * ingested; a FIFO (or device) that is there when ingest starts is always refused unopened.
 */
final class IndexFile {

    /** The index file's name in the delivery folder. */
    static final String NAME = "index.json";

    private IndexFile() {
    }

    /**
     * @param file the index file
     * @param maxBytes the most bytes it may have
     * @return its text, decoded strictly as UTF-8 (a malformed byte sequence throws a
     *     {@link java.nio.charset.CharacterCodingException}); close it
     * @throws InvalidDeliveryException if it is missing, not a regular file, too large, or not UTF-8
     * @throws IOException if it cannot be opened
     */
    static Reader open(Path file, long maxBytes) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new InvalidDeliveryException(NAME, "missing");
        }
        if (a.isSymbolicLink()) {
            throw new InvalidDeliveryException(NAME, "is a link; the index must be a regular file");
        }
        if (a.isDirectory()) {
            throw new InvalidDeliveryException(NAME, "is a directory; the index must be a regular file");
        }
        if (!a.isRegularFile()) {
            throw new InvalidDeliveryException(NAME, "is a FIFO, device or socket; the index must be a regular file");
        }
        if (a.size() > maxBytes) {
            throw new InvalidDeliveryException(NAME, "is larger than " + size(maxBytes) + ", the policy's limit");
        }
        if (a.size() == 0) {
            throw new InvalidDeliveryException(NAME, "is empty");
        }
        // NOFOLLOW_LINKS opens with O_NOFOLLOW: a link put in place since the check is refused by the open
        InputStream raw = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        try {
            BufferedInputStream in = new BufferedInputStream(bounded(raw, maxBytes), 1 << 16);
            checkEncoding(in);
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * @param in what to read
     * @param limit the most bytes it may give
     * @return a stream that reads at most one byte past the limit and throws {@link GrewException} then
     */
    static InputStream bounded(InputStream in, long limit) {
        return new Bounded(in, limit);
    }

    /** JSON text starts with two ASCII characters; a zero byte among the first four means UTF-16 or UTF-32. */
    private static void checkEncoding(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        int n = head.length;
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        int b2 = n > 2 ? head[2] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            throw new InvalidDeliveryException(NAME, "starts with a byte order mark; the index must be UTF-8 without one");
        }
        if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
            throw new InvalidDeliveryException(NAME, "is UTF-16 or UTF-32 (it starts with a byte order mark);"
                    + " the index must be UTF-8");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new InvalidDeliveryException(NAME, "is UTF-16 or UTF-32 (zero bytes at its start);"
                        + " the index must be UTF-8");
            }
        }
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** Thrown when more than the limit can be read: the file grew, or was swapped, after its size was checked. */
    static final class GrewException extends IOException {
        private static final long serialVersionUID = 1L;

        GrewException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    /** Reads at most one byte beyond the limit, and fails when it gets it. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, limit + 1 - count));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, limit + 1 - count));
            counted(s);
            return s;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long n) throws GrewException {
            count += n;
            if (count > limit) {
                throw new GrewException(limit);
            }
        }
    }
}
