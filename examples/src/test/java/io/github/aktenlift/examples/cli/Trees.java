package io.github.aktenlift.examples.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Test helper: copies a directory tree with its attributes, and describes one down to every byte. */
final class Trees {

    private Trees() {
    }

    /** Every file's path, size, modification time and SHA-256, and every directory, in order. */
    static String digest(Path root) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                entries.put(root.relativize(dir) + "/", "dir");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                entries.put(root.relativize(file).toString(), attrs.size() + " " + attrs.lastModifiedTime().toMillis()
                        + " " + HexFormat.of().formatHex(md.digest(Files.readAllBytes(file))));
                return FileVisitResult.CONTINUE;
            }
        });
        List<String> lines = new ArrayList<>();
        entries.forEach((k, v) -> lines.add(k + " " + v));
        return String.join("\n", lines);
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
