package io.github.aktenlift.capture.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a sealed capture keeps a product between writing it and storing it sealed: in heap chunks
 * while the JVM-wide staging budget holds it, else in a file of the capture's scratch directory.
 * A product waits for its key call (a case file's, or a whole delivery's), and then gets its seal
 * written in place; keeping it in memory spares the kernel the file's writing, reading and
 * deleting, which cost sealed capture about as much CPU as one more SHA-256 pass over every byte.
 *
 * <p>The budget is a quarter of the JVM's maximum heap, or the number of MiB in the system
 * property {@value #PROPERTY}, read once; a product that does not fit when it is created (by its
 * expected size) goes to a file, so memory stays bounded whatever the delivery; one that grows
 * past what it expected takes the chunks it needs beyond its reservation (renditions are expected
 * with room to spare: their pages' sizes, the seal's reserve and a margin). Chunks are pooled for
 * reuse, up to half the budget and at most 128 MiB, so that a busy capture does not hand the
 * garbage collector a stream of large arrays.
 *
 * <p>Not thread-safe: one product is written and read by one step at a time.
 */
final class Staged implements AutoCloseable {

    /** System property: the staging budget in MiB. */
    static final String PROPERTY = "aktenlift.capture.stagingBudgetMiB";

    private static final int CHUNK = 1 << 20;
    private static final long BUDGET = budget();
    private static final AtomicLong RESERVED = new AtomicLong();
    /** Free chunks kept for reuse, at most {@link #POOLED} of them: half the budget, at most 128 MiB. */
    private static final ConcurrentLinkedDeque<byte[]> POOL = new ConcurrentLinkedDeque<>();
    private static final long POOLED = Math.min(128, BUDGET / CHUNK / 2);
    private static final AtomicLong POOL_SIZE = new AtomicLong();

    private final Path file;
    private final long reserved;
    private final List<byte[]> chunks;
    private long size;
    private boolean closed;

    private Staged(Path file, long reserved) {
        this.file = file;
        this.reserved = reserved;
        this.chunks = file == null ? new ArrayList<>() : null;
    }

    private static long budget() {
        String mib = System.getProperty(PROPERTY, "").trim();
        if (!mib.isEmpty()) {
            try {
                long v = Long.parseLong(mib);
                if (v >= 0) {
                    return v << 20;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default; the property is documented as a number of MiB
            }
        }
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * A new, empty product.
     *
     * @param file where it goes if the budget cannot hold it; must not exist
     * @param expected how large it will be, about: what is reserved from the budget
     * @return the product, in memory or in {@code file}
     * @throws IOException if the file cannot be created
     */
    static Staged create(Path file, long expected) throws IOException {
        long want = Math.max(CHUNK, (expected + CHUNK - 1) / CHUNK * CHUNK);
        long now;
        do {
            now = RESERVED.get();
            if (now + want > BUDGET) {
                Files.createFile(file);
                return new Staged(file, 0);
            }
        } while (!RESERVED.compareAndSet(now, now + want));
        return new Staged(null, want);
    }

    /** @return whether the product is kept in memory */
    boolean inMemory() {
        return file == null;
    }

    /** @return its length so far */
    long size() {
        return size;
    }

    /**
     * @return a stream that appends to the product; close it before reading or writing otherwise
     * @throws IOException if the file cannot be opened
     */
    OutputStream append() throws IOException {
        if (file != null) {
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND);
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    size++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    size += len;
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                while (len > 0) {
                    int at = (int) (size % CHUNK);
                    if (at == 0 && size / CHUNK == chunks.size()) {
                        chunks.add(chunk());
                    }
                    int n = Math.min(len, CHUNK - at);
                    System.arraycopy(b, off, chunks.get((int) (size / CHUNK)), at, n);
                    off += n;
                    len -= n;
                    size += n;
                }
            }
        };
    }

    /**
     * Overwrites bytes that were written already.
     *
     * @param position where
     * @param data what
     * @throws IOException if the file cannot be written
     * @throws IndexOutOfBoundsException if the range is not within what was written
     */
    void write(long position, byte[] data) throws IOException {
        if (position < 0 || position + data.length > size) {
            throw new IndexOutOfBoundsException("bytes " + position + " to " + (position + data.length) + " of " + size);
        }
        if (file != null) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                long pos = position;
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
            }
            return;
        }
        copy(position, data, true);
    }

    /**
     * @param position where
     * @param length how many bytes
     * @return the bytes written there
     * @throws IOException if the file cannot be read
     */
    byte[] read(long position, int length) throws IOException {
        if (position < 0 || position + length > size) {
            throw new IndexOutOfBoundsException("bytes " + position + " to " + (position + length) + " of " + size);
        }
        byte[] out = new byte[length];
        if (file != null) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(out);
                long pos = position;
                while (b.hasRemaining()) {
                    int n = ch.read(b, pos);
                    if (n < 0) {
                        throw new IOException("the staged file is shorter than written");
                    }
                    pos += n;
                }
            }
            return out;
        }
        copy(position, out, false);
        return out;
    }

    private void copy(long position, byte[] data, boolean toChunks) {
        int done = 0;
        while (done < data.length) {
            long p = position + done;
            byte[] c = chunks.get((int) (p / CHUNK));
            int at = (int) (p % CHUNK);
            int n = Math.min(data.length - done, CHUNK - at);
            if (toChunks) {
                System.arraycopy(data, done, c, at, n);
            } else {
                System.arraycopy(c, at, data, done, n);
            }
            done += n;
        }
    }

    /**
     * @return the whole product, from its start
     * @throws IOException if the file cannot be opened
     */
    InputStream read() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        return new InputStream() {
            private long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, Math.min(size - at, CHUNK - at % CHUNK));
                System.arraycopy(chunks.get((int) (at / CHUNK)), (int) (at % CHUNK), b, off, n);
                at += n;
                return n;
            }
        };
    }

    private static byte[] chunk() {
        byte[] c = POOL.pollFirst();
        if (c != null) {
            POOL_SIZE.decrementAndGet();
            return c;
        }
        return new byte[CHUNK];
    }

    /** Gives the memory back (chunks to the pool, the reservation to the budget) or deletes the file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the scratch directory goes as a whole after the capture (RescanMerge.deleteTree)
            }
            return;
        }
        for (byte[] c : chunks) {
            if (POOL_SIZE.incrementAndGet() <= POOLED) {
                POOL.addFirst(c);
            } else {
                POOL_SIZE.decrementAndGet();
            }
        }
        chunks.clear();
        RESERVED.addAndGet(-reserved);
    }
}
