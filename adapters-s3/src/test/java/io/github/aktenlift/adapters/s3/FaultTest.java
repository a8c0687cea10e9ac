package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server failures become typed errors, safe operations are retried, and no half object is ever visible. */
class FaultTest {

    @Nested
    @DisplayName("with a fault-injecting proxy in front of S3Proxy")
    class Injected {
        private S3ProxyServer server;
        private FaultProxy proxy;
        private Storage storage;

        @BeforeEach
        void start() throws IOException {
            server = S3ProxyServer.inMemoryUnsigned();
            proxy = new FaultProxy(server.endpoint());
            Map<String, String> settings = S3ProxyServer.settings(proxy.endpoint());
            settings.put(S3Settings.MAX_ATTEMPTS, "3");
            settings.put(S3Settings.ATTEMPT_TIMEOUT, "PT1S");
            storage = S3Storage.open(URI.create("s3://" + server.newBucket() + "/f"), settings);
            proxy.clearRequests();
        }

        @AfterEach
        void stop() {
            storage.close();
            proxy.close();
            server.close();
        }

        private long count(String method) {
            return proxy.requests().stream().filter(r -> r.startsWith(method + " ")).count();
        }

        @Test
        @DisplayName("a 503 on a content PUT is retried (a PUT is idempotent) and the put succeeds")
        void transient503IsRetried() {
            proxy.inject("PUT", FaultProxy.Fault.FAIL_503, 1);
            ContentInfo info = storage.content().put(Key.of("a"), new ByteArrayInputStream(bytes("hello")));
            assertThat(info.size()).isEqualTo(5);
            assertThat(count("PUT")).isEqualTo(2);
            assertThat(storage.content().head(Key.of("a"))).contains(info);
        }

        @Test
        @DisplayName("a 503 that persists becomes UnavailableException after the configured attempts, and nothing is visible")
        void persistent503IsUnavailable() {
            proxy.inject("PUT", FaultProxy.Fault.FAIL_503, 100);
            assertThatThrownBy(() -> storage.content().put(Key.of("b"), new ByteArrayInputStream(bytes("hello"))))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("503");
            assertThat(count("PUT")).isEqualTo(3);
            proxy.inject("PUT", FaultProxy.Fault.NONE, 0);
            assertThat(storage.content().head(Key.of("b"))).isEmpty();
        }

        @Test
        @DisplayName("a 501 NotImplemented is UnsupportedCapabilityException, not retried")
        void notImplementedIsUnsupported() {
            proxy.inject("PUT", FaultProxy.Fault.NOT_IMPLEMENTED_501, 100);
            assertThatThrownBy(() -> storage.content().put(Key.of("d"), new ByteArrayInputStream(bytes("hello"))))
                    .isInstanceOf(io.github.aktenlift.spi.UnsupportedCapabilityException.class)
                    .hasMessageContaining("501");
            assertThat(count("PUT")).isEqualTo(1);
        }

        @Test
        @Timeout(30)
        @DisplayName("a server that does not answer becomes UnavailableException after the attempt timeout")
        void timeoutIsUnavailable() {
            storage.content().put(Key.of("c"), new ByteArrayInputStream(bytes("hello")));
            proxy.inject("GET", FaultProxy.Fault.HANG, 100);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> storage.content().get(Key.of("c")).close())
                    .isInstanceOf(UnavailableException.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms until failure").isLessThan(15_000);
        }

        @Test
        @DisplayName("a log append whose answer is lost is retried, recognised as landed, and written once")
        void lostAnswerOfAppend() {
            Key log = Key.of("journal/j");
            storage.logs().append(log, 0, List.of(bytes("e0")));
            proxy.clearRequests();
            proxy.inject("PUT", FaultProxy.Fault.FORWARD_THEN_503, 1);
            assertThat(storage.logs().append(log, 1, List.of(bytes("e1"), bytes("e2")))).isEqualTo(3);
            assertThat(count("PUT")).as("first attempt landed, the retry got 412").isEqualTo(2);
            assertThat(storage.logs().read(log, 0, 10)).extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
                    .containsExactly("e0", "e1", "e2");
        }

        @Test
        @DisplayName("a record write whose answer is lost is retried, recognised as landed, and counts once")
        void lostAnswerOfRecordWrite() {
            Key key = Key.of("records/r");
            storage.records().compareAndSet(key, 0, bytes("v1"));
            proxy.inject("PUT", FaultProxy.Fault.FORWARD_THEN_503, 1);
            assertThat(storage.records().compareAndSet(key, 1, bytes("v2"))).isEqualTo(2);
            assertThat(storage.records().get(key).orElseThrow().version()).isEqualTo(2);
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("S3Proxy stopped in the middle of a multipart upload: UnavailableException, no object is visible after restart, and the cleanup operation leaves no incomplete upload")
    void serverStoppedMidUpload() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.inMemory()) {
            String bucket = server.newBucket();
            Map<String, String> settings = server.settings();
            settings.put(S3Settings.MULTIPART_THRESHOLD, Long.toString(5L << 20));
            settings.put(S3Settings.PART_SIZE, Long.toString(5L << 20));
            settings.put(S3Settings.MAX_ATTEMPTS, "2");
            settings.put(S3Settings.CONNECT_TIMEOUT, "PT1S");
            URI location = URI.create("s3://" + bucket + "/p");
            Key key = Key.of("renditions/big.pdf");
            try (Storage storage = S3Storage.open(location, settings)) {
                AtomicBoolean stopped = new AtomicBoolean();
                InputStream source = new InputStream() {
                    long sent;

                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (sent >= (40L << 20)) {
                            return -1;
                        }
                        if (sent >= (12L << 20) && stopped.compareAndSet(false, true)) {
                            server.stop();       // two parts are up, the third is being read
                        }
                        int n = (int) Math.min(len, (40L << 20) - sent);
                        sent += n;
                        return n;
                    }
                };
                assertThatThrownBy(() -> storage.content().put(key, source)).isInstanceOf(UnavailableException.class);
                assertThat(stopped).isTrue();
            }
            server.startOn(server.port());
            try (Storage storage = S3Storage.open(location, server.settings())) {
                assertThat(storage.content().head(key)).isEmpty();
                assertThat(storage.content().list("", Optional.empty(), 100).items()).isEmpty();
            }
            try (S3Client raw = server.rawClient()) {
                assertThat(raw.listObjectsV2(b -> b.bucket(bucket)).contents())
                        .as("objects in the bucket: none, not even the size-and-hash record").isEmpty();
            }
            // the abort failed with the server down: the upload is left, and the cleanup operation removes it
            try (S3Storage storage = S3Storage.open(location, server.settings()); S3Client raw = server.rawClient()) {
                assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(1);
                assertThat(storage.incompleteUploads(Instant.now().minusSeconds(3600))).as("none older than an hour").isEmpty();
                List<IncompleteUpload> left = storage.incompleteUploads(Instant.now().plusSeconds(1));
                assertThat(left).singleElement().satisfies(u -> assertThat(u.objectName()).isEqualTo("p/c/renditions/big.pdf"));
                // (S3Proxy reports the time of the listing as an upload's start, so compare by upload id)
                assertThat(storage.abortIncompleteUploads(Instant.now().plusSeconds(1))).extracting(IncompleteUpload::uploadId)
                        .containsExactly(left.get(0).uploadId());
                assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).as("after the cleanup").isEmpty();
                assertThat(storage.abortIncompleteUploads(Instant.now().plusSeconds(1))).isEmpty();
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
