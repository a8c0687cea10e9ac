package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.Providers;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.contract.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The testkit's storage contract against a real S3-protocol server (S3Proxy 4.0.0) inside this JVM. */
class S3StorageContractTest extends StorageContract {

    private static S3ProxyServer inMemory;
    private static S3ProxyServer onDisk;
    private static Path dir;

    private final boolean large;

    /**
     * The large-object test runs against S3Proxy's filesystem store: the in-memory store would
     * keep the 128 MiB object in this JVM's heap, which the contract's heap watch charges to the
     * adapter. The other tests use the in-memory store, whose names are not limited to a
     * filesystem's 255-byte file names (the contract's unusual keys have 1000-byte segments).
     * Both servers run inside this JVM.
     */
    S3StorageContractTest(TestInfo test) {
        large = test.getTestMethod().map(m -> m.getName().equals("largeObject")).orElse(false);
    }

    @BeforeAll
    static void startServers() throws Exception {
        dir = Files.createTempDirectory("aktenlift-s3proxy");
        inMemory = S3ProxyServer.inMemory();
        onDisk = S3ProxyServer.onDisk(dir);
    }

    @AfterAll
    static void stopServers() throws Exception {
        inMemory.close();
        onDisk.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    protected Storage createStorage() {
        // a bucket of its own per test, and no prefix: the contract's longest keys need nearly all of S3's 1024 bytes
        S3ProxyServer server = large ? onDisk : inMemory;
        return Providers.storage(URI.create("s3://" + server.newBucket()), server.settings());
    }

    @Override
    protected void corruptContent(Storage storage, Key key) {
        S3Storage s3 = (S3Storage) storage;
        String bucket = s3.settings().bucket();
        String name = s3.names().content(key);
        try (S3Client raw = inMemory.rawClient()) {
            HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key(name));
            byte[] bytes = raw.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
            bytes[bytes.length / 2] ^= 1;
            raw.putObject(b -> b.bucket(bucket).key(name).metadata(head.metadata()), RequestBody.fromBytes(bytes));
        }
    }

    /** An object uploaded by an ordinary S3 tool under the key's plain name: no recorded size or SHA-256. */
    @Override
    protected Optional<String> plantForeignContent(Storage storage, Key near) {
        S3Storage s3 = (S3Storage) storage;
        String name = s3.names().contentRoot() + near.value();
        try (S3Client raw = inMemory.rawClient()) {
            raw.putObject(b -> b.bucket(s3.settings().bucket()).key(name), RequestBody.fromString("foreign"));
        }
        return Optional.of(near.value());
    }

    /** Rewrites the object with its recorded SHA-256 replaced by text that is no hash. */
    @Override
    protected boolean damageContentRecord(Storage storage, Key key) {
        S3Storage s3 = (S3Storage) storage;
        String bucket = s3.settings().bucket();
        String name = s3.names().content(key);
        try (S3Client raw = inMemory.rawClient()) {
            Map<String, String> metadata = new HashMap<>(raw.headObject(b -> b.bucket(bucket).key(name)).metadata());
            metadata.put(S3Content.META_SHA256, "not a hash");
            byte[] bytes = raw.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
            raw.putObject(b -> b.bucket(bucket).key(name).metadata(metadata), RequestBody.fromBytes(bytes));
        }
        return true;
    }
}
