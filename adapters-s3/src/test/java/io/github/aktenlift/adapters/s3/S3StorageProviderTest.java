package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3StorageProviderTest {

    @Nested
    @DisplayName("settings are checked before any I/O")
    class Settings {

        @Test
        @DisplayName("the provider is found by ServiceLoader for the s3 scheme")
        void discovered() {
            StorageProvider p = Providers.find(StorageProvider.class, ServiceLoader.load(StorageProvider.class),
                    URI.create("s3://bucket/prefix"));
            assertThat(p).isInstanceOf(S3StorageProvider.class);
        }

        @Test
        @DisplayName("bucket and prefix come from the URI; slashes around the prefix do not matter")
        void location() {
            S3Settings s = S3Settings.of(URI.create("s3://akten-bucket/office/17/"), Map.of());
            assertThat(s.bucket()).isEqualTo("akten-bucket");
            assertThat(s.prefix()).isEqualTo("office/17");
            assertThat(S3Settings.of(URI.create("s3://akten-bucket"), Map.of()).prefix()).isEmpty();
        }

        @Test
        @DisplayName("a bad setting is an IllegalArgumentException naming it, and the secret never shows")
        void badSettings() {
            URI at = URI.create("s3://b/p");
            assertThatThrownBy(() -> S3Settings.of(at, Map.of(S3Settings.PART_SIZE, "1000")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3Settings.PART_SIZE);
            assertThatThrownBy(() -> S3Settings.of(at, Map.of(S3Settings.SECRET_KEY, "s3cr3t")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3Settings.ACCESS_KEY)
                    .message().doesNotContain("s3cr3t");
            assertThatThrownBy(() -> S3Settings.of(at, Map.of(S3Settings.SSE, "rot13")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3Settings.SSE);
            assertThatThrownBy(() -> S3Settings.of(at, Map.of(S3Settings.ATTEMPT_TIMEOUT, "5s")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(S3Settings.ATTEMPT_TIMEOUT);
            assertThatThrownBy(() -> S3Settings.of(URI.create("s3://b/a/../x"), Map.of()))
                    .isInstanceOf(IllegalKeyException.class);
            assertThatThrownBy(() -> S3Settings.of(URI.create("file:/tmp"), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(S3Settings.of(at, Map.of(S3Settings.ACCESS_KEY, "AKIA", S3Settings.SECRET_KEY, "s3cr3t")).toString())
                    .doesNotContain("s3cr3t").doesNotContain("AKIA");
        }
    }

    @Nested
    @DisplayName("against S3Proxy")
    class Live {
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
        @DisplayName("a missing bucket is UnavailableException naming the bucket")
        void missingBucket() {
            assertThatThrownBy(() -> Providers.storage(URI.create("s3://no-such-bucket/x"), server.settings()))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("no-such-bucket");
        }

        @Test
        @DisplayName("server-side encryption the store does not implement (S3Proxy: 501) is refused at start, not silently dropped")
        void unsupportedEncryptionRefused() {
            Map<String, String> settings = new HashMap<>(server.settings());
            settings.put(S3Settings.SSE, "AES256");
            assertThatThrownBy(() -> Providers.storage(URI.create("s3://" + server.newBucket()), settings))
                    .isInstanceOfSatisfying(io.github.aktenlift.spi.UnsupportedCapabilityException.class,
                            e -> assertThat(e.capability()).isEqualTo("SERVER_SIDE_ENCRYPTION"));
        }

        @Test
        @DisplayName("stores under different prefixes of one bucket do not see each other's keys")
        void prefixesIsolate() {
            String bucket = server.newBucket();
            try (Storage a = Providers.storage(URI.create("s3://" + bucket + "/office-a"), server.settings());
                 Storage b = Providers.storage(URI.create("s3://" + bucket + "/office-a2"), server.settings())) {
                a.content().put(Key.of("x"), new ByteArrayInputStream(new byte[] {1}));
                a.records().compareAndSet(Key.of("r"), 0, new byte[] {1});
                a.logs().append(Key.of("l"), 0, List.of(new byte[] {1}));
                assertThat(b.content().list("", Optional.empty(), 10).items()).isEmpty();
                assertThat(b.records().get(Key.of("r"))).isEmpty();
                assertThat(b.logs().length(Key.of("l"))).isZero();
                assertThat(a.content().list("", Optional.empty(), 10).items()).hasSize(1);
            }
        }

        @Test
        @DisplayName("a key that overflows S3's 1024 bytes together with the prefix is an IllegalKeyException, nothing is written")
        void keyTooLongWithPrefix() {
            String bucket = server.newBucket();
            try (Storage s = Providers.storage(URI.create("s3://" + bucket + "/" + "p".repeat(40)), server.settings())) {
                Key key = Key.of("k".repeat(1000));
                assertThatThrownBy(() -> s.content().put(key, new ByteArrayInputStream(new byte[] {1})))
                        .isInstanceOf(IllegalKeyException.class).hasMessageContaining("1024");
                assertThat(s.content().list("", Optional.empty(), 10).items()).isEmpty();
            }
        }

        @Test
        @DisplayName("ordinary S3 tools see the content under c/<key> with its SHA-256 in metadata and in the checksum header")
        void layoutReadableByOrdinaryClients() {
            String bucket = server.newBucket();
            byte[] data = "Scanprotokoll".getBytes(StandardCharsets.UTF_8);
            Map<String, String> settings = new HashMap<>(server.settings());
            try (Storage s = Providers.storage(URI.create("s3://" + bucket + "/akten"), settings)) {
                String sha = s.content().put(Key.of("F1/protocol.txt"), new ByteArrayInputStream(data)).sha256();
                try (S3Client raw = server.rawClient()) {
                    String name = "akten/c/F1/protocol.txt"; // the plain name (issue 20; before it, the name ended in a TAB)
                    HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key(name).checksumMode("ENABLED"));
                    assertThat(head.metadata()).containsEntry(S3Content.META_SHA256, sha);
                    assertThat(head.checksumSHA256()).isEqualTo(java.util.Base64.getEncoder()
                            .encodeToString(java.util.HexFormat.of().parseHex(sha)));
                    assertThat(raw.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray()).isEqualTo(data);
                }
            }
        }
    }
}
