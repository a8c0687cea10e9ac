package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.evidence.EvidenceTamperContract;
import io.github.aktenlift.testkit.evidence.RawView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The S3 storage passes the evidence tamper contract, against S3Proxy (in memory) inside this JVM.
 * Raw objects are the bucket's objects; the fingerprint is the SHA-256 of each object's bytes and
 * its user metadata (where the adapter keeps a content object's size and SHA-256). Each storage
 * the contract makes gets a bucket of its own, emptied and removed when the contract is done with it.
 */
class S3EvidenceTamperTest extends EvidenceTamperContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private S3ProxyServer server;
    private S3Client raw;

    @BeforeAll
    void startServer() {
        server = S3ProxyServer.inMemory();
        raw = server.rawClient();
    }

    @AfterAll
    void stopServer() {
        raw.close();
        server.close();
    }

    /** Each trial waits mostly on round trips to the server: run a few at once. */
    @Override
    protected int parallelism() {
        return 4;
    }

    @Override
    protected Storage newStorage() {
        String bucket = "evidence-" + BUCKETS.incrementAndGet();
        raw.createBucket(b -> b.bucket(bucket));
        return S3Storage.open(URI.create("s3://" + bucket), server.settings());
    }

    @Override
    protected void discard(Storage storage) {
        String bucket = ((S3Storage) storage).settings().bucket();
        storage.close();
        for (S3Object o : raw.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            raw.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
        raw.deleteBucket(b -> b.bucket(bucket));
    }

    @Override
    protected RawView raw(Storage storage) {
        String bucket = ((S3Storage) storage).settings().bucket();
        return new RawView() {
            @Override
            public SortedMap<String, String> fingerprint() {
                SortedMap<String, String> out = new TreeMap<>();
                for (S3Object o : raw.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                    ResponseBytes<GetObjectResponse> got = raw.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()));
                    out.put(o.key(), sha256(got.asByteArray()) + " " + new TreeMap<>(got.response().metadata()));
                }
                return out;
            }

            @Override
            public byte[] read(String name) {
                try {
                    return raw.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
                } catch (NoSuchKeyException e) {
                    throw new IllegalArgumentException("no raw object " + name, e);
                }
            }

            /** Keeps the object's user metadata, as someone rewriting it with an ordinary S3 tool would. */
            @Override
            public void write(String name, byte[] bytes) {
                var metadata = raw.headObject(b -> b.bucket(bucket).key(name)).metadata();
                raw.putObject(b -> b.bucket(bucket).key(name).metadata(metadata), RequestBody.fromBytes(bytes));
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
