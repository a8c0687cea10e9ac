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

/** The testkit's storage contract against a real S3-protocol server (S3Proxy 4.0.0) on loopback. */
class S3StorageContractTest extends StorageContract {

    private static S3ProxyServer inMemory;
    private static S3ProxyProcess child;
    private static Path dir;

    private final boolean large;

    /**
     * The contract's heap watch measures this whole JVM. A server in it buffers request bodies and
     * keeps in-memory objects in the same heap, which would be charged to the adapter (the 128 MiB
     * put showed about 90 MB of growth with S3Proxy in-process, none of it the adapter's: after the
     * put nothing is retained). So the large-object test talks to the same S3Proxy 4.0.0 in a child
     * JVM on loopback, over its filesystem store; all other tests use S3Proxy inside this JVM.
     */
    S3StorageContractTest(TestInfo test) {
        large = test.getTestMethod().map(m -> m.getName().equals("largeObject")).orElse(false);
    }

    @BeforeAll
    static void startServers() throws Exception {
        dir = Files.createTempDirectory("aktenlift-s3proxy");
        inMemory = S3ProxyServer.inMemory();
        child = S3ProxyProcess.start(dir);
    }

    @AfterAll
    static void stopServers() throws Exception {
        inMemory.close();
        child.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    protected Storage createStorage() {
        // a bucket of its own per test, and no prefix: the contract's longest keys need nearly all of S3's 1024 bytes
        if (large) {
            String bucket = "large-" + Long.toHexString(System.nanoTime());
            try (S3Client raw = S3ProxyServer.rawClient(child.endpoint())) {
                raw.createBucket(b -> b.bucket(bucket));
            }
            return Providers.storage(URI.create("s3://" + bucket), child.settings());
        }
        return Providers.storage(URI.create("s3://" + inMemory.newBucket()), inMemory.settings());
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
}
