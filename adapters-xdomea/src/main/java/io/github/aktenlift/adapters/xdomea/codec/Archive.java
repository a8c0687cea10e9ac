package io.github.aktenlift.adapters.xdomea.codec;

import io.github.aktenlift.adapters.xdomea.message.MessageException;
import io.github.aktenlift.adapters.xdomea.message.MessageException.Problem;
import io.github.aktenlift.adapters.xdomea.message.ReaderLimits;
import io.github.aktenlift.spi.UnavailableException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A received ZIP archive, opened read-only under {@link ReaderLimits}: its size, entry count and
 * names are checked on opening, and every byte read from an entry counts against the limit of
 * expanded bytes — what the archive declares is checked too, but never trusted. Nothing is
 * extracted; the file is never written. Not thread-safe.
 *
 * @since 0.1
 */
public final class Archive implements AutoCloseable {

    private final String name;
    private final ZipFile zip;
    private final ReaderLimits limits;
    private final Map<String, ZipEntry> entries;
    private long expanded;

    private Archive(String name, ZipFile zip, ReaderLimits limits, Map<String, ZipEntry> entries) {
        this.name = name;
        this.zip = zip;
        this.limits = limits;
        this.entries = entries;
    }

    /**
     * @param file the archive
     * @param limits the limits
     * @return the opened archive; the caller closes it
     * @throws MessageException if it is no ZIP, too large, has too many entries, an illegal or
     *     duplicate name
     * @throws UnavailableException if the file cannot be read
     */
    public static Archive open(Path file, ReaderLimits limits) {
        String name = String.valueOf(file.getFileName());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("no such file: " + name, e);
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + name, e);
        }
        if (size > limits.maxArchiveBytes()) {
            throw new MessageException(Problem.ARCHIVE_TOO_LARGE, name, null,
                    size + " bytes, limit " + limits.maxArchiveBytes(), null);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException e) {
            throw new MessageException(Problem.NOT_A_ZIP, name, null, "not a readable ZIP archive", null);
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + name, e);
        }
        try {
            if (zip.size() > limits.maxEntries()) {
                throw new MessageException(Problem.TOO_MANY_ENTRIES, name, null,
                        zip.size() + " entries, limit " + limits.maxEntries(), null);
            }
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            long declared = 0;
            Enumeration<? extends ZipEntry> it = zip.entries();
            while (it.hasMoreElements()) {
                ZipEntry e = it.nextElement();
                EntryNames.check(e.getName());
                if (entries.put(e.getName(), e) != null) {
                    throw new MessageException(Problem.DUPLICATE_ENTRY, e.getName(), null, "the name occurs twice", null);
                }
                if (e.getSize() > 0) {
                    declared += e.getSize();
                }
                if (e.getSize() > limits.maxExpandedBytes() || declared > limits.maxExpandedBytes()) {
                    throw new MessageException(Problem.EXPANDED_TOO_LARGE, e.getName(), null,
                            "declared sizes exceed the limit of " + limits.maxExpandedBytes() + " bytes", null);
                }
            }
            return new Archive(name, zip, limits, Collections.unmodifiableMap(entries));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    /** @return the archive's file name */
    public String name() {
        return name;
    }

    /** @return the entry names, in archive order */
    public List<String> entryNames() {
        return new ArrayList<>(entries.keySet());
    }

    /** @return whether an entry has this name */
    public boolean has(String entry) {
        return entries.containsKey(entry);
    }

    /**
     * Opens an entry; every byte read counts against the archive's expanded-bytes limit, and more
     * than {@code maxBytes} from this entry alone fails too.
     *
     * @param entry the entry name
     * @param maxBytes the most bytes this entry may expand to
     * @return the stream, which throws {@link MessageException} ({@link Problem#EXPANDED_TOO_LARGE},
     *     {@link Problem#UNREADABLE_ENTRY}) from {@code read}
     */
    public InputStream open(String entry, long maxBytes) {
        return open(entry, maxBytes, true);
    }

    /**
     * Opens an entry again after the checks: bounded by {@code maxBytes} only, not counted against
     * the archive's limit (its bytes were counted when they were checked).
     */
    public InputStream reopen(String entry, long maxBytes) {
        return open(entry, maxBytes, false);
    }

    private InputStream open(String entry, long maxBytes, boolean counted) {
        ZipEntry e = entries.get(entry);
        if (e == null) {
            throw new MessageException(Problem.MISSING_DOCUMENT, entry, null, "no such entry", null);
        }
        InputStream raw;
        try {
            raw = zip.getInputStream(e);
        } catch (ZipException ex) {
            throw new MessageException(Problem.UNREADABLE_ENTRY, entry, null, "cannot be read", null);
        } catch (IOException ex) {
            throw new UnavailableException("cannot read " + name, ex);
        }
        return new FilterInputStream(raw) {
            private long own;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (ZipException | java.io.EOFException ex) {
                    throw new MessageException(Problem.UNREADABLE_ENTRY, entry, null, "damaged compressed data", null);
                }
                if (n > 0) {
                    own += n;
                    if (counted) {
                        expanded += n;
                    }
                    if (own > maxBytes || expanded > limits.maxExpandedBytes()) {
                        throw new MessageException(Problem.EXPANDED_TOO_LARGE, entry, null, "expands beyond the limit of "
                                + (own > maxBytes ? maxBytes : limits.maxExpandedBytes()) + " bytes", null);
                    }
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] buf = new byte[8192];
                long left = n;
                while (left > 0) {
                    int r = read(buf, 0, (int) Math.min(buf.length, left));
                    if (r < 0) {
                        break;
                    }
                    left -= r;
                }
                return n - left;
            }
        };
    }

    /** What {@link #digest} found: size, SHA-256 and, for a PDF, whether its shape holds. */
    public record Digest(long size, String sha256, boolean pdfShape) {
    }

    /**
     * Reads an entry whole: its size, SHA-256, and — if {@code pdf} — the shape of a PDF (which
     * costs reading up to the cross-reference offset a second time).
     *
     * @throws MessageException if a limit is exceeded or the entry is damaged
     */
    public Digest digest(String entry, boolean pdf) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        PdfShape shape = pdf ? new PdfShape() : null;
        long size = 0;
        try (InputStream in = open(entry, limits.maxExpandedBytes())) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
                if (shape != null) {
                    shape.update(buf, 0, n);
                }
                size += n;
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot read " + name, e);
        }
        boolean pdfOk = false;
        if (shape != null) {
            long offset = shape.xrefOffset();
            if (offset >= 0) {
                // the second look reads bytes already counted once
                try (InputStream in = reopen(entry, size)) {
                    long skipped = in.skip(offset);
                    byte[] at = new byte[64];
                    int got = skipped == offset ? in.readNBytes(at, 0, at.length) : 0;
                    pdfOk = got > 0 && PdfShape.xrefAt(at, got);
                } catch (IOException e) {
                    throw new UnavailableException("cannot read " + name, e);
                }
            }
        }
        return new Digest(size, HexFormat.of().formatHex(md.digest()), pdfOk);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
