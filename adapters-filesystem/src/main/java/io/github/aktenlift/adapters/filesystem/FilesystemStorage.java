package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Storage on a root directory of a local disk or network share: Aktenlift's embedded default.
 *
 * <p>Content is written to a temporary file while being hashed, forced, renamed atomically into
 * place and its directory forced; reads check size and SHA-256. In storage format 2, the default
 * for a new root, an object is a plain file under its key's readable path ({@code
 * content/renditions/F000000017X/1/doc-1.pdf}), its bytes as they are, with a sidecar beside it
 * that records size and SHA-256; format 1 (a binary header in the file, escaped names) is still
 * read and written where a root's marker says so ({@link #format()}). Records are compare-and-set under
 * a file lock; logs are CRC32C-framed batches, one frame per batch. Reads never write; an append
 * interrupted by a crash is repaired only by the next append, which first keeps the cut bytes as a
 * quarantine object and records the repair ({@link LogStore#repairs}). Keys
 * map to file names that are safe from traversal, device names and case folding (see the layout in
 * {@code docs/filesystem-adapter.md}); format 2 refuses a content key whose name differs from a
 * stored one only in case ({@link io.github.aktenlift.spi.IllegalKeyException}), and a key above
 * or below a stored one ({@link io.github.aktenlift.spi.KeyConflictException}). Several threads and several processes may use one root at
 * once; the file locks need a filesystem with working POSIX or Windows locks (local disks, NFSv4,
 * SMB).
 *
 * <p>Declares {@link StorageCapability#MULTI_PROCESS} and {@link StorageCapability#STREAMING},
 * {@link StorageCapability#DURABLE} unless {@value FilesystemSettings#FSYNC} is {@code false}, and
 * on format 1 {@link StorageCapability#NESTED_KEYS}.
 *
 * <p>Opened with {@value FilesystemSettings#READ_ONLY}, it changes nothing on disk, not even on
 * open (no directory created, no stale temporary removed), and every write fails with
 * {@link io.github.aktenlift.spi.UnsupportedCapabilityException}: for verification and queries.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FilesystemStorage implements Storage {

    static final String FORMAT_FILE = "aktenlift-storage.txt";
    private static final String MARKER = "aktenlift filesystem storage, format %d\n";
    /** The format of a new root unless {@value FilesystemSettings#FORMAT} says otherwise. */
    static final int DEFAULT_FORMAT = 2;

    final Layout layout;
    final DurableFiles files;
    final FileLocks locks;
    private final int format;
    private final ContentStore content;
    private final FileRecordStore records;
    private final FileLogStore logs;
    private final Set<StorageCapability> capabilities;
    private volatile boolean closed;
    private final boolean readOnly;

    private FilesystemStorage(Path root, int format, boolean fsync, boolean readOnly) {
        this.readOnly = readOnly;
        this.format = format;
        this.layout = new Layout(root);
        this.files = new DurableFiles(fsync);
        this.locks = new FileLocks(files, root);
        this.content = format == 1 ? new FileContentStore(this) : new PlainContentStore(this);
        this.records = new FileRecordStore(this);
        this.logs = new FileLogStore(this, new LogRepairs(content, records, files));
        EnumSet<StorageCapability> caps = EnumSet.of(StorageCapability.MULTI_PROCESS, StorageCapability.STREAMING);
        if (format == 1) {
            // format 2 names an object's file by its key: one name cannot be a file and a directory
            caps.add(StorageCapability.NESTED_KEYS);
        }
        if (fsync) {
            caps.add(StorageCapability.DURABLE);
        }
        this.capabilities = Set.copyOf(caps);
    }

    /**
     * Opens storage on a directory with default settings.
     *
     * @param root the root directory; created if missing
     * @return the storage
     * @throws IllegalArgumentException if the root is not a writable directory
     */
    public static FilesystemStorage open(Path root) {
        return open(root, Map.of());
    }

    /**
     * Opens storage on a directory.
     *
     * @param root the root directory
     * @param settings {@link FilesystemSettings} by name; never {@code null}
     * @return the storage
     * @throws IllegalArgumentException if the root is not a writable directory, or a setting is malformed
     */
    public static FilesystemStorage open(Path root, Map<String, String> settings) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(settings, "settings");
        boolean fsync = FilesystemSettings.bool(settings, FilesystemSettings.FSYNC, true);
        boolean readOnly = FilesystemSettings.bool(settings, FilesystemSettings.READ_ONLY, false);
        boolean create = !readOnly && FilesystemSettings.bool(settings, FilesystemSettings.CREATE, true);
        Duration tmpMaxAge = FilesystemSettings.duration(settings, FilesystemSettings.TMP_MAX_AGE, Duration.ofHours(1));
        String wanted = settings.get(FilesystemSettings.FORMAT);
        if (wanted != null && !wanted.equals("1") && !wanted.equals("2")) {
            throw new IllegalArgumentException(FilesystemSettings.FORMAT + " must be 1 or 2: '" + wanted + "'");
        }
        Path real = checkedRoot(root, create, !readOnly);
        try {
            OptionalInt found = formatOf(real);
            if (found.isEmpty() && readOnly) {
                throw new IOException("it holds no storage (" + FORMAT_FILE + ")");
            }
            if (found.isPresent() && wanted != null && found.getAsInt() != Integer.parseInt(wanted)) {
                throw new IOException("it holds storage format " + found.getAsInt() + ", not the format " + wanted
                        + " that " + FilesystemSettings.FORMAT + " asks for");
            }
            int format = found.orElse(wanted == null ? DEFAULT_FORMAT : Integer.parseInt(wanted));
            FilesystemStorage s = new FilesystemStorage(real, format, fsync, readOnly);
            if (!readOnly) {
                s.initialize(found.isEmpty(), tmpMaxAge);
            }
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("storage root " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    /** @return the format the root's marker names, or empty if it has none */
    private static OptionalInt formatOf(Path root) throws IOException {
        Path marker = root.resolve(FORMAT_FILE);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return OptionalInt.empty();
        }
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(FORMAT_FILE + " is no regular file");
        }
        String found = Files.readString(marker, StandardCharsets.UTF_8);
        for (int f = 1; f <= 2; f++) {
            if (found.equals(String.format(MARKER, f))) {
                return OptionalInt.of(f);
            }
        }
        throw new IOException("unknown storage format in " + FORMAT_FILE);
    }

    static Path checkedRoot(Path root, boolean create) {
        return checkedRoot(root, create, true);
    }

    private static Path checkedRoot(Path root, boolean create, boolean writable) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            if (!Files.exists(abs) && create) {
                Files.createDirectories(abs);
            }
            if (!Files.isDirectory(abs)) {
                throw new IllegalArgumentException("root " + abs + " is not a directory");
            }
            if (writable && !Files.isWritable(abs)) {
                throw new IllegalArgumentException("root " + abs + " is not writable");
            }
            return abs.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("root " + abs + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private void initialize(boolean newRoot, Duration tmpMaxAge) throws IOException {
        if (newRoot) {
            files.ensureDirectory(layout.tmp, layout.root);
            files.writeAtomically(layout.root.resolve(FORMAT_FILE), layout.tmp,
                    String.format(MARKER, format).getBytes(StandardCharsets.UTF_8), CrashPoint.Atomic.MARKER);
        }
        for (Path dir : new Path[] {layout.content, layout.records, layout.logs, layout.locks, layout.tmp}) {
            files.ensureDirectory(dir, layout.root);
        }
        removeStaleTemporaries(tmpMaxAge);
    }

    /** Removes temporary files of crashed writers; a live writer keeps touching its file. */
    private void removeStaleTemporaries(Duration maxAge) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(maxAge));
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(layout.tmp)) {
            for (Path p : stream) {
                try {
                    if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException e) {
                    // another process removed it
                }
            }
        }
    }

    /**
     * @return the storage format of this root: 1 (content with a binary header under escaped names)
     *     or 2 (content as plain files under readable names, with a sidecar each); see
     *     {@code docs/filesystem-adapter.md}
     * @since 0.3
     */
    public int format() {
        return format;
    }

    /** @return the root directory, resolved */
    public Path root() {
        return layout.root;
    }

    @Override
    public ContentStore content() {
        return content;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public LogStore logs() {
        return logs;
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return capabilities;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Like {@link #ensureOpen}, and refuses every write of a storage opened read-only. */
    void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new UnsupportedCapabilityException("WRITE", "storage on " + layout.root + " was opened read-only ("
                    + FilesystemSettings.READ_ONLY + ")");
        }
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("storage on " + layout.root + " is closed");
        }
    }

    @Override
    public String toString() {
        return "FilesystemStorage[" + layout.root + "]";
    }
}
