package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * The few file operations crash safety rests on: write to a temporary file, force it, rename it
 * atomically into place, force the directory. Shared by storage, hotfolder and outbox. Storage
 * names each step as a {@link CrashPoint}; creating a directory reaches its points for everyone.
 */
final class DurableFiles {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");

    private final boolean fsync;

    DurableFiles(boolean fsync) {
        this.fsync = fsync;
    }

    boolean fsync() {
        return fsync;
    }

    /** Forces a file channel's data (and the metadata needed to read it) to the device. */
    void force(FileChannel channel) throws IOException {
        if (fsync) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory, so that a rename or a new entry in it survives a crash of the machine.
     * Windows cannot open directories for this; NTFS journals renames itself.
     */
    void forceDirectory(Path dir) throws IOException {
        if (!fsync || WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Makes sure a directory exists, creating missing parents up to {@code top}, each made durable.
     * Refuses symbolic links and non-directories on the way, so nothing is ever written outside.
     */
    void ensureDirectory(Path dir, Path top) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!dir.startsWith(top) || dir.equals(top)) {
            throw new NotDirectoryException(dir.toString());
        }
        ensureDirectory(dir.getParent(), top);
        try {
            Files.createDirectory(dir);
            CrashPoint.DIRECTORY_CREATED.reach();
            forceDirectory(dir.getParent());
            CrashPoint.DIRECTORY_FSYNCED.reach();
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(dir.toString());
            }
        }
    }

    /** A fresh, unused name for a temporary file in {@code tmpDir}. */
    static Path tempName(Path tmpDir, String hint) {
        return tmpDir.resolve(hint + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tmp");
    }

    /** Renames atomically, replacing the target, and forces the target's directory. */
    void moveIntoPlace(Path source, Path target) throws IOException {
        moveIntoPlace(source, target, null);
    }

    /**
     * Renames atomically, replacing the target, and forces the target's directory, reaching the
     * crash points of {@code steps} (if not {@code null}) after each.
     */
    void moveIntoPlace(Path source, Path target, CrashPoint.Atomic steps) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // ATOMIC_MOVE with REPLACE_EXISTING is refused by some providers; ATOMIC_MOVE alone replaces
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        }
        if (steps != null) {
            steps.renamed().reach();
        }
        forceDirectory(target.getParent());
        if (steps != null) {
            steps.directoryFsynced().reach();
        }
    }

    /**
     * Links the source under the target's name only if no target exists, atomically (a hard link
     * is created whole or not at all, and fails if the name is taken), and forces the target's
     * directory, reaching the crash points of {@code steps} after each. The source stays; the
     * caller removes it.
     *
     * @throws FileAlreadyExistsException if the target exists; nothing changed
     */
    void linkIntoPlace(Path source, Path target, CrashPoint.Atomic steps) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException e) {
            throw new IOException("the file system offers no hard links, which create-if-absent needs", e);
        }
        steps.renamed().reach();
        forceDirectory(target.getParent());
        steps.directoryFsynced().reach();
    }

    /** Writes small bytes to a file durably and atomically: temp, force, rename, force directory. */
    void writeAtomically(Path target, Path tmpDir, byte[] bytes) throws IOException {
        writeAtomically(target, tmpDir, bytes, null);
    }

    /**
     * Writes small bytes to a file durably and atomically: temp, force, rename, force directory,
     * reaching the crash points of {@code steps} (if not {@code null}) after each.
     */
    void writeAtomically(Path target, Path tmpDir, byte[] bytes, CrashPoint.Atomic steps) throws IOException {
        Path tmp = tempName(tmpDir, "w");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (steps != null) {
                    steps.tempWritten().reach();
                }
                force(ch);
                if (steps != null) {
                    steps.tempFsynced().reach();
                }
            }
            moveIntoPlace(tmp, target, steps);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
