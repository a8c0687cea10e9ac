package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.CaptureProblem.Kind;
import io.github.aktenlift.capture.delivery.PageEntry;
import io.github.aktenlift.textlayer.OcrFormat;
import io.github.aktenlift.textlayer.OcrProblem;
import io.github.aktenlift.textlayer.OcrReader;
import io.github.aktenlift.textlayer.PageText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A page's delivered OCR file, read whole (it is bounded: {@link #MAX_BYTES}), its hash compared with
 * the index's, and parsed with the hardened {@link OcrReader} against the page image's size. Read
 * once when the page is checked and once more when its rendition is written, so that no text is
 * held in memory between the two; the second read must find the same bytes.
 */
final class OcrFile {

    /** The largest OCR file taken: a dense page's ALTO is some hundreds of kilobytes. */
    static final int MAX_BYTES = 16 << 20;

    private OcrFile() {
    }

    /** A refusal of the OCR file, as the capture problem it becomes. */
    static final class Refused extends Exception {
        private final Kind kind;

        Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    /**
     * Reads, verifies and parses a page's OCR file.
     *
     * @param file the file, its path already found safe
     * @param entry what the index says of it
     * @param width the page image's width in pixels
     * @param height its height
     * @param dpiX its horizontal resolution
     * @param dpiY its vertical resolution
     * @return the page's text
     * @throws Refused naming what is wrong, never the text
     */
    static PageText read(Path file, PageEntry.OcrEntry entry, int width, int height, double dpiX, double dpiY)
            throws Refused {
        byte[] bytes;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                throw new Refused(Kind.UNSAFE_PATH, "its OCR file is a symbolic link; the format allows no links");
            }
            if (!a.isRegularFile()) {
                throw new Refused(Kind.NOT_A_FILE, "its OCR file is not a regular file");
            }
            if (links(file) > 1) {
                throw new Refused(Kind.UNSAFE_PATH, "its OCR file has other names (a hard link); the format allows no links");
            }
            if (a.size() > MAX_BYTES) {
                throw new Refused(Kind.OCR_INVALID, "its OCR file has " + a.size() + " bytes, more than the "
                        + MAX_BYTES + " allowed");
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new Refused(Kind.MISSING_PAGE, "its OCR file is listed in the index but not delivered or not readable");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused(Kind.OCR_INVALID, "its OCR file has more than the " + MAX_BYTES + " bytes allowed");
        }
        if (bytes.length == 0) {
            throw new Refused(Kind.EMPTY_FILE, "its OCR file has 0 bytes");
        }
        String sha = sha256(bytes);
        if (!sha.equals(entry.sha256())) {
            throw new Refused(Kind.HASH_MISMATCH, "its OCR file: index says " + entry.sha256() + ", file has " + sha);
        }
        OcrFormat format = OcrFormat.valueOf(entry.format());
        try {
            return OcrReader.read(bytes, format, width, height, dpiX, dpiY, "delivered " + format);
        } catch (OcrProblem e) {
            Kind kind = switch (e.kind()) {
                case PAGE_SIZE -> Kind.OCR_PAGE_SIZE;
                case OUTSIDE_PAGE -> Kind.OCR_OUTSIDE_PAGE;
                case MALFORMED, DOCTYPE, TOO_LARGE -> Kind.OCR_INVALID;
            };
            throw new Refused(kind, "its " + format + " file: " + e.getMessage());
        }
    }

    /** The same, for the renderer: a refusal now means the file changed since it was checked. */
    static PageText reread(Path file, PageEntry.OcrEntry entry, int width, int height, double dpiX, double dpiY)
            throws IOException {
        try {
            return read(file, entry, width, height, dpiX, dpiY);
        } catch (Refused e) {
            throw new IOException("a page's OCR file changed after it was checked: " + e.getMessage());
        }
    }

    /** @return how many names the file has, or 1 where the file system cannot tell */
    private static int links(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
