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
        List<String> segments = key.segments();
        Path p = subtree;
        for (int i = 0; i < segments.size(); i++) {
            String name = FileNames.encode(segments.get(i));
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
        Path p = subtree;
        for (String s : prefix.segments()) {
            p = p.resolve(FileNames.encode(s));
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
                files.ensureDirectory(p, root);
                Path nameFile = p.resolve(name + NAME);
                if (!Files.isRegularFile(nameFile, LinkOption.NOFOLLOW_LINKS)) {
                    files.writeAtomically(nameFile, tmp, segment.getBytes(StandardCharsets.UTF_8), CrashPoint.Atomic.NAME);
                }
            }
            p = p.resolve(name);
        }
    }
}
