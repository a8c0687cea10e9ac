package io.github.aktenlift.capture.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Hands bytes from one writing thread to one reading thread in chunks, with a bounded number of
 * chunks in flight, so that both sides work at the same time: the writer fills one chunk while
 * the reader drains another. {@link java.io.PipedInputStream} lets them take turns instead (the
 * writer fills the whole buffer, then the reader empties it, each waking the other only at full
 * or empty), which on capture left the renderer and the content store's hashing each idle half
 * of the time.
 *
 * <p>Memory: at most {@code chunks} buffers of {@code chunkSize} bytes, allocated as needed.
 */
final class ChunkedPipe {

    private record Chunk(byte[] data, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final int chunkSize;
    private final int chunks;
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final BooleanSupplier writerDone;
    private int allocated;
    private volatile boolean readerClosed;

    /**
     * @param chunkSize bytes per chunk
     * @param chunks chunks at most, at least 2
     * @param writerDone whether the writer has finished (even without closing its end, as a
     *     cancelled task may): the reader then stops waiting and sees the end of the stream
     */
    ChunkedPipe(int chunkSize, int chunks, BooleanSupplier writerDone) {
        if (chunkSize < 1 || chunks < 2) {
            throw new IllegalArgumentException("chunkSize >= 1, chunks >= 2");
        }
        this.chunkSize = chunkSize;
        this.chunks = chunks;
        this.full = new ArrayBlockingQueue<>(chunks + 1);
        this.free = new ArrayBlockingQueue<>(chunks);
        this.writerDone = Objects.requireNonNull(writerDone, "writerDone");
    }

    /** The writing end; closing it ends the reader's stream. For one thread. */
    OutputStream sink() {
        return new OutputStream() {
            private byte[] current;
            private int length;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (closed) {
                    throw new IOException("pipe closed");
                }
                while (len > 0) {
                    if (readerClosed) {
                        throw new IOException("the reading side has closed the pipe");
                    }
                    if (current == null) {
                        current = take();
                        length = 0;
                    }
                    int n = Math.min(len, current.length - length);
                    System.arraycopy(b, off, current, length, n);
                    length += n;
                    off += n;
                    len -= n;
                    if (length == current.length) {
                        pass();
                    }
                }
            }

            /** Hands over what is written so far, so that the reader need not wait for a full chunk. */
            @Override
            public void flush() throws IOException {
                if (current != null && length > 0) {
                    pass();
                }
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    flush();
                } finally {
                    put(END);
                }
            }

            private void pass() throws IOException {
                put(new Chunk(current, length));
                current = null;
                length = 0;
            }

            private byte[] take() throws IOException {
                byte[] b = free.poll();
                if (b != null) {
                    return b;
                }
                synchronized (ChunkedPipe.this) {
                    if (allocated < chunks) {
                        allocated++;
                        return new byte[chunkSize];
                    }
                }
                try {
                    while (true) {
                        b = free.poll(100, TimeUnit.MILLISECONDS);
                        if (b != null) {
                            return b;
                        }
                        if (readerClosed) {
                            throw new IOException("the reading side has closed the pipe");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing into the pipe");
                }
            }

            private void put(Chunk c) throws IOException {
                try {
                    full.put(c); // never blocks for long: at most `chunks` chunks and END exist
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing into the pipe");
                }
            }
        };
    }

    /** The reading end. For one thread. */
    InputStream source() {
        return new InputStream() {
            private Chunk current;
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                while (current == null || position == current.length()) {
                    if (ended) {
                        return -1;
                    }
                    if (current != null) {
                        free.offer(current.data());
                        current = null;
                    }
                    Chunk next = next();
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    current = next;
                    position = 0;
                }
                int n = Math.min(len, current.length() - position);
                System.arraycopy(current.data(), position, b, off, n);
                position += n;
                return n;
            }

            private Chunk next() throws IOException {
                try {
                    while (true) {
                        Chunk c = full.poll(100, TimeUnit.MILLISECONDS);
                        if (c != null) {
                            return c;
                        }
                        if (writerDone.getAsBoolean()) {
                            c = full.poll();
                            return c == null ? END : c;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading from the pipe");
                }
            }

            @Override
            public void close() {
                readerClosed = true;
                full.clear();
            }
        };
    }
}
