package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
 */
final class FileLocks {

    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    private static final ReentrantLock[] STRIPES = new ReentrantLock[256];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private final DurableFiles files;
    private final Path top;

    FileLocks(DurableFiles files, Path top) {
        this.files = files;
        this.top = top;
    }

    <T> T withLock(Path lockFile, Body<T> body) throws IOException {
        ReentrantLock stripe = STRIPES[Math.floorMod(lockFile.toAbsolutePath().hashCode(), STRIPES.length)];
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
}
