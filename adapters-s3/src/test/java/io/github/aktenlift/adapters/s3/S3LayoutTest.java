package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 20's acceptance against S3Proxy 4.0.0: objects under their plain names that ordinary S3
 * tools can fetch, self-contained also after a multipart upload, readable from a copy of the
 * content prefix alone, and a listing that reports foreign and damaged objects; objects written in
 * the layout from before issue 20 stay readable.
 */
@DisplayName("The S3 adapter's object layout")
class S3LayoutTest {

    private static final int SMALL_PARTS = 5 << 20;

    private static S3ProxyServer server;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> multipartSettings() {
        Map<String, String> s = new HashMap<>(server.settings());
        s.put(S3Settings.MULTIPART_THRESHOLD, Integer.toString(SMALL_PARTS));
        s.put(S3Settings.PART_SIZE, Integer.toString(SMALL_PARTS));
        return s;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(Storage storage, Key key) {
        try (InputStream in = storage.content().get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("an object, also a multipart one, is downloaded with the AWS SDK by its plain name, bytes and SHA-256 matching, and carries its own size and SHA-256")
    void plainNames() {
        String bucket = server.newBucket();
        byte[] small = "a rendition".getBytes(StandardCharsets.UTF_8);
        byte[] large = random(2 * SMALL_PARTS + 12345, 1);
        try (Storage storage = S3Storage.open(URI.create("s3://" + bucket + "/office1"), multipartSettings());
                S3Client raw = server.rawClient()) {
            ContentInfo smallInfo = storage.content().put(Key.of("renditions/F0000017/doc-1.pdf"), new ByteArrayInputStream(small));
            ContentInfo largeInfo = storage.content().put(Key.of("renditions/F0000017/doc-2.pdf"), new ByteArrayInputStream(large));
            Map<String, byte[]> written = Map.of("office1/c/renditions/F0000017/doc-1.pdf", small,
                    "office1/c/renditions/F0000017/doc-2.pdf", large);
            Map<String, ContentInfo> recorded = Map.of("office1/c/renditions/F0000017/doc-1.pdf", smallInfo,
                    "office1/c/renditions/F0000017/doc-2.pdf", largeInfo);
            for (String name : written.keySet()) {
                ContentInfo info = recorded.get(name);
                byte[] downloaded = raw.getObjectAsBytes(b -> b.bucket(bucket).key(name)).asByteArray();
                assertThat(downloaded).as(name).isEqualTo(written.get(name));
                assertThat(Hashing.hex(Hashing.sha256(downloaded, 0, downloaded.length))).isEqualTo(info.sha256());
                HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key(name));
                assertThat(head.metadata()).as("self-contained: %s", name)
                        .containsEntry(S3Content.META_SHA256, info.sha256())
                        .containsEntry(S3Content.META_SIZE, Long.toString(info.size()));
            }
            List<String> names = raw.listObjectsV2(b -> b.bucket(bucket).prefix("office1/")).contents().stream()
                    .map(S3Object::key).toList();
            assertThat(names).as("no invisible characters, no side objects left")
                    .containsExactlyInAnyOrder("office1/c/renditions/F0000017/doc-1.pdf", "office1/c/renditions/F0000017/doc-2.pdf");
        }
    }

    @Test
    @DisplayName("a copy of the content prefix alone into a second bucket is read and verified by a second adapter instance")
    void copyOfTheContentPrefix() {
        String first = server.newBucket();
        String second = server.newBucket();
        Map<Key, byte[]> stored = new HashMap<>();
        stored.put(Key.of("renditions/F1/doc-1.pdf"), random(1000, 2));
        stored.put(Key.of("renditions/F1/doc-2.pdf"), random(SMALL_PARTS + 7, 3));
        stored.put(Key.of("protocols/F1/d1.json"), "{}".getBytes(StandardCharsets.UTF_8));
        try (Storage storage = S3Storage.open(URI.create("s3://" + first + "/office1"), multipartSettings())) {
            stored.forEach((k, v) -> storage.content().put(k, new ByteArrayInputStream(v)));
            storage.records().compareAndSet(Key.of("records/x"), 0, new byte[] {1});
        }
        try (S3Client raw = server.rawClient()) {
            for (S3Object o : raw.listObjectsV2Paginator(b -> b.bucket(first).prefix("office1/c/")).contents()) {
                raw.copyObject(b -> b.sourceBucket(first).sourceKey(o.key()).destinationBucket(second).destinationKey(o.key()));
            }
            assertThat(raw.listObjectsV2(b -> b.bucket(second)).contents()).hasSize(stored.size());
        }
        try (Storage copy = S3Storage.open(URI.create("s3://" + second + "/office1"), server.settings())) {
            ContentPage page = copy.content().list("", Optional.empty(), 100);
            assertThat(page.problems()).isEmpty();
            assertThat(page.items()).extracting(ContentInfo::key).containsExactlyInAnyOrderElementsOf(stored.keySet());
            stored.forEach((k, v) -> {
                assertThat(read(copy, k)).as(k.value()).isEqualTo(v);
                assertThat(copy.content().head(k).orElseThrow().sha256())
                        .isEqualTo(Hashing.hex(Hashing.sha256(v, 0, v.length)));
            });
        }
    }

    @Test
    @DisplayName("a listing over 1,000 valid objects, one foreign and one damaged returns the 1,000 and reports the two")
    void listingOverAThousand() {
        String bucket = server.newBucket();
        try (Storage storage = S3Storage.open(URI.create("s3://" + bucket + "/office1"), server.settings());
                S3Client raw = server.rawClient()) {
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                Key key = Key.of(String.format("bulk/object-%04d", i));
                storage.content().put(key, new ByteArrayInputStream(("object " + i).getBytes(StandardCharsets.UTF_8)));
                valid.add(key.value());
            }
            raw.putObject(b -> b.bucket(bucket).key("office1/c/bulk/object-0500-copied-by-hand"), RequestBody.fromString("x"));
            String damaged = valid.remove(700);
            Map<String, String> meta = new HashMap<>(raw.headObject(b -> b.bucket(bucket).key("office1/c/" + damaged)).metadata());
            meta.put(S3Content.META_SIZE, "-1");
            raw.copyObject(b -> b.sourceBucket(bucket).sourceKey("office1/c/" + damaged).destinationBucket(bucket)
                    .destinationKey("office1/c/" + damaged).metadataDirective("REPLACE").metadata(meta));

            for (int limit : new int[] {1000, 333}) {
                List<String> listed = new ArrayList<>();
                List<ContentProblem> problems = new ArrayList<>();
                Optional<Key> after = Optional.empty();
                do {
                    ContentPage page = storage.content().list("bulk", after, limit);
                    page.items().forEach(i -> listed.add(i.key().value()));
                    problems.addAll(page.problems());
                    after = page.next();
                } while (after.isPresent());
                assertThat(listed).as("limit %d", limit).hasSize(1000).containsExactlyElementsOf(valid);
                assertThat(problems).as("limit %d", limit).extracting(ContentProblem::key, ContentProblem::reason)
                        .containsExactlyInAnyOrder(tuple("bulk/object-0500-copied-by-hand", ContentProblem.Reason.FOREIGN),
                                tuple(damaged, ContentProblem.Reason.DAMAGED));
            }
        }
    }

    @Test
    @DisplayName("objects in the layout from before issue 20 (TAB-terminated names, multipart sums in s/) stay readable, listable, replaceable and deletable")
    void legacyLayout() {
        String bucket = server.newBucket();
        byte[] small = "old small".getBytes(StandardCharsets.UTF_8);
        byte[] multi = "old multipart".getBytes(StandardCharsets.UTF_8);
        String smallSha = Hashing.hex(Hashing.sha256(small, 0, small.length));
        String multiSha = Hashing.hex(Hashing.sha256(multi, 0, multi.length));
        String sumsId = UUID.randomUUID().toString();
        try (S3Client raw = server.rawClient()) {
            raw.putObject(b -> b.bucket(bucket).key("p/c/old/small\t")
                    .metadata(Map.of(S3Content.META_SHA256, smallSha, S3Content.META_SIZE, Integer.toString(small.length))),
                    RequestBody.fromBytes(small));
            raw.putObject(b -> b.bucket(bucket).key("p/c/old/multi\t").metadata(Map.of(S3Content.META_SUMS, sumsId)),
                    RequestBody.fromBytes(multi));
            raw.putObject(b -> b.bucket(bucket).key("p/s/" + sumsId), RequestBody.fromString(multi.length + " " + multiSha));
        }
        try (Storage storage = S3Storage.open(URI.create("s3://" + bucket + "/p"), server.settings());
                S3Client raw = server.rawClient()) {
            Key oldSmall = Key.of("old/small");
            Key oldMulti = Key.of("old/multi");
            assertThat(read(storage, oldSmall)).isEqualTo(small);
            assertThat(read(storage, oldMulti)).isEqualTo(multi);
            assertThat(storage.content().head(oldMulti)).contains(new ContentInfo(oldMulti, multi.length, multiSha));
            storage.content().put(Key.of("old/new"), new ByteArrayInputStream(small));
            assertThat(storage.content().list("old", Optional.empty(), 10).items()).extracting(i -> i.key().value())
                    .containsExactly("old/multi", "old/new", "old/small");

            storage.content().put(oldSmall, new ByteArrayInputStream(multi));
            assertThat(read(storage, oldSmall)).as("the plain name is read first").isEqualTo(multi);
            for (int limit : new int[] {1, 10}) {
                List<String> listed = new ArrayList<>();
                Optional<Key> after = Optional.empty();
                do {
                    ContentPage page = storage.content().list("old", after, limit);
                    page.items().forEach(i -> listed.add(i.key().value()));
                    assertThat(page.problems()).isEmpty();
                    after = page.next();
                } while (after.isPresent());
                assertThat(listed).as("each key once, limit %d", limit).containsExactly("old/multi", "old/new", "old/small");
            }

            storage.content().delete(oldSmall);
            storage.content().delete(oldMulti);
            assertThat(storage.content().head(oldSmall)).isEmpty();
            assertThat(storage.content().head(oldMulti)).isEmpty();
            assertThat(raw.listObjectsV2(b -> b.bucket(bucket).prefix("p/")).contents()).extracting(S3Object::key)
                    .containsExactly("p/c/old/new");
        }
    }
}
