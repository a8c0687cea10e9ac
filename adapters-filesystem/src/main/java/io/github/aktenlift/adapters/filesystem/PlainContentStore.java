package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.KeyConflictException;
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
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Storage format 2: content as plain files an operator can open — the object's bytes as they are,
 * under its key's readable path ({@link PlainNames}) — with a {@link Sidecar} {@code <name>~sum}
 * beside each that records key, size and SHA-256.
 *
 * <p><b>Writes</b> stream into a temporary file (hashed, forced), then, holding the lock of the
 * object's directory (a file lock, across processes): the sidecar is put into place first, the
 * object file second (renamed for {@code put}, hard-linked for {@code create}, which fails if the
 * name is taken). An object exists if and only if its object file does; so a crash before the
 * object file is in place leaves at most a sidecar without object, which is invisible and replaced
 * by the next write. A {@code put} over an object records both versions in the sidecar before the
 * object file is replaced and only the new one after, so the object file is valid at every
 * instant. {@code delete} removes the object file first, then the sidecar.
 *
 * <p><b>Reads</b> take no lock and write nothing: sidecar, then object file, then sidecar again;
 * if the two sidecar reads differ (every sidecar write has a fresh random tag), a writer was at
 * work and the read starts again, after a few tries holding the directory's lock shared. The
 * object is verified against the recorded size and SHA-256 as it is read.
 *
 * <p><b>Names that differ only in case</b> are refused: a name new to its directory is created
 * only holding the directory's lock (chosen by the folded path, so that every spelling takes the
 * same one), after a look at the directory found no other spelling of it. Directories are checked
 * so once per instance and then remembered; an object's sidecar names its key, so a read through a
 * name that a case-insensitive filesystem shares with another spelling finds nothing.
 *
 * <p>A key and keys below it cannot be stored together: one name cannot be a file and a
 * directory. No {@link io.github.aktenlift.spi.storage.StorageCapability#NESTED_KEYS}.
 */
final class PlainContentStore implements ContentStore {

    private static final int BUFFER = 1 << 16;
    /** Reads that found a writer at work this often take the directory's lock shared. */
    private static final int LOCK_FREE_ATTEMPTS = 3;
    private static final int MAX_VERIFIED_DIRECTORIES = 100_000;

    private final FilesystemStorage storage;
    private final Layout layout;
    private final DurableFiles files;
    private final FileLocks locks;
    /** Directories found to exist under exactly their name, with no other spelling beside them. */
    private final Set<Path> verified = ConcurrentHashMap.newKeySet();

    PlainContentStore(FilesystemStorage storage) {
        this.storage = storage;
        this.layout = storage.layout;
        this.files = storage.files;
        this.locks = storage.locks;
    }

    Path pathOf(Key key) {
        return layout.plainFile(key);
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
            if (!replace && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && recordsThisKey(key, target)) {
                // taken already: the stream need not be read (the lock and the link below decide a race)
                throw ConflictException.exists(key.value());
            }
            Sidecar.Version written = writeTemporary(data, tmp);
            ensureDirectories(key);
            String leaf = key.segments().get(key.segments().size() - 1);
            if (FileNames.isHashed(target.getFileName().toString())) {
                layout.recordHashedName(target.getParent(), leaf, files);
            }
            boolean committed = locks.withLock(FileLocks.Kind.CONTENT, layout.contentLock(target.getParent()), () -> {
                CrashPoint.CONTENT_PUT_LOCKED.reach();
                return commit(key, target, tmp, written, replace);
            });
            if (!committed) {
                // named outside the lock: listing may take locks of its own
                throw new KeyConflictException(key.value(), firstBelow(key));
            }
            CrashPoint.CONTENT_PUT_UNLOCKED.reach();
            return new ContentInfo(key, written.size(), written.sha256());
        } catch (FileAlreadyExistsException e) {
            throw ConflictException.exists(key.value());
        } catch (IOException e) {
            throw new UnavailableException("cannot store content '" + key + "'", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Streams the data into the temporary file, hashing it, and forces it. */
    private Sidecar.Version writeTemporary(InputStream data, Path tmp) throws IOException {
        MessageDigest md = FileContentStore.sha256();
        long size = 0;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
            CrashPoint.CONTENT_PUT_TEMP_WRITTEN.reach();
            files.force(ch);
            CrashPoint.CONTENT_PUT_TEMP_FSYNCED.reach();
        }
        return new Sidecar.Version(size, HexFormat.of().formatHex(md.digest()));
    }

    /**
     * Holding the directory's lock: sidecar first, object file second, settled sidecar last.
     *
     * @return {@code false} if the key's name is a directory (keys are stored below it); nothing written
     */
    private boolean commit(Key key, Path target, Path tmp, Sidecar.Version written, boolean replace) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path sidecar = Layout.sidecarOf(target);
        byte[] currentBytes = readSidecar(key, sidecar);
        Sidecar current = null;
        if (currentBytes != null) {
            try {
                current = Sidecar.parse(key.value(), currentBytes);
            } catch (IntegrityException damaged) {
                // a damaged sidecar: the object (if any) cannot be verified; a put replaces it, a create refuses
            }
        }
        boolean ours = current != null && current.key().equals(key.value());
        if (!ours) {
            refuseOtherSpelling(key, target);
        }
        boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (!replace && present) {
            throw ConflictException.exists(key.value());
        }
        Sidecar.Version old = null;
        if (ours && present) {
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                old = versionOf(ch, current);
            }
        }
        List<Sidecar.Version> versions = old == null || old.equals(written) ? List.of(written) : List.of(written, old);
        files.writeAtomically(sidecar, layout.tmp, Sidecar.of(key.value(), versions).bytes(), CrashPoint.Atomic.SIDECAR);
        if (replace) {
            files.moveIntoPlace(tmp, target, CrashPoint.Atomic.CONTENT);
        } else {
            try {
                files.linkIntoPlace(tmp, target, CrashPoint.Atomic.CONTENT);
            } catch (FileAlreadyExistsException e) {
                // only a writer that ignores the lock gets here: give the sidecar back to the object that won
                if (currentBytes != null) {
                    files.writeAtomically(sidecar, layout.tmp, currentBytes);
                } else {
                    Files.deleteIfExists(sidecar);
                }
                throw e;
            }
        }
        if (versions.size() == 2) {
            files.writeAtomically(sidecar, layout.tmp, Sidecar.of(key.value(), List.of(written)).bytes(),
                    CrashPoint.Atomic.SETTLE);
        }
        return true;
    }

    /** Whether the sidecar beside the object file records this key (read without a lock, for an early refusal). */
    private boolean recordsThisKey(Key key, Path target) throws IOException {
        try {
            byte[] b = readSidecar(key, Layout.sidecarOf(target));
            return b != null && Sidecar.parse(key.value(), b).key().equals(key.value());
        } catch (IntegrityException e) {
            return false;
        }
    }

    /**
     * Makes sure every directory on the way to the key's object file exists under exactly its
     * name, creating it if missing, each checked holding its parent's lock: no other spelling of
     * the name beside it, and no object file of that name (a key above this one).
     */
    private void ensureDirectories(Key key) throws IOException {
        List<String> segments = key.segments();
        Path p = layout.content;
        for (int i = 0; i < segments.size() - 1; i++) {
            String name = PlainNames.encode(segments.get(i));
            Path child = p.resolve(name);
            if (!verified.contains(child)) {
                Path parent = p;
                int depth = i;
                if (FileNames.isHashed(name)) {
                    // lowercase hex of a hash: no other spelling; its segment is written before it appears
                    layout.recordHashedName(parent, segments.get(i), files);
                    files.ensureDirectory(child, layout.root);
                } else {
                    locks.withLock(FileLocks.Kind.CONTENT, layout.contentLock(parent), () -> {
                        ensureDirectory(key, depth, parent, child);
                        return null;
                    });
                }
                if (verified.size() >= MAX_VERIFIED_DIRECTORIES) {
                    verified.clear();
                }
                verified.add(child);
            }
            p = child;
        }
    }

    private void ensureDirectory(Key key, int depth, Path parent, Path child) throws IOException {
        boolean exact = refuseOtherSpelling(key, child);
        if (!exact) {
            files.ensureDirectory(child, layout.root);
        } else if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                throw new KeyConflictException(key.value(), String.join("/", key.segments().subList(0, depth + 1)));
            }
            // a symbolic link or other special file planted in the tree: never written through
            throw new NotDirectoryException(child.toString());
        }
    }

    /**
     * Looks through the directory of {@code file} for a name that a case-insensitive filesystem
     * would take for the same file (sidecars and hashed-name files follow their names).
     *
     * @return whether the exact name is there
     * @throws IllegalKeyException naming the key and the stored one, if another spelling is there
     */
    private boolean refuseOtherSpelling(Key key, Path file) throws IOException {
        String name = file.getFileName().toString();
        String folded = PlainNames.fold(name);
        boolean exact = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(file.getParent())) {
            for (Path p : stream) {
                String n = p.getFileName().toString();
                if (n.endsWith(Sidecar.SUFFIX) || n.endsWith(Layout.NAME)) {
                    continue;
                }
                if (n.equals(name)) {
                    exact = true;
                } else if (PlainNames.fold(n).equals(folded)) {
                    List<String> segments = key.segments();
                    int depth = file.getNameCount() - layout.content.getNameCount() - 1;
                    String stored = String.join("/", segments.subList(0, depth))
                            + (depth == 0 ? "" : "/") + PlainNames.decode(n).orElse(n);
                    throw new IllegalKeyException(key.value(), "on a case-insensitive filesystem its name '" + name
                            + "' is the same file as '" + n + "' of the stored '" + stored
                            + "'; this store keeps no two names that differ only in case side by side");
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return exact;
    }

    /** The first key stored below a key whose name is a directory, for a {@link KeyConflictException}. */
    private String firstBelow(Key key) {
        ContentPage below = list(key.value(), Optional.empty(), 1);
        if (!below.items().isEmpty()) {
            return below.items().get(0).key().value();
        }
        // only empty directories (left by deletes) or files the adapter did not write
        return key.value() + "/";
    }

    // ---- reading --------------------------------------------------------------------------------

    private enum Found { ABSENT, NO_SIDECAR, OBJECT }

    /** What a consistent look at an object found; the channel (open, at 0) only for {@link Found#OBJECT}. */
    private record Resolved(Found found, FileChannel channel, Sidecar.Version version) {
        static final Resolved ABSENT = new Resolved(Found.ABSENT, null, null);
        static final Resolved NO_SIDECAR = new Resolved(Found.NO_SIDECAR, null, null);
    }

    private Resolved resolve(Key key) throws IOException {
        Path target = pathOf(key);
        Path sidecar = Layout.sidecarOf(target);
        try {
            for (int attempt = 1; attempt < LOCK_FREE_ATTEMPTS; attempt++) {
                Resolved r = look(key, target, sidecar);
                if (r != null) {
                    return r;
                }
            }
        } catch (FileSystemException e) {
            if (underAnObject(target)) {
                return Resolved.ABSENT; // "not a directory" on the way: a key above this one is stored
            }
            throw e;
        }
        // a writer keeps changing the object: wait for it, holding the lock shared (never created by a reader)
        return locks.withSharedLockIfPresent(FileLocks.Kind.CONTENT, layout.contentLock(target.getParent()), () -> {
            Resolved r = look(key, target, sidecar);
            if (r == null) {
                throw new UnavailableException("content '" + key + "' changed under the lock, which needs "
                        + "working file locks on this filesystem", null);
            }
            return r;
        });
    }

    /** Whether a name on the way from the content root to the file is a regular file (an object above the key). */
    private boolean underAnObject(Path file) {
        for (Path p = file.getParent(); p.startsWith(layout.content) && !p.equals(layout.content); p = p.getParent()) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sidecar, object file, sidecar: {@code null} if the two sidecar reads differ (a writer was at
     * work). The directory is resolved once and checked to lie inside the root; both files are
     * opened in it without following a link.
     */
    private Resolved look(Key key, Path target, Path sidecarPath) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return Resolved.ABSENT; // keys are stored below this one
        }
        Path realDirectory;
        try {
            realDirectory = layout.inside(key, target.getParent());
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Resolved.ABSENT;
        }
        Path object = realDirectory.resolve(target.getFileName().toString());
        Path sidecar = realDirectory.resolve(sidecarPath.getFileName().toString());
        if (!Files.isRegularFile(object, LinkOption.NOFOLLOW_LINKS) && Files.isSymbolicLink(object)) {
            throw new IntegrityException(key.value(), "object file is a symbolic link");
        }
        byte[] before = readSidecar(key, sidecar);
        FileChannel ch;
        try {
            ch = FileChannel.open(object, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Arrays.equals(before, readSidecar(key, sidecar)) ? Resolved.ABSENT : null;
        }
        try {
            if (!Arrays.equals(before, readSidecar(key, sidecar))) {
                ch.close();
                return null;
            }
            if (before == null) {
                ch.close();
                return Resolved.NO_SIDECAR;
            }
            Sidecar sc = Sidecar.parse(key.value(), before);
            if (!sc.key().equals(key.value())) {
                ch.close();
                if (sameFileOnCaseInsensitive(sc.key(), target)) {
                    return Resolved.ABSENT; // another spelling's object, seen through a case-insensitive name
                }
                throw new IntegrityException(key.value(), "its sidecar records another key");
            }
            Sidecar.Version v = versionOf(ch, sc);
            if (v == null) {
                ch.close();
                throw new IntegrityException(key.value(), "object file matches neither version its sidecar records");
            }
            ch.position(0);
            return new Resolved(Found.OBJECT, ch, v);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private boolean sameFileOnCaseInsensitive(String recordedKey, Path target) {
        try {
            return PlainNames.fold(pathOf(Key.of(recordedKey)).toString()).equals(PlainNames.fold(target.toString()));
        } catch (IllegalKeyException e) {
            return false;
        }
    }

    /**
     * Which recorded version the object file is: the only one; else the one of its size; else (two
     * of equal size, only after a put that a crash stopped or that is under way) the one of its
     * SHA-256, which takes a read of the file. {@code null} if none fits.
     */
    private static Sidecar.Version versionOf(FileChannel ch, Sidecar sc) throws IOException {
        List<Sidecar.Version> versions = sc.versions();
        if (versions.size() == 1) {
            return versions.get(0);
        }
        long size = ch.size();
        List<Sidecar.Version> bySize = versions.stream().filter(v -> v.size() == size).toList();
        if (bySize.size() < 2) {
            return bySize.isEmpty() ? null : bySize.get(0);
        }
        MessageDigest md = FileContentStore.sha256();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        for (long pos = 0; ; ) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            md.update(buf.array(), 0, n);
            pos += n;
        }
        String sha = HexFormat.of().formatHex(md.digest());
        return bySize.stream().filter(v -> v.sha256().equals(sha)).findFirst().orElse(null);
    }

    /** @return the sidecar's bytes, or {@code null} if there is none; a link is not followed (an error, ELOOP) */
    private byte[] readSidecar(Key key, Path sidecar) throws IOException {
        try (FileChannel ch = FileChannel.open(sidecar, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > Sidecar.MAX_BYTES) {
                throw new IntegrityException(key.value(), "sidecar larger than " + Sidecar.MAX_BYTES + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read to the end
            }
            return Arrays.copyOf(b.array(), b.position());
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        }
    }

    @Override
    public InputStream get(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureOpen();
        Resolved r;
        try {
            r = resolve(key);
        } catch (IOException e) {
            throw new UnavailableException("cannot read content '" + key + "'", e);
        }
        return switch (r.found()) {
            case ABSENT -> throw new NotFoundException(key.value());
            case NO_SIDECAR -> throw noSidecar(key);
            case OBJECT -> new VerifyingInputStream(Channels.newInputStream(r.channel()), key.value(), r.version().size(),
                    r.version().sha256());
        };
    }

    @Override
    public Optional<ContentInfo> head(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureOpen();
        Resolved r;
        try {
            r = resolve(key);
        } catch (IOException e) {
            throw new UnavailableException("cannot read content '" + key + "'", e);
        }
        return switch (r.found()) {
            case ABSENT -> Optional.empty();
            case NO_SIDECAR -> throw noSidecar(key);
            case OBJECT -> {
                closeQuietly(r.channel());
                yield Optional.of(new ContentInfo(key, r.version().size(), r.version().sha256()));
            }
        };
    }

    private static IntegrityException noSidecar(Key key) {
        return new IntegrityException(key.value(), "object file without its sidecar: size and SHA-256 are not recorded");
    }

    // ---- listing --------------------------------------------------------------------------------

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
                Path file = pathOf(p);
                // the prefix itself sorts before every key below it
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && (after == null || Key.compareUtf8(prefix, after) > 0)) {
                    object(p, found);
                }
                String sub = prefix + "/";
                if (after == null || after.startsWith(sub) || Key.compareUtf8(sub, after) > 0) {
                    walk(layout.plainDirectory(p), sub, after, found);
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

    /** Adds the object to the listing: an item, or a problem if it has no sidecar or a damaged one. */
    private void object(Key key, Listing out) throws IOException {
        try {
            Resolved r = resolve(key);
            switch (r.found()) {
                case ABSENT -> {
                    // deleted while listing
                }
                case NO_SIDECAR -> out.problem(ContentProblem.foreign(key.value(),
                        "a file without the adapter's sidecar (" + Sidecar.SUFFIX + "): its size and SHA-256 were never recorded"));
                case OBJECT -> {
                    closeQuietly(r.channel());
                    out.item(new ContentInfo(key, r.version().size(), r.version().sha256()));
                }
            }
        } catch (IntegrityException e) {
            String m = e.getMessage();
            String lead = "integrity failure on '" + key.value() + "': ";
            out.problem(ContentProblem.damaged(key, m.startsWith(lead) ? m.substring(lead.length()) : m));
        }
    }

    private enum Kind { OBJECT, DIRECTORY, FOREIGN }

    /**
     * One directory entry: an object (sorts by its segment), a subdirectory (by segment + "/"), or
     * a file the adapter did not write (by its file name, or its name + "/" for a directory).
     */
    private record Entry(String sortKey, Path path, Kind kind) {
    }

    /**
     * Visits keys in UTF-8 order, as format 1 does ({@link FileContentStore}); sidecars are read
     * with their objects, and one without its object (what a crash left of a write that never
     * completed) is not listed.
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
                if (!directory && name.endsWith(Sidecar.SUFFIX)) {
                    continue;
                }
                if (!directory && name.endsWith(Layout.NAME)
                        && FileNames.isHashed(name.substring(0, name.length() - Layout.NAME.length()))) {
                    continue; // the segment of a hashed name, read with its object or directory
                }
                Optional<String> segment = segmentOf(dir, name);
                if (segment.isPresent()) {
                    entries.add(new Entry(directory ? segment.get() + "/" : segment.get(), p,
                            directory ? Kind.DIRECTORY : Kind.OBJECT));
                } else {
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
                        object(Key.of(text), out);
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
        return PlainNames.decode(name);
    }

    // ---- delete ---------------------------------------------------------------------------------

    @Override
    public void delete(Key key) {
        Objects.requireNonNull(key, "key");
        storage.ensureWritable();
        Path target = pathOf(key);
        Path sidecar = Layout.sidecarOf(target);
        if (!Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS)
                || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return; // nothing stored under the key
        }
        try {
            // never delete through a directory a planted link leads out of the root
            layout.inside(key, target.getParent());
            locks.withLock(FileLocks.Kind.CONTENT, layout.contentLock(target.getParent()), () -> {
                byte[] b = readSidecar(key, sidecar);
                if (b != null) {
                    try {
                        String recorded = Sidecar.parse(key.value(), b).key();
                        if (!recorded.equals(key.value()) && sameFileOnCaseInsensitive(recorded, target)) {
                            return null; // another spelling's object: this key is not stored
                        }
                    } catch (IntegrityException damaged) {
                        // a damaged sidecar goes with its object
                    }
                }
                boolean removed = Files.deleteIfExists(target);
                if (removed) {
                    CrashPoint.CONTENT_DELETE_REMOVED.reach();
                }
                boolean sidecarRemoved = Files.deleteIfExists(sidecar);
                if (sidecarRemoved) {
                    CrashPoint.CONTENT_DELETE_SIDECAR_REMOVED.reach();
                }
                if (removed || sidecarRemoved) {
                    files.forceDirectory(target.getParent());
                    CrashPoint.CONTENT_DELETE_DIRECTORY_FSYNCED.reach();
                }
                return null;
            });
        } catch (NoSuchFileException | NotDirectoryException e) {
            // a path component is missing or no directory: nothing stored there
        } catch (IOException e) {
            throw new UnavailableException("cannot delete content '" + key + "'", e);
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
