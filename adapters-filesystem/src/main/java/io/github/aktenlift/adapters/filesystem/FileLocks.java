package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks per lock file that hold across threads and processes.
 *
 * <p>A {@link FileLock} belongs to the whole JVM, and a second lock on the same file from the same
 * JVM fails instead of waiting; so threads first take one of a fixed set of striped
 * {@link ReentrantLock}s, chosen by the lock file's path and shared by every adapter instance in the
 * JVM, and only then the file lock. Lock files are never deleted: deleting one while another
 * process waits on it would let two processes hold "the" lock.
 *
 * <p><b>Lock order.</b> Logs, records, content and the hotfolder have separate stripes. A log's lock may be held while a
 * record's or a content directory's lock is taken (a repair keeps the cut bytes and records
 * itself), never the other way round, and no other lock is taken while holding a record's or a
 * content directory's, so stripes shared by chance cannot form a cycle.
 */
final class FileLocks {

    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    /** Which set of stripes a lock file belongs to. */
    enum Kind {
        /** Record compare-and-set and delete; may be taken while holding a log's lock. */
        RECORDS,
        /** Log appends. */
        LOGS,
        /**
         * Format 2 content: writes of the objects in one directory and the creation of names in
         * it; never held while another lock is taken, may be taken while holding a log's lock.
         */
        CONTENT,
        /** The hotfolder's e-file, salt and import locks. */
        HOTFOLDER;

        private final ReentrantLock[] stripes = new ReentrantLock[256];

        Kind() {
            for (int i = 0; i < stripes.length; i++) {
                stripes[i] = new ReentrantLock();
            }
        }

        ReentrantLock stripe(Path lockFile) {
            return stripes[Math.floorMod(lockFile.toAbsolutePath().hashCode(), stripes.length)];
        }
    }

    private final DurableFiles files;
    private final Path top;

    FileLocks(DurableFiles files, Path top) {
        this.files = files;
        this.top = top;
    }

    /** Runs the body holding the exclusive lock, creating the lock file (and its directories) if missing. */
    <T> T withLock(Kind kind, Path lockFile, Body<T> body) throws IOException {
        ReentrantLock stripe = kind.stripe(lockFile);
        stripe.lock();
        try {
            files.ensureDirectory(lockFile.getParent(), top);
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                try {
                    return body.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            stripe.unlock();
        }
    }

    /**
     * Runs the body holding a shared lock, which waits for any holder of the exclusive lock; for
     * readers, which must not write, so a missing lock file is not created — then no writer has
     * ever held it, and the body runs without a file lock.
     */
    <T> T withSharedLockIfPresent(Kind kind, Path lockFile, Body<T> body) throws IOException {
        ReentrantLock stripe = kind.stripe(lockFile);
        stripe.lock();
        try {
            FileChannel ch;
            try {
                ch = FileChannel.open(lockFile, StandardOpenOption.READ);
            } catch (NoSuchFileException | NotDirectoryException e) {
                return body.run();
            }
            try (ch) {
                FileLock lock = ch.lock(0, Long.MAX_VALUE, true);
                try {
                    return body.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            stripe.unlock();
        }
    }
}
