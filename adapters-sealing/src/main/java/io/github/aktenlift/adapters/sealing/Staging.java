package io.github.aktenlift.adapters.sealing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Temporary files beside the targets of one operation, published only when every step has
 * succeeded. On failure every temporary file and every target this operation already published is
 * removed, so nothing half-sealed remains; a target that existed before is never touched.
 */
final class Staging implements AutoCloseable {

    private final List<Path> temporaries = new ArrayList<>();
    private final List<Path> published = new ArrayList<>();
    private boolean committed;

    /** @return a new, not yet existing temporary path in the target's directory */
    Path temporary(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path t = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        temporaries.add(t);
        return t;
    }

    /** Fails early if a target exists, before any work is done. */
    static void requireAbsent(Path target) {
        if (Files.exists(target)) {
            throw new SealingFailedException(target.getFileName().toString(),
                    "the target exists; sealed copies are new objects and never overwrite", null);
        }
    }

    /** Moves the finished temporary file to its target, failing if the target appeared meanwhile. */
    SealedFile publish(Path temporary, Path target) throws IOException {
        move(temporary, target);
        return describe(target);
    }

    /**
     * As {@link #publish}, without hashing the target: for a caller that stores the file next and
     * takes its hash there (the core's content store hashes what it stores).
     */
    void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target);
        } catch (FileAlreadyExistsException e) {
            throw new SealingFailedException(target.getFileName().toString(), "the target appeared while sealing", e);
        }
        published.add(target);
    }

    /** Keeps what was published. */
    void commit() {
        committed = true;
    }

    @Override
    public void close() {
        for (Path t : temporaries) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException ignored) {
                // a stray .part file is harmless and never mistaken for a target
            }
        }
        if (!committed) {
            for (Path p : published) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // nothing better to do: the caller gets the original failure
                }
            }
        }
    }

    static SealedFile describe(Path file) throws IOException {
        MessageDigest md = io.github.aktenlift.spi.sealing.DigestAlgorithm.SHA256.newDigest();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new SealedFile(file, size, HexFormat.of().formatHex(md.digest()));
    }
}
