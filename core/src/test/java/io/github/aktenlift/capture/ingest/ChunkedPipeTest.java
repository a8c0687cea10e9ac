package io.github.aktenlift.capture.ingest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The pipe between a renderer and the content store")
class ChunkedPipeTest {

    private final ExecutorService writerThread = Executors.newSingleThreadExecutor();

    @org.junit.jupiter.api.AfterEach
    void stop() {
        writerThread.shutdownNow();
    }

    @Test
    @DisplayName("carries every byte in order, whatever the pieces written and read, then ends")
    void carriesEverything() throws Exception {
        byte[] data = new byte[3_000_001];
        new SplittableRandom(3).nextBytes(data);
        AtomicBoolean done = new AtomicBoolean();
        ChunkedPipe pipe = new ChunkedPipe(1000, 3, done::get);
        Future<?> writer = writerThread.submit(() -> {
            SplittableRandom r = new SplittableRandom(4);
            try (OutputStream out = pipe.sink()) {
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + r.nextInt(5000));
                    if (n == 1) {
                        out.write(data[at]);
                    } else {
                        out.write(data, at, n);
                    }
                    if (r.nextInt(10) == 0) {
                        out.flush();
                    }
                    at += n;
                }
            } finally {
                done.set(true);
            }
            return null;
        });
        byte[] read = new byte[data.length + 10];
        int at = 0;
        try (InputStream in = pipe.source()) {
            SplittableRandom r = new SplittableRandom(5);
            while (true) {
                if (r.nextInt(8) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    read[at++] = (byte) b;
                } else {
                    int n = in.read(read, at, Math.min(read.length - at, 1 + r.nextInt(3000)));
                    if (n < 0) {
                        break;
                    }
                    at += n;
                }
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(at).isEqualTo(data.length);
        assertThat(java.util.Arrays.copyOf(read, at)).isEqualTo(data);
    }

    @Test
    @DisplayName("lets the writer run ahead by its chunks only, then makes it wait for the reader")
    void bounded() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ChunkedPipe pipe = new ChunkedPipe(100, 2, done::get);
        CountDownLatch wrote = new CountDownLatch(1);
        Future<?> writer = writerThread.submit(() -> {
            try (OutputStream out = pipe.sink()) {
                out.write(new byte[200]); // two chunks: all there is
                wrote.countDown();
                out.write(new byte[1]); // needs a chunk the reader has not given back
            } finally {
                done.set(true);
            }
            return null;
        });
        assertThat(wrote.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(writer.isDone()).as("the writer waits").isFalse();
        try (InputStream in = pipe.source()) {
            assertThat(in.readAllBytes()).hasSize(201);
        }
        writer.get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a reader that gives up releases a waiting writer with an exception")
    void readerCloses() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ChunkedPipe pipe = new ChunkedPipe(100, 2, done::get);
        Future<?> writer = writerThread.submit(() -> {
            try (OutputStream out = pipe.sink()) {
                out.write(new byte[10_000]);
            } finally {
                done.set(true);
            }
            return null;
        });
        InputStream in = pipe.source();
        assertThat(in.read(new byte[50])).isEqualTo(50);
        in.close();
        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a writer that ends without closing its end (a cancelled task) ends the reader's stream")
    void writerVanishes() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ChunkedPipe pipe = new ChunkedPipe(100, 2, done::get);
        OutputStream out = pipe.sink();
        out.write(new byte[150]);
        done.set(true);
        try (InputStream in = pipe.source()) {
            assertThat(in.readAllBytes()).hasSize(100); // the chunk handed over; the partial one never was
        }
    }
}
