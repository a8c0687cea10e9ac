package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything on disk under a root, for "nothing changed" checks: per path its kind, size,
 * modification time and, for files, SHA-256. A created lock file, a touched directory, a truncation
 * to the same length — each shows.
 */
final class StorageTree {

    private StorageTree() {
    }

    static Map<String, String> fingerprint(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what = (a.isDirectory() ? "dir " : a.isRegularFile() ? "file " : "other ") + a.size() + " "
                        + a.lastModifiedTime().toInstant();
                if (a.isRegularFile()) {
                    what += " " + sha256(Files.readAllBytes(p));
                }
                out.put(root.relativize(p).toString(), what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        MessageDigest md = FileContentStore.sha256();
        return HexFormat.of().formatHex(md.digest(bytes));
    }
}
