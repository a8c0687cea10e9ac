package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.evidence.EvidenceTamperContract;
import io.github.aktenlift.testkit.evidence.RawView;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The filesystem storage passes the evidence tamper contract, on a root of the default format (2:
 * content as plain files with a sidecar each); {@link Format1EvidenceTamperTest} runs it on
 * format 1. Raw objects are the files and directories under the storage root (content files and
 * their sidecars, or format 1's files with a header; CRC-framed logs, records, lock files); the
 * fingerprint is each one's kind, size, modification time and SHA-256. Storage is opened with
 * fsync off: the contract makes thousands of copies, and durability is not what it checks.
 */
class FilesystemEvidenceTamperTest extends EvidenceTamperContract {

    /**
     * The sample of positions and objects in the default build: every position took this class
     * 150–170 s of a two-core build in which the S3 adapter's tests run beside it, most of it
     * opening the library on each tampered copy (the journal's replay). CI ({@code .ci/run}) runs
     * this class again after the build with {@code -Daktenlift.tamper.exhaustive=true}: every
     * position and every object, on every run.
     */
    @Override
    protected boolean everyEventPosition() {
        return false;
    }

    /** @return the settings every store is opened with */
    Map<String, String> settings() {
        return Map.of(FilesystemSettings.FSYNC, "false");
    }

    @TempDir
    Path dir;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected Storage newStorage() {
        return FilesystemStorage.open(dir.resolve("store-" + stores.incrementAndGet()), settings());
    }

    @Override
    protected void discard(Storage storage) throws IOException {
        storage.close();
        try (Stream<Path> paths = Files.walk(((FilesystemStorage) storage).layout.root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    protected RawView raw(Storage storage) {
        FilesystemStorage fs = (FilesystemStorage) storage;
        Layout layout = fs.layout;
        Path root = layout.root;
        return new RawView() {
            /**
             * The files of a key's object (format 2: the object file and its sidecar), record or
             * log, by the adapter's own layout (names are encoded).
             */
            @Override
            public List<String> namesOf(Key key) {
                List<String> out = new ArrayList<>();
                List<Path> content = fs.format() == 1 ? List.of(layout.file(layout.content, key, Layout.OBJECT))
                        : List.of(layout.plainFile(key), Layout.sidecarOf(layout.plainFile(key)));
                List<Path> candidates = new ArrayList<>(content);
                candidates.add(layout.file(layout.records, key, Layout.RECORD));
                candidates.add(layout.file(layout.logs, key, Layout.LOG));
                for (Path p : candidates) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.add(name(p));
                    }
                }
                return out;
            }

            @Override
            public SortedMap<String, String> fingerprint() {
                SortedMap<String, String> out = new TreeMap<>();
                try (Stream<Path> paths = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) paths::iterator) {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        String what = (a.isDirectory() ? "dir " : a.isRegularFile() ? "file " : "other ") + a.size()
                                + " " + a.lastModifiedTime().toInstant();
                        if (a.isRegularFile()) {
                            what += " " + StorageTree.sha256(Files.readAllBytes(p));
                        }
                        out.put(name(p), what);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out;
            }

            private String name(Path p) {
                return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
            }

            /** A directory has no bytes of its own: empty. */
            @Override
            public byte[] read(String name) {
                Path p = root.resolve(name);
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        return new byte[0];
                    }
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new IllegalArgumentException("no raw object " + name, e);
                }
            }

            @Override
            public void write(String name, byte[] bytes) {
                Path p = root.resolve(name);
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException("no raw object " + name);
                }
                try {
                    Files.write(p, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
