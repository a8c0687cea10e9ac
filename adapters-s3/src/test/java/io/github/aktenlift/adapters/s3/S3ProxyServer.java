package io.github.aktenlift.adapters.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3-protocol server (S3Proxy 4.0.0) inside the test JVM, on 127.0.0.1 and a free port,
 * over S3Proxy's own NIO.2 blob stores: {@code transient} (in this JVM's heap) or {@code filesystem}
 * (a directory, for objects that must not be charged to the heap).
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "aktenlift-test";
    static final String SECRET_KEY = "aktenlift-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final BlobStore store;
    private final AuthenticationType auth;
    private S3Proxy proxy;
    private int port;

    private S3ProxyServer(BlobStore store, AuthenticationType auth) {
        this.store = store;
        this.auth = auth;
    }

    static S3ProxyServer inMemory() {
        return start(BlobStores.create("transient", new Properties()));
    }

    /** In memory and without signature checks, so that a forwarding fault proxy may stand in front. */
    static S3ProxyServer inMemoryUnsigned() {
        S3ProxyServer s = new S3ProxyServer(BlobStores.create("transient", new Properties()), AuthenticationType.NONE);
        s.startOn(0);
        return s;
    }

    static S3ProxyServer onDisk(Path dir) {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dir.toString());
        return start(BlobStores.create("filesystem", p));
    }

    private static S3ProxyServer start(BlobStore store) {
        S3ProxyServer s = new S3ProxyServer(store, AuthenticationType.AWS_V2_OR_V4);
        s.startOn(0);
        return s;
    }

    /** Starts (again) on the given port, 0 for a free one, over the same blob store. */
    void startOn(int wanted) {
        try {
            proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + wanted))
                    .awsAuthentication(auth, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            port = proxy.getPort();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }

    int port() {
        return port;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    BlobStore blobStore() {
        return store;
    }

    /** @return a new bucket's name */
    String newBucket() {
        String name = "b" + BUCKETS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        try (S3Client raw = rawClient()) {
            raw.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** @return settings that reach this server */
    Map<String, String> settings() {
        return settings(endpoint());
    }

    static Map<String, String> settings(URI endpoint) {
        Map<String, String> s = new HashMap<>();
        s.put(S3Settings.ENDPOINT, endpoint.toString());
        s.put(S3Settings.REGION, "us-east-1");
        s.put(S3Settings.PATH_STYLE, "true");
        s.put(S3Settings.ACCESS_KEY, ACCESS_KEY);
        s.put(S3Settings.SECRET_KEY, SECRET_KEY);
        return s;
    }

    /** @return a plain SDK client of its own, as another machine or an ordinary S3 tool would have */
    S3Client rawClient() {
        return rawClient(endpoint());
    }

    static S3Client rawClient(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        stop();
    }
}
