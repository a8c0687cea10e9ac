package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.ForwardingStorage;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the pipe between a renderer and the content store gives back: the stored object when the
 * writer succeeds; when it fails, the writer's own exception or error, as it was thrown, and
 * nothing under the key.
 */
@DisplayName("ContentPipe: the writer's failure is the one thrown, and nothing is stored")
class ContentPipeTest {

    private static final Key KEY = Key.of("renditions/F1/1/doc-1.pdf");

    @Test
    @DisplayName("a writer that succeeds: the object is stored whole, several chunks long")
    void stores() throws IOException {
        InMemoryStorage storage = new InMemoryStorage();
        byte[] data = new byte[1_300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        ContentInfo info = new ContentPipe(storage).create(KEY, out -> out.write(data));
        assertThat(info.size()).isEqualTo(data.length);
        try (InputStream in = storage.content().get(KEY)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    @DisplayName("a writer's IOException after half a megabyte: thrown as it is, nothing stored")
    void ioException() {
        assertThrownAsIs(new IOException("page 3 of doc-1 ends early"), new byte[512 * 1024]);
    }

    @Test
    @DisplayName("a writer's OutOfMemoryError: thrown as it is (the capture fails the case file for it), not wrapped, nothing stored")
    void outOfMemory() {
        assertThrownAsIs(new OutOfMemoryError("Java heap space"), new byte[512 * 1024]);
    }

    @Test
    @DisplayName("any other Error of a writer (a bug, not the input's fault): thrown as it is, nothing stored")
    void otherError() {
        assertThrownAsIs(new StackOverflowError(), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A writer writes {@code first}, then throws {@code thrown} (an IOException or an Error): the pipe throws it as it is and stores nothing. */
    private static void assertThrownAsIs(Throwable thrown, byte[] first) {
        InMemoryStorage storage = new InMemoryStorage();
        assertThatThrownBy(() -> new ContentPipe(storage).create(KEY, out -> {
            out.write(first);
            if (thrown instanceof IOException io) {
                throw io;
            }
            throw (Error) thrown;
        })).isSameAs(thrown);
        assertThat(storage.content().head(KEY)).isEmpty();
    }

    @Test
    @DisplayName("a store that breaks with an Error halfway: thrown as it is, and the writer, blocked on a full pipe,"
            + " is released rather than left waiting")
    void storeError() throws InterruptedException {
        InMemoryStorage inner = new InMemoryStorage();
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space");
        Storage breaking = new ForwardingStorage(inner) {
            @Override
            public ContentStore content() {
                return new Content(inner.content()) {
                    @Override
                    public ContentInfo create(Key key, InputStream data) {
                        try {
                            data.readNBytes(1000);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        throw thrown;
                    }
                };
            }
        };
        CountDownLatch writerEnded = new CountDownLatch(1);
        assertThatThrownBy(() -> new ContentPipe(breaking).create(KEY, out -> {
            try {
                out.write(new byte[8 << 20]); // far more than the pipe holds
            } finally {
                writerEnded.countDown();
            }
        })).isSameAs(thrown);
        assertThat(writerEnded.await(10, TimeUnit.SECONDS)).as("the writer ended").isTrue();
        assertThat(inner.content().head(KEY)).isEmpty();
    }

    @Test
    @DisplayName("createLater: the future fails with the writer's Error as its cause, and ends only once the store has")
    void createLater() throws InterruptedException {
        InMemoryStorage storage = new InMemoryStorage();
        AssertionError thrown = new AssertionError("a renderer bug");
        var future = new ContentPipe(storage).createLater(KEY, out -> {
            out.write(new byte[300_000]);
            throw thrown;
        });
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).hasCause(thrown);
        assertThat(storage.content().head(KEY)).isEqualTo(Optional.empty());
    }
}
