package io.github.aktenlift.adapters.s3;

import com.sun.net.httpserver.HttpServer;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.storage.StorageCapability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The safety the adapter relies on is the server's, so it is proven against the server: S3Proxy
 * 4.0.0 refuses stale conditional writes, and a store that accepts them is refused at start.
 */
class ConditionalWritesTest {

    private static S3ProxyServer server;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("the S3Proxy used by these tests answers 412 to a second If-None-Match: * write and to a stale If-Match")
    void serverRejectsStaleWrites() {
        String bucket = server.newBucket();
        try (S3Client raw = server.rawClient()) {
            String etag = raw.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("one")).eTag();
            assertThatThrownBy(() -> raw.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("two")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            raw.putObject(b -> b.bucket(bucket).key("k").ifMatch(etag), RequestBody.fromString("three"));
            assertThatThrownBy(() -> raw.putObject(b -> b.bucket(bucket).key("k").ifMatch(etag), RequestBody.fromString("four")))
                    .as("If-Match on the ETag of an overwritten version")
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            assertThat(raw.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("three");
        }
    }

    @Test
    @DisplayName("the S3Proxy used by these tests rejects an upload whose SHA-256 does not match, so SERVER_SIDE_CHECKSUMS is declared")
    void serverVerifiesChecksums() {
        try (S3Storage storage = S3Storage.open(URI.create("s3://" + server.newBucket()), server.settings())) {
            assertThat(storage.capabilities()).contains(StorageCapability.SERVER_SIDE_CHECKSUMS,
                    StorageCapability.MULTI_PROCESS, StorageCapability.DURABLE, StorageCapability.STREAMING);
        }
    }

    @Test
    @DisplayName("a store that accepts a second If-None-Match: * write is refused at start with CONDITIONAL_WRITES")
    void refusesStoreWithoutConditionalWrites() throws IOException {
        // A stand-in for an S3-compatible store that ignores conditions (as S3Proxy 2.6.0 did): it
        // answers 200 to everything. Used only for this negative test.
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("If-None-Match"));
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        fake.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
            assertThatThrownBy(() -> S3Storage.open(URI.create("s3://bucket/prefix"), S3ProxyServer.settings(endpoint)))
                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
                        assertThat(e.capability()).isEqualTo("CONDITIONAL_WRITES");
                        assertThat(e.getMessage()).contains("If-None-Match").doesNotContain(S3ProxyServer.SECRET_KEY);
                    });
            assertThat(seen).contains("PUT *");
        } finally {
            fake.stop(0);
        }
    }
}
