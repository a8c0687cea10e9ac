package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Content as one file per object: a 64-byte header (magic, size, SHA-256, CRC32C of the header)
 * followed by the bytes. The header is written last into a temporary file, which is forced and
 * then renamed into place, so an object file is either complete with its hash or absent — there
 * is no second file that could disagree with it. {@link #create} links the temporary file into
 * place instead of renaming it: a hard link fails if the name is taken, so that of racing
 * creators, in this process or another on the same file system, exactly one wins.
 */
final class FileContentStore implements ContentStore {

    static final int HEADER = 64;
    private static final int MAGIC = 0x414B4331; // "AKC1"
    private static final int BUFFER = 1 << 16;

    private final FilesystemStorage storage;
    private final Layout layout;
    private final DurableFiles files;

    FileContentStore(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
        this.files = storage.files;
    }

    Path pathOf(Key key) {
        return layout.file(layout.content, key, Layout.OBJECT);
    }

    @Override
    public ContentInfo put(Key key, InputStream data) {
        return store(key, data, true);
    }

    @Override
    public ContentInfo create(Key key, InputStream data) {
        return store(key, data, false);
    }

    private ContentInfo store(Key key, InputStream data, boolean replace) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        storage.ensureWritable();
        Path target = pathOf(key);
        Path tmp = DurableFiles.tempName(layout.tmp, "c");
        try {
            if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // taken already: the stream need not be read (the link below decides a race)
                throw ConflictException.exists(key.value());
            }
            MessageDigest md = sha256();
            long size = 0;
            byte[] hash;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.position(HEADER);
                byte[] buf = new byte[BUFFER];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                for (int n; (n = data.read(buf)) >= 0; ) {
                    md.update(buf, 0, n);
                    bb.clear().limit(n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    size += n;
                }
                hash = md.digest();
                ByteBuffer header = header(size, hash);
                for (long pos = 0; header.hasRemaining(); ) {
                    pos += ch.write(header, pos);
                }
                CrashPoint.CONTENT_PUT_TEMP_WRITTEN.reach();
                files.force(ch);
                CrashPoint.CONTENT_PUT_TEMP_FSYNCED.reach();
            }
            ContentInfo info = new ContentInfo(key, size, HexFormat.of().formatHex(hash));
            layout.recordHashedNames(layout.content, key, files);
            files.ensureDirectory(target.getParent(), layout.root);
            if (replace) {
                files.moveIntoPlace(tmp, target, CrashPoint.Atomic.CONTENT);
            } else {
                files.linkIntoPlace(tmp, target, CrashPoint.Atomic.CONTENT);
            }
            return info;
        } catch (FileAlreadyExistsException e) {
            throw ConflictException.exists(key.value());
        } catch (IOException e) {
            throw new UnavailableException("cannot store content '" + key + "'", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public InputStream get(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureOpen();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(layout.inside(key, pathOf(key)), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            Header h = readHeader(key, ch);
            ch.position(HEADER);
            return new VerifyingInputStream(Channels.newInputStream(ch), key.value(), h.size,
                    HexFormat.of().formatHex(h.sha256));
        } catch (NoSuchFileException | NotDirectoryException e) {
            closeQuietly(ch);
            throw new NotFoundException(key.value());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UnavailableException("cannot read content '" + key + "'", e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public Optional<ContentInfo> head(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureOpen();
        return head(key, pathOf(key));
    }

    private Optional<ContentInfo> head(Key key, Path file) {
        try (FileChannel ch = FileChannel.open(layout.inside(key, file), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            Header h = readHeader(key, ch);
            return Optional.of(new ContentInfo(key, h.size, HexFormat.of().formatHex(h.sha256)));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnavailableException("cannot read content '" + key + "'", e);
        }
    }

    @Override
    public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
        Key.validatePrefix(prefix);
        Objects.requireNonNull(startAfter, "startAfter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1: " + limit);
        }
        storage.ensureOpen();
        String after = startAfter.map(Key::value).orElse(null);
        Listing found = new Listing(limit + 1);
        try {
            if (prefix.isEmpty()) {
                walk(layout.content, "", after, found);
            } else {
                Key p = Key.of(prefix);
                // the prefix itself sorts before every key below it
                if (after == null || Key.compareUtf8(prefix, after) > 0) {
                    object(p, pathOf(p), found);
                }
                String sub = prefix + "/";
                if (after == null || after.startsWith(sub) || Key.compareUtf8(sub, after) > 0) {
                    walk(layout.directory(layout.content, p), sub, after, found);
                }
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot list content under '" + prefix + "'", e);
        }
        return found.page(limit);
    }

    /** What a listing has found so far: items, and the problems among them. */
    private static final class Listing {
        private final int want;
        private final List<ContentInfo> items = new ArrayList<>();
        private final List<ContentProblem> problems = new ArrayList<>();
        private int problemsAtLimit;

        Listing(int want) {
            this.want = want;
        }

        boolean full() {
            return items.size() >= want;
        }

        void item(ContentInfo info) {
            items.add(info);
            if (items.size() == want - 1) {
                problemsAtLimit = problems.size();
            }
        }

        void problem(ContentProblem p) {
            problems.add(p);
        }

        ContentPage page(int limit) {
            if (items.size() > limit) {
                // problems after the page's last item are found again by the next page, which starts there
                List<ContentInfo> page = items.subList(0, limit);
                return new ContentPage(page, Optional.of(page.get(limit - 1).key()), problems.subList(0, problemsAtLimit));
            }
            return new ContentPage(items, Optional.empty(), problems);
        }
    }

    /** Adds the object stored in the file to the listing: an item, or a problem if its header is damaged. */
    private void object(Key key, Path file, Listing out) throws IOException {
        try {
            head(key, file).ifPresent(out::item);
        } catch (IntegrityException e) {
            out.problem(ContentProblem.damaged(key, "object file: " + detail(e, key)));
        }
    }

    private static String detail(IntegrityException e, Key key) {
        String m = e.getMessage();
        String lead = "integrity failure on '" + key.value() + "': ";
        return m.startsWith(lead) ? m.substring(lead.length()) : m;
    }

    private enum Kind { OBJECT, DIRECTORY, FOREIGN }

    /**
     * One directory entry: an object (sorts by its segment), a subdirectory (by segment + "/"), or
     * a file the adapter did not write (by its file name, or its name + "/" for a directory).
     */
    private record Entry(String sortKey, Path path, Kind kind) {
    }

    /**
     * Visits keys in UTF-8 order: within a directory, an object "s" sorts by "s" and a directory
     * "s" by "s/", because every key below it starts with "s/" and no sibling segment contains '/'.
     * Files and directories the adapter did not write are reported as foreign, once each (the
     * inside of a foreign directory is not visited).
     */
    private void walk(Path dir, String base, String after, Listing out) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                Optional<String> segment = Optional.empty();
                if (!directory && name.endsWith(Layout.OBJECT)) {
                    segment = segmentOf(dir, name.substring(0, name.length() - 2));
                    segment.ifPresent(s -> entries.add(new Entry(s, p, Kind.OBJECT)));
                } else if (directory && name.indexOf('~', 1) < 0) {
                    segment = segmentOf(dir, name);
                    segment.ifPresent(s -> entries.add(new Entry(s + "/", p, Kind.DIRECTORY)));
                } else if (!directory && name.endsWith(Layout.NAME)
                        && FileNames.isHashed(name.substring(0, name.length() - Layout.NAME.length()))) {
                    continue; // the segment of a hashed name, read with its object or directory
                }
                if (segment.isEmpty()) {
                    entries.add(new Entry(directory ? name + "/" : name, p, Kind.FOREIGN));
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        entries.sort((a, b) -> Key.compareUtf8(a.sortKey, b.sortKey));
        for (Entry e : entries) {
            if (out.full()) {
                return;
            }
            String text = base + e.sortKey;
            switch (e.kind) {
                case OBJECT -> {
                    if (after == null || Key.compareUtf8(text, after) > 0) {
                        object(Key.of(text), e.path, out);
                    }
                }
                case DIRECTORY -> {
                    if (after == null || after.startsWith(text) || Key.compareUtf8(text, after) > 0) {
                        walk(e.path, text, after, out);
                    }
                }
                case FOREIGN -> {
                    if (after == null || Key.compareUtf8(text, after) > 0) {
                        out.problem(ContentProblem.foreign(text, "a " + (text.endsWith("/") ? "directory" : "file")
                                + " the adapter did not write: its name encodes no key"));
                    }
                }
            }
        }
    }

    private static Optional<String> segmentOf(Path dir, String name) throws IOException {
        if (FileNames.isHashed(name)) {
            try {
                String segment = Files.readString(dir.resolve(name + Layout.NAME), StandardCharsets.UTF_8);
                return name.equals(FileNames.hashed(segment)) ? Optional.of(segment) : Optional.empty();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
        return FileNames.decode(name);
    }

    @Override
    public void delete(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureWritable();
        Path file = pathOf(key);
        try {
            if (Files.deleteIfExists(file)) {
                CrashPoint.CONTENT_DELETE_REMOVED.reach();
                files.forceDirectory(file.getParent());
                CrashPoint.CONTENT_DELETE_DIRECTORY_FSYNCED.reach();
            }
        } catch (NotDirectoryException e) {
            // a path component is no directory: nothing stored there
        } catch (IOException e) {
            throw new UnavailableException("cannot delete content '" + key + "'", e);
        }
    }

    // ---- format ---------------------------------------------------------------------------------

    private record Header(long size, byte[] sha256) {
    }

    private static ByteBuffer header(long size, byte[] hash) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.putInt(MAGIC).putInt(0).putLong(size).put(hash);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 48);
        b.putInt((int) crc.getValue());
        b.clear();
        return b;
    }

    private static Header readHeader(Key key, FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                throw new IntegrityException(key.value(), "object file shorter than its header");
            }
        }
        b.flip();
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 48);
        if (b.getInt(0) != MAGIC || b.getInt(48) != (int) crc.getValue()) {
            throw new IntegrityException(key.value(), "object header damaged");
        }
        long size = b.getLong(8);
        byte[] hash = Arrays.copyOfRange(b.array(), 16, 48);
        return new Header(size, hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a left-over temporary file is invisible and removed on the next open
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was read
            }
        }
    }
}
