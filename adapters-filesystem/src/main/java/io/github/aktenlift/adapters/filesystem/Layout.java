package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where things live under a storage root:
 *
 * <pre>
 * root/
 *   aktenlift-storage.txt     format marker
 *   content/a/b~o             object "a/b": 64-byte header (size, SHA-256) + bytes
 *   records/a/b~r             record "a/b": version, length, CRC32C, value
 *   logs/journal/events~l     log "journal/events": CRC32C-framed batches
 *   locks/records/a/b~x       lock files (never deleted)
 *   locks/logs/…~x
 *   tmp/                      temporary files, renamed into place when complete
 * </pre>
 *
 * Each key segment is a directory (or, for the last one, a file with a role suffix) named by
 * {@link FileNames}; a hashed name {@code ~<hex>} has the segment it stands for in
 * {@code ~<hex>~n} beside it. Every computed path is checked to lie below its subtree.
 *
 * <p>Storage format 2 names content differently: {@code content/a/b} is the object's bytes under
 * names made by {@link PlainNames}, with its {@link Sidecar} {@code content/a/b~sum} beside it, and
 * {@code locks/content/<00–ff>~x} are the striped locks of content directories. Records and logs
 * are named as above in both formats.
 */
final class Layout {

    static final String OBJECT = "~o";
    static final String RECORD = "~r";
    static final String LOG = "~l";
    static final String LOCK = "~x";
    static final String NAME = "~n";

    final Path root;
    final Path content;
    final Path records;
    final Path logs;
    final Path locks;
    final Path tmp;

    Layout(Path root) {
        this.root = root;
        this.content = root.resolve("content");
        this.records = root.resolve("records");
        this.logs = root.resolve("logs");
        this.locks = root.resolve("locks");
        this.tmp = root.resolve("tmp");
    }

    /** The file of a key in a subtree, with the role suffix on its last name. */
    Path file(Path subtree, Key key, String suffix) {
        return file(subtree, key, suffix, FileNames::encode);
    }

    /** Format 2: the object file of a content key, named by {@link PlainNames}, no suffix. */
    Path plainFile(Key key) {
        return file(content, key, "", PlainNames::encode);
    }

    /** Format 2: the sidecar beside a content key's object file. */
    static Path sidecarOf(Path objectFile) {
        return objectFile.resolveSibling(objectFile.getFileName() + Sidecar.SUFFIX);
    }

    /** Format 2: the directory that holds the content keys under a prefix. */
    Path plainDirectory(Key prefix) {
        return directory(content, prefix, PlainNames::encode);
    }

    /**
     * Format 2: the lock file of a content directory, one of 256 stripes chosen by the directory's
     * folded path, so that every spelling of a name takes the same lock.
     */
    Path contentLock(Path directory) {
        String folded = PlainNames.fold(content.relativize(directory).toString());
        return locks.resolve("content").resolve(String.format("%02x", folded.hashCode() & 0xff) + LOCK);
    }

    private Path file(Path subtree, Key key, String suffix, UnaryOperator<String> encoder) {
        List<String> segments = key.segments();
        Path p = subtree;
        for (int i = 0; i < segments.size(); i++) {
            String name = encoder.apply(segments.get(i));
            p = p.resolve(i == segments.size() - 1 ? name + suffix : name);
        }
        Path normal = p.normalize();
        if (!normal.startsWith(subtree) || normal.equals(subtree)) {
            // unreachable with FileNames' alphabet; defence in depth against a future change
            throw new IllegalKeyException(key.value(), "maps outside the storage root");
        }
        return normal;
    }

    /** The directory that holds the keys under a prefix. */
    Path directory(Path subtree, Key prefix) {
        return directory(subtree, prefix, FileNames::encode);
    }

    private Path directory(Path subtree, Key prefix, UnaryOperator<String> encoder) {
        Path p = subtree;
        for (String s : prefix.segments()) {
            p = p.resolve(encoder.apply(s));
        }
        Path normal = p.normalize();
        if (!normal.startsWith(subtree)) {
            throw new IllegalKeyException(prefix.value(), "maps outside the storage root");
        }
        return normal;
    }

    /**
     * Checks that an existing file really lies below the root, with no symbolic link on the way
     * that leads elsewhere (a link planted inside the root by someone with access to it).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IntegrityException if it resolves outside the root
     */
    Path inside(Key key, Path file) throws IOException {
        Path real = file.toRealPath();
        if (!real.startsWith(root)) {
            throw new IntegrityException(key.value(), "resolves outside the storage root through a symbolic link");
        }
        return real;
    }

    Path lock(String kind, Key key) {
        return file(locks.resolve(kind), key, LOCK);
    }

    /**
     * Writes the segment of every hashed name on the way to {@code file}, so that listings can
     * recover the key. Idempotent; done before the file itself becomes visible.
     */
    void recordHashedNames(Path subtree, Key key, DurableFiles files) throws IOException {
        Path p = subtree;
        for (String segment : key.segments()) {
            String name = FileNames.encode(segment);
            if (FileNames.isHashed(name)) {
                recordHashedName(p, segment, files);
            }
            p = p.resolve(name);
        }
    }

    /**
     * Writes the {@code ~n} file of one hashed name into {@code parent} (created if missing), if it
     * is not there yet.
     */
    void recordHashedName(Path parent, String segment, DurableFiles files) throws IOException {
        files.ensureDirectory(parent, root);
        Path nameFile = parent.resolve(FileNames.hashed(segment) + NAME);
        if (!Files.isRegularFile(nameFile, LinkOption.NOFOLLOW_LINKS)) {
            files.writeAtomically(nameFile, tmp, segment.getBytes(StandardCharsets.UTF_8), CrashPoint.Atomic.NAME);
        }
    }
}
