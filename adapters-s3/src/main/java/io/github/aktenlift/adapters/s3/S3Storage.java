package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.UnsupportedCapabilityException;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * {@link Storage} on an S3-compatible object store, shared safely by many workers on many machines:
 * every record change and log append is a conditional write decided by the store.
 *
 * <p>A record is kept as a few immutable objects, one per recent write; older ones are deleted as
 * the record is rewritten (at most 16 objects per record), so reading a record costs the same
 * however often it was written. The checks that make this deletion safe under concurrent writers
 * are made by every reader and writer, so all workers sharing a store must run an adapter that
 * has them (snapshots from before issue 13 never deleted and do not check). On a bucket with
 * versioning, deleted objects stay as noncurrent versions and delete markers: a lifecycle rule
 * that expires them under {@code <prefix>/r/} keeps storage and listing time flat.
 *
 * <p>Opening checks the store before trusting it: the bucket must exist, a second
 * {@code If-None-Match: *} write must be refused (otherwise
 * {@link UnsupportedCapabilityException} for {@code CONDITIONAL_WRITES}: without them concurrent
 * workers would silently overwrite each other), and a probe object must read back byte for byte
 * (some stores keep {@code aws-chunked} framing inside objects). {@link
 * StorageCapability#SERVER_SIDE_CHECKSUMS} is declared only if the store refused a probe upload
 * with a wrong SHA-256.
 *
 * <p>Retries: the SDK retries throttling, 5xx answers and I/O failures up to
 * {@value S3Settings#MAX_ATTEMPTS} times for every request. That is safe here: content PUTs and
 * parts are idempotent; a record write or log append (both create-if-absent) that is retried after its first
 * attempt landed is refused by the store (412) and then recognised by reading back its random
 * write id; a completed multipart upload is recognised by its sums id. After the last attempt
 * the failure is {@link UnavailableException}; a 501 is {@link UnsupportedCapabilityException}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class S3Storage implements Storage {

    private static final System.Logger LOG = System.getLogger(S3Storage.class.getName());

    private final S3Settings settings;
    private final S3Client client;
    private final ObjectNames names;
    private final S3Content content;
    private final S3Records records;
    private final S3Logs logs;
    private final S3Uploads uploads;
    private final Set<StorageCapability> capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService lookups;
    /** Whether {@link #close()} closes the client: not when the caller shares one client among storages. */
    private final boolean ownsClient;

    private S3Storage(S3Settings settings, S3Client client, S3Records.Reclamation reclamation, boolean ownsClient) {
        this.settings = settings;
        this.client = client;
        this.ownsClient = ownsClient;
        this.names = new ObjectNames(settings.prefix());
        this.content = new S3Content(this);
        this.records = new S3Records(this, reclamation);
        this.logs = new S3Logs(this);
        this.uploads = new S3Uploads(this);
        AtomicInteger threads = new AtomicInteger();
        this.lookups = Executors.newFixedThreadPool(Math.min(8, settings.maxConnections()), r -> {
            Thread t = new Thread(r, "aktenlift-s3-lookup-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean serverChecksums;
        try {
            serverChecksums = probe();
        } catch (RuntimeException e) {
            lookups.shutdownNow();
            if (ownsClient) {
                client.close();
            }
            throw e;
        }
        EnumSet<StorageCapability> caps = EnumSet.of(StorageCapability.DURABLE, StorageCapability.MULTI_PROCESS,
                StorageCapability.STREAMING);
        if (serverChecksums) {
            caps.add(StorageCapability.SERVER_SIDE_CHECKSUMS);
        }
        this.capabilities = Set.copyOf(caps);
    }

    /**
     * Opens storage at {@code s3://bucket/prefix}; the same as {@code Providers.storage(location, settings)}.
     *
     * @param location {@code s3://bucket/prefix}
     * @param settings {@code aktenlift.s3.*} settings, see {@link S3Settings}
     * @return the storage; close it to release its connections
     * @throws IllegalArgumentException if the location or a setting is unusable (before any I/O)
     * @throws UnsupportedCapabilityException if the store does not refuse stale conditional writes
     *     or does not return objects byte for byte
     * @throws UnavailableException if the store cannot be reached or the bucket does not exist
     */
    public static S3Storage open(URI location, Map<String, String> settings) {
        return open(location, settings, S3Records.Reclamation.DEFAULT);
    }

    /** As {@link #open(URI, Map)}, with record slots reclaimed as given (tests use other values than the default). */
    static S3Storage open(URI location, Map<String, String> settings, S3Records.Reclamation reclamation) {
        S3Settings s = S3Settings.of(location, settings);
        return new S3Storage(s, client(s), reclamation, true);
    }

    /**
     * As {@link #open(URI, Map)}, on a client the caller owns: closing the storage leaves it open.
     * For tests that open thousands of storages on one server, where a client per storage (its
     * connection pool and TLS-free handshake included) would cost more than the storage's work.
     */
    static S3Storage openOnClient(URI location, Map<String, String> settings, S3Client shared) {
        return new S3Storage(S3Settings.of(location, settings), shared, S3Records.Reclamation.DEFAULT, false);
    }

    static S3Client client(S3Settings s) {
        AwsCredentialsProvider credentials = s.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey().get(), s.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder b = S3Client.builder()
                .credentialsProvider(credentials)
                .forcePathStyle(s.pathStyle())
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(s.chunkedEncoding()).build())
                // The adapter sends SHA-256 itself where it matters; the SDK's default CRC32 trailers
                // would force aws-chunked uploads, which not every S3-compatible store stores correctly.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout())
                        .maxConnections(s.maxConnections()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(s.maxAttempts()).build())
                        .build());
        s.endpoint().ifPresent(b::endpointOverride);
        s.region().map(Region::of).ifPresent(b::region);
        try {
            return b.build();
        } catch (SdkException e) {
            throw new IllegalArgumentException("cannot configure the S3 client: " + e.getClass().getSimpleName()
                    + " (set " + S3Settings.REGION + " and check " + S3Settings.ENDPOINT + ")");
        }
    }

    /** @return whether the store verifies SHA-256 checksums on upload */
    private boolean probe() {
        String bucket = settings.bucket();
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            if (Failures.isNotFound(e)) {
                throw new UnavailableException("bucket '" + bucket + "' does not exist", e);
            }
            throw Failures.map(e, "open", "s3://" + bucket + "/" + settings.prefix());
        }
        String name = names.probe(UUID.randomUUID().toString());
        byte[] body = ("aktenlift probe\r\n0\r\n\r\n" + name).getBytes(StandardCharsets.UTF_8);
        byte[] sha = Hashing.sha256(body, 0, body.length);
        try {
            PutObjectRequest.Builder create = PutObjectRequest.builder().bucket(bucket).key(name).ifNoneMatch("*")
                    .contentLength((long) body.length).checksumSHA256(Hashing.base64(sha));
            encryption(create);
            try {
                client.putObject(create.build(), RequestBody.fromBytes(body));
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (e.statusCode() == 501 && !settings.sse().equals("none")) {
                    throw new UnsupportedCapabilityException("SERVER_SIDE_ENCRYPTION", "the S3 store does not implement"
                            + " server-side encryption " + settings.sse() + " (501), asked for by " + S3Settings.SSE);
                }
                throw e;
            }
            refuseIfAccepted(() -> client.putObject(create.build(), RequestBody.fromBytes(body)),
                    "a second write with If-None-Match: * was accepted");
            byte[] back = client.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
            if (!Arrays.equals(back, body)) {
                throw new UnsupportedCapabilityException("BYTE_EXACT_OBJECTS", "the store returned a probe object with "
                        + back.length + " bytes instead of the " + body.length + " written"
                        + (settings.chunkedEncoding() ? "; set " + S3Settings.CHUNKED_ENCODING + "=false" : ""));
            }
            return rejectsWrongChecksum(name + "-checksum");
        } catch (SdkException e) {
            throw Failures.map(e, "start-up probe", name);
        } finally {
            try {
                client.deleteObject(b -> b.bucket(bucket).key(name));
            } catch (SdkException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete the probe object (" + Failures.code(e) + ")");
            }
        }
    }

    private void refuseIfAccepted(Runnable write, String what) {
        try {
            write.run();
        } catch (SdkException e) {
            if (Failures.isPreconditionFailed(e)) {
                return;
            }
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s && s.statusCode() == 501) {
                throw new UnsupportedCapabilityException("CONDITIONAL_WRITES", "the S3 store does not implement"
                        + " conditional writes (501); records and logs cannot be shared safely without them");
            }
            throw e;
        }
        throw new UnsupportedCapabilityException("CONDITIONAL_WRITES", what + " by the S3 store at "
                + settings.endpoint().map(URI::toString).orElse("AWS") + "; records and logs cannot be shared"
                + " safely without conditional writes, so the adapter refuses to start");
    }

    private boolean rejectsWrongChecksum(String name) {
        byte[] body = {1, 2, 3};
        byte[] wrong = Hashing.sha256(new byte[] {3, 2, 1}, 0, 3);
        try {
            PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(settings.bucket()).key(name)
                    .contentLength(3L).checksumSHA256(Hashing.base64(wrong));
            encryption(put);
            client.putObject(put.build(), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s && s.statusCode() == 400) {
                return true;
            }
            throw e;
        }
        try {
            client.deleteObject(b -> b.bucket(settings.bucket()).key(name));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete the checksum probe (" + Failures.code(e) + ")");
        }
        return false;
    }

    void encryption(PutObjectRequest.Builder put) {
        if (!settings.sse().equals("none")) {
            put.serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()));
            settings.sseKmsKeyId().ifPresent(put::ssekmsKeyId);
        }
    }

    void encryption(CopyObjectRequest.Builder copy) {
        if (!settings.sse().equals("none")) {
            copy.serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()));
            settings.sseKmsKeyId().ifPresent(copy::ssekmsKeyId);
        }
    }

    void encryption(CreateMultipartUploadRequest.Builder create) {
        if (!settings.sse().equals("none")) {
            create.serverSideEncryption(ServerSideEncryption.fromValue(settings.sse()));
            settings.sseKmsKeyId().ifPresent(create::ssekmsKeyId);
        }
    }

    /**
     * Lists the incomplete multipart uploads of this store's content (under {@code <prefix>/c/})
     * that started before the given moment: uploads that failed and whose abort failed too, or
     * that are still running in some worker. Pass a moment well in the past (a day ago, say) so
     * that running uploads are not included.
     *
     * @param initiatedBefore only uploads started before this moment
     * @return the uploads, in the store's order; never {@code null}
     * @throws UnavailableException if the store fails
     * @throws UnsupportedCapabilityException if the store does not implement listing uploads
     * @since 0.2
     */
    public List<IncompleteUpload> incompleteUploads(java.time.Instant initiatedBefore) {
        checkOpen();
        return uploads.list(initiatedBefore);
    }

    /**
     * Aborts the incomplete multipart uploads of this store's content that started before the
     * given moment, which frees their parts. An upload still running in a worker when it is
     * aborted fails there with {@link UnavailableException} and nothing becomes visible, so pass a
     * moment well in the past. Uploads gone meanwhile are skipped.
     *
     * @param initiatedBefore only uploads started before this moment
     * @return the uploads aborted; never {@code null}
     * @throws UnavailableException if the store fails (uploads aborted until then stay aborted)
     * @throws UnsupportedCapabilityException if the store does not implement listing uploads
     * @since 0.2
     */
    public List<IncompleteUpload> abortIncompleteUploads(java.time.Instant initiatedBefore) {
        checkOpen();
        return uploads.abort(initiatedBefore);
    }

    S3Client client() {
        return client;
    }

    /** Applies a lookup to each item on a few threads; @return the results in the items' order. */
    <T, R> List<R> inParallel(List<T> items, Function<T, R> lookup) {
        if (items.size() <= 1) {
            return items.stream().map(lookup).toList();
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(lookups.submit(() -> lookup.apply(item)));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while listing", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UnavailableException("listing failed", e.getCause());
        }
        return results;
    }

    S3Settings settings() {
        return settings;
    }

    ObjectNames names() {
        return names;
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("storage is closed");
        }
    }

    @Override
    public ContentStore content() {
        return content;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public LogStore logs() {
        return logs;
    }

    @Override
    public Set<StorageCapability> capabilities() {
        return capabilities;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lookups.shutdownNow();
            if (ownsClient) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3Storage[" + settings + "]";
    }
}
