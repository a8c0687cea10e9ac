package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.evidence.EvidenceTamperContract;
import io.github.aktenlift.testkit.evidence.RawView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The S3 storage passes the evidence tamper contract, against S3Proxy (in memory) inside this JVM.
 * Raw objects are the bucket's objects; the fingerprint is each object's ETag, size and
 * modification time from one listing. Each storage
 * the contract makes gets a bucket of its own, emptied and removed when the contract is done with it.
 */
class S3EvidenceTamperTest extends EvidenceTamperContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private S3ProxyServer server;
    private S3Client raw;
    /** The adapter's client, shared by every storage the contract opens (thousands of them). */
    private S3Client adapterClient;

    @BeforeAll
    void startServer() {
        server = S3ProxyServer.inMemory();
        raw = server.rawClient();
        adapterClient = S3Storage.client(S3Settings.of(URI.create("s3://evidence"), server.settings()));
    }

    @AfterAll
    void stopServer() {
        adapterClient.close();
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
        return S3Storage.openOnClient(URI.create("s3://" + bucket), server.settings(), adapterClient);
    }

    /**
     * The reference office is built in memory: writing its thousand events and two deliveries
     * through S3Proxy took most of this class's time, and only its logical content is used. Every
     * trial still writes its tampered copy through the adapter into a bucket of its own.
     */
    @Override
    protected Storage referenceStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected void discard(Storage storage) {
        if (!(storage instanceof S3Storage)) {
            storage.close(); // the in-memory reference
            return;
        }
        String bucket = ((S3Storage) storage).settings().bucket();
        storage.close();
        List<ObjectIdentifier> keys = new ArrayList<>();
        for (S3Object o : raw.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            keys.add(ObjectIdentifier.builder().key(o.key()).build());
        }
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
            raw.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch)));
        }
        raw.deleteBucket(b -> b.bucket(bucket));
    }

    @Override
    protected RawView raw(Storage storage) {
        String bucket = ((S3Storage) storage).settings().bucket();
        return new RawView() {
            /**
             * One LIST: every object's ETag (the MD5 of its bytes for an ordinary PUT, of its parts
             * for a multipart one), size and modification time. A write of any kind — new bytes,
             * new metadata by a copy in place, a delete — changes one of them; reading every object
             * twice per trial instead made the contract take minutes against S3Proxy.
             */
            @Override
            public SortedMap<String, String> fingerprint() {
                SortedMap<String, String> out = new TreeMap<>();
                for (S3Object o : raw.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                    out.put(o.key(), o.eTag() + " " + o.size() + " " + o.lastModified());
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

    /**
     * A fixed sample of event positions per manipulation (about 150 instead of over 1,000): each trial makes a bucket and
     * writes every log over HTTP, and the positions in between add nothing the adapter could get wrong
     * differently; the filesystem adapter runs every position in the default build.
     * {@code -Daktenlift.tamper.exhaustive=true} tries every position.
     */
    @Override
    protected boolean everyEventPosition() {
        return false;
    }
}
