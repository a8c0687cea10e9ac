package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.capture.Capture;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Stores what a writer produces (a rendition, a protocol PDF) into the content store while it is
 * written, through a {@link ChunkedPipe}: the writer runs on a thread of its own, and nothing is held
 * whole in memory. Thread-safe.
 */
final class ContentPipe {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

    private final Storage storage;
    /** The threads that write renditions and protocols into the pipes the store reads; idle ones end. */
    private final ExecutorService renderers = Executors.newCachedThreadPool(daemon("aktenlift-render"));
    /**
     * The threads that store a rendition while the thread that asked for it goes on with the case
     * file's next one ({@link #createLater}); idle ones end.
     */
    private final ExecutorService stores = Executors.newCachedThreadPool(daemon("aktenlift-store"));

    ContentPipe(Storage storage) {
        this.storage = storage;
    }

    /** Removes what a failed capture wrote; a failure to remove is logged, not thrown. */
    void deleteQuietly(Key k) {
        try {
            storage.content().delete(k);
        } catch (RuntimeException e) {
            LOG.warn("could not remove {} after a failed capture: {}", k, e.getMessage());
        }
    }

    /** Something that writes a document to a stream. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final int PIPE_CHUNK = 256 * 1024;
    private static final int PIPE_CHUNKS = 4;

    /**
     * Streams what the writer produces into the content store, through a pipe: the writer runs on
     * a thread of its own, the store reads (and hashes) while it writes (and hashes its sources),
     * and nothing is held whole in memory, at most four chunks of 256 KiB. If the writer fails,
     * the store's stream fails too instead of ending, so that the store keeps nothing of it; the
     * writer's exception is the one thrown, and an {@link Error} of the writer is thrown as it is.
     */
    ContentInfo put(Key key, Writer writer) throws IOException {
        return store(key, writer, false);
    }

    /**
     * Like {@link #put}, with create-if-absent ({@link io.github.aktenlift.spi.storage.ContentStore#create}):
     * evidence is never stored over another object.
     *
     * @throws io.github.aktenlift.spi.ConflictException if an object is stored under the key already;
     *     it is left as it is
     */
    ContentInfo create(Key key, Writer writer) throws IOException {
        return store(key, writer, true);
    }

    /**
     * Like {@link #create}, on a thread of its own: the caller can render and store the next object
     * while this one is written and made durable. The future ends once {@link #create} has
     * returned or thrown, never earlier (it is not cancelled), so that a caller that waits for it
     * knows whether the object exists. The store runs with the caller's MDC (command, delivery,
     * case file), as if the caller stored.
     */
    Future<ContentInfo> createLater(Key key, Writer writer) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return stores.submit(() -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            setContext(context);
            try {
                return store(key, writer, true);
            } finally {
                setContext(before);
            }
        });
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    private ContentInfo store(Key key, Writer writer, boolean create) throws IOException {
        List<Future<?>> task = new ArrayList<>(1); // read only by this thread, the pipe's reader
        ChunkedPipe pipe = new ChunkedPipe(PIPE_CHUNK, PIPE_CHUNKS, () -> task.get(0).isDone());
        InputStream source = pipe.source();
        Future<?> producing = renderers.submit(() -> {
            try (OutputStream o = pipe.sink()) {
                writer.write(o);
            }
            return null;
        });
        task.add(producing);
        InputStream in = new FilterInputStream(source) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    producerSucceeded(producing);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    producerSucceeded(producing);
                }
                return n;
            }
        };
        ContentInfo info;
        try {
            info = create ? storage.content().create(key, in) : storage.content().put(key, in);
        } catch (RuntimeException | Error e) {
            // the store gave up (or broke): the writer is told by the closed source, never left blocked
            if (producing.isDone()) {
                writerSucceeded(producing); // throws the writer's own exception or error if it failed
            }
            producing.cancel(true);
            source.close();
            throw e;
        }
        try {
            writerSucceeded(producing);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(key);
            throw e;
        }
        return info;
    }

    /**
     * Waits for the writer behind a pipe to finish; throws what it threw, as the store's stream
     * may: an {@link Error} is wrapped in an {@link IOException}, so that the store, which expects
     * only that of a stream, keeps nothing. {@link #writerSucceeded} throws it as it is afterwards.
     */
    private static void producerSucceeded(Future<?> producing) throws IOException {
        try {
            writerSucceeded(producing);
        } catch (Error e) {
            throw new IOException("the writer failed", e);
        }
    }

    /**
     * What a store of {@link #createLater} gave, or what it threw, as it threw it (the writer's
     * {@link Error} included); waits for the end even if interrupted, so that the store is never
     * left running behind the caller's back.
     */
    static ContentInfo stored(Future<ContentInfo> stored) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return stored.get();
                } catch (InterruptedException e) {
                    interrupted = true; // wait on, interrupt later
                } catch (ExecutionException e) {
                    throw rethrow(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for a store of {@link #createLater} to end; whether it created its object (not if it threw anything). */
    static boolean created(Future<ContentInfo> stored) {
        try {
            stored(stored);
            return true;
        } catch (IOException | RuntimeException | Error e) {
            return false;
        }
    }

    /**
     * Throws a task's failure as the task threw it: an {@link IOException}, a {@link
     * RuntimeException} or an {@link Error} as it is, anything else inside an {@link IOException}.
     * One rule for writers and stores, so that the capture decides alone what fails a case file
     * (an {@link OutOfMemoryError} does) and what is thrown on (any other error).
     */
    private static IOException rethrow(ExecutionException e) throws IOException {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    /** Waits for the writer behind a pipe to finish; throws what it threw, as it threw it. */
    private static void writerSucceeded(Future<?> producing) throws IOException {
        try {
            producing.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        } catch (CancellationException e) {
            throw new IOException("rendering was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering", e);
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
