package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.VersionedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Old record slots are deleted, and neither a stalled writer nor a stalled reader is misled by a
 * deleted slot number that is free again. Stalls are made by a fault proxy that holds one request
 * while another adapter instance, on its own connection to the same S3Proxy, writes and reclaims.
 */
@DisplayName("S3 record slots are reclaimed")
class RecordReclamationTest {

    /** The tightest reclamation: keep the newest slot and one predecessor, reclaim after every write. */
    private static final S3Records.Reclamation TIGHT = new S3Records.Reclamation(2, 1);

    private static S3ProxyServer server;
    private FaultProxy proxy;
    private ExecutorService pool;
    private URI location;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemoryUnsigned();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void start() throws IOException {
        proxy = new FaultProxy(server.endpoint());
        pool = Executors.newSingleThreadExecutor();
        location = URI.create("s3://" + server.newBucket() + "/w");
    }

    @AfterEach
    void stop() {
        proxy.release();
        pool.shutdownNow();
        proxy.close();
    }

    @Nested
    @DisplayName("a record rewritten many times")
    class Rewritten {

        @Test
        @Timeout(120)
        @DisplayName("keeps at most keep + every slots, and a new process reads it with one LIST of that many names and one GET, after 10 writes as after 1,000")
        void boundedAndFlat() {
            S3Records.Reclamation r = S3Records.Reclamation.DEFAULT;
            int bound = r.keep() + r.every();
            Key key = Key.of("records/journal/head");
            try (S3Storage writer = direct(r)) {
                int written = 0;
                for (int checkpoint : List.of(10, 100, 1_000)) {
                    for (; written < checkpoint; written++) {
                        writer.records().compareAndSet(key, written, value(written + 1));
                    }
                    assertThat(slots(key)).as("slots after %d writes", written)
                            .hasSizeLessThanOrEqualTo(bound).contains(written - 1L);
                    ReadCost cost = freshRead(key, written);
                    assertThat(cost.lists()).as("LIST requests of a new process after %d writes", written).isEqualTo(1);
                    assertThat(cost.objects()).as("objects listed after %d writes", written).isLessThanOrEqualTo(bound);
                    assertThat(cost.gets()).as("GET requests after %d writes", written).isEqualTo(1);
                }
            }
        }

        @Test
        @DisplayName("an uncontended write costs a LIST, a GET, a PUT and a LIST of at most one name; every 8th one more LIST and one delete request")
        void costOfAWrite() {
            Key key = Key.of("records/costs");
            try (S3Storage writer = viaProxy(S3Records.Reclamation.DEFAULT)) {
                writer.records().compareAndSet(key, 0, value(1));
                proxy.clearRequests();
                for (int v = 1; v <= 16; v++) {
                    writer.records().compareAndSet(key, v, value(v + 1));
                }
                List<String> requests = proxy.requests();
                assertThat(requests.stream().filter(r -> r.startsWith("GET ") && r.contains("list-type=2"))).hasSize(2 * 16 + 2);
                assertThat(requests.stream().filter(r -> r.startsWith("GET ") && !r.contains("list-type=2"))).hasSize(16);
                assertThat(requests.stream().filter(r -> r.startsWith("PUT "))).hasSize(16);
                assertThat(requests.stream().filter(r -> r.startsWith("DELETE ") || r.startsWith("POST ") && r.contains("delete")))
                        .as("one DeleteObjects, or one DELETE where a single slot goes").hasSize(2);
                assertThat(requests).as("nothing else").hasSize(16 * 4 + 2 * 2);
            }
        }

        @Test
        @DisplayName("without reclamation the same measurement grows with the writes: a new process lists every slot ever written")
        void growsWithoutReclamation() {
            Key key = Key.of("records/unreclaimed");
            try (S3Storage writer = direct(new S3Records.Reclamation(8, Integer.MAX_VALUE))) {
                for (int i = 0; i < 200; i++) {
                    writer.records().compareAndSet(key, i, value(i + 1));
                }
            }
            assertThat(slots(key)).hasSize(200);
            assertThat(freshRead(key, 200).objects()).isEqualTo(200);
        }

        @Test
        @DisplayName("a deletion is a slot like a write: the record created again goes on from it, and old slots go as before")
        void deletionIsASlotToo() {
            Key key = Key.of("records/box/B-7");
            try (S3Storage writer = direct(TIGHT)) {
                writer.records().compareAndSet(key, 0, value(1));
                writer.records().compareAndSet(key, 1, value(2));
                writer.records().delete(key, 2);
                assertThat(writer.records().get(key)).isEmpty();
                assertThat(writer.records().compareAndSet(key, 0, value(9))).isEqualTo(1);
                assertThat(slots(key)).containsExactly(2L, 3L);
            }
            try (S3Storage fresh = direct(TIGHT)) {
                assertThat(fresh.records().get(key)).contains(new VersionedRecord(key, 1, value(9)));
            }
        }

        @Test
        @DisplayName("a slot written before reclamation existed (format AKR1, no parent id) is read and written over")
        void readsOldFormat() {
            Key key = Key.of("records/old");
            byte[] value = "from an older adapter".getBytes(StandardCharsets.UTF_8);
            byte[] writeId = new byte[16];
            new java.util.Random(7).nextBytes(writeId);
            byte[] body = ByteBuffer.allocate(4 + 1 + 8 + 16 + value.length).put(new byte[] {'A', 'K', 'R', '1'})
                    .put((byte) 1).putLong(4).put(writeId).put(value).array();
            try (S3Client raw = server.rawClient()) {
                raw.putObject(b -> b.bucket(bucket()).key(slotName(key, 3)), RequestBody.fromBytes(body));
            }
            try (S3Storage storage = direct(TIGHT)) {
                assertThat(storage.records().get(key)).contains(new VersionedRecord(key, 4, value));
                assertThat(storage.records().compareAndSet(key, 4, value(5))).isEqualTo(5);
                assertThat(storage.records().compareAndSet(key, 5, value(6))).isEqualTo(6);
                assertThat(slots(key)).containsExactly(4L, 5L);
            }
        }
    }

    @Nested
    @DisplayName("a writer that stalls while others write and reclaim")
    class StalledWriter {

        @Test
        @Timeout(60)
        @DisplayName("whose create lands on a reclaimed, free again slot number gets ConflictException, its object is removed, and the newest value stays")
        void staleCreateIsRefuted() throws Exception {
            Key key = Key.of("records/pickup/P-1");
            try (S3Storage stalled = viaProxy(TIGHT); S3Storage other = direct(TIGHT)) {
                other.records().compareAndSet(key, 0, value(1));
                other.records().compareAndSet(key, 1, value(2));
                proxy.inject(putOf(key, 2), FaultProxy.Fault.HOLD, 1);
                Future<Long> stale = pool.submit(() -> stalled.records().compareAndSet(key, 2, value(-3)));
                proxy.awaitHeld();
                for (int v = 2; v < 5; v++) {
                    other.records().compareAndSet(key, v, value(v + 1));
                }
                assertThat(slots(key)).as("slot 2 was reclaimed, so its number is free").containsExactly(3L, 4L);
                proxy.release();

                assertThatThrownBy(stale::get).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOfSatisfying(ConflictException.class, e -> {
                            assertThat(e.key()).isEqualTo(key.value());
                            assertThat(e.expected()).isEqualTo(2);
                        });
                assertThat(proxy.answered()).as("the store accepted the stale create: only the adapter's check refuses it")
                        .anyMatch(a -> putOf(key, 2).test(a) && a.endsWith(" 200"));
                assertThat(slots(key)).as("the stale object is deleted again").containsExactly(3L, 4L);
                assertThat(other.records().get(key)).contains(new VersionedRecord(key, 5, value(5)));
                assertThat(stalled.records().get(key)).contains(new VersionedRecord(key, 5, value(5)));
            }
        }

        @Test
        @Timeout(60)
        @DisplayName("whose create landed in time is told it won, although its slot was reclaimed before the answer came")
        void landedCreateIsConfirmedBySuccessor() throws Exception {
            Key key = Key.of("records/pickup/P-2");
            try (S3Storage stalled = viaProxy(TIGHT); S3Storage other = direct(TIGHT)) {
                other.records().compareAndSet(key, 0, value(1));
                other.records().compareAndSet(key, 1, value(2));
                proxy.inject(putOf(key, 2), FaultProxy.Fault.FORWARD_THEN_HOLD, 1);
                Future<Long> slow = pool.submit(() -> stalled.records().compareAndSet(key, 2, value(3)));
                proxy.awaitHeld();
                assertThat(other.records().get(key)).as("the held write has landed").contains(new VersionedRecord(key, 3, value(3)));
                other.records().compareAndSet(key, 3, value(4));
                other.records().compareAndSet(key, 4, value(5));
                assertThat(slots(key)).as("the held write's slot 2 is reclaimed").containsExactly(3L, 4L);
                proxy.release();

                assertThat(slow.get()).isEqualTo(3);
                assertThat(stalled.records().get(key)).contains(new VersionedRecord(key, 5, value(5)));
            }
        }

        @Test
        @Timeout(60)
        @DisplayName("that cannot tell its outcome because its slot's successor is reclaimed too gets UnavailableException, and never becomes the value")
        void undecidableIsUnavailable() throws Exception {
            Key key = Key.of("records/pickup/P-3");
            try (S3Storage stalled = viaProxy(TIGHT); S3Storage other = direct(TIGHT)) {
                other.records().compareAndSet(key, 0, value(1));
                other.records().compareAndSet(key, 1, value(2));
                proxy.inject(putOf(key, 2), FaultProxy.Fault.HOLD, 1);
                Future<Long> stale = pool.submit(() -> stalled.records().compareAndSet(key, 2, value(-3)));
                proxy.awaitHeld();
                for (int v = 2; v < 6; v++) {
                    other.records().compareAndSet(key, v, value(v + 1));
                }
                assertThat(slots(key)).containsExactly(4L, 5L);
                proxy.release();

                assertThatThrownBy(stale::get).cause().isInstanceOf(UnavailableException.class)
                        .hasMessageContaining(key.value()).hasMessageContaining("may or may not");
                assertThat(slots(key)).containsExactly(4L, 5L);
                assertThat(stalled.records().get(key)).contains(new VersionedRecord(key, 6, value(6)));
            }
        }
    }

    @Nested
    @DisplayName("a reader that stalls between its LIST and its GET")
    class StalledReader {

        @Test
        @Timeout(60)
        @DisplayName("whose slot is reclaimed and created again with an older value reads again and returns the newest value, never the older one")
        void recreatedSlotIsNotRead() throws Exception {
            Key key = Key.of("records/case/C-9");
            byte[] olderSlot;
            try (S3Storage reader = viaProxy(TIGHT); S3Storage other = direct(TIGHT); S3Client raw = server.rawClient()) {
                for (int v = 0; v < 3; v++) {
                    other.records().compareAndSet(key, v, value(v + 1));
                }
                olderSlot = raw.getObjectAsBytes(b -> b.bucket(bucket()).key(slotName(key, 1))).asByteArray();
                proxy.inject(getOf(key, 2), FaultProxy.Fault.HOLD, 1);
                Future<java.util.Optional<VersionedRecord>> read = pool.submit(() -> reader.records().get(key));
                proxy.awaitHeld();
                other.records().compareAndSet(key, 3, value(4));
                other.records().compareAndSet(key, 4, value(5));
                assertThat(slots(key)).containsExactly(3L, 4L);
                // a stale writer creates slot 2 again, holding version 2 (the bytes of the old slot 1)
                raw.putObject(b -> b.bucket(bucket()).key(slotName(key, 2)), RequestBody.fromBytes(olderSlot));
                proxy.release();

                assertThat(read.get()).contains(new VersionedRecord(key, 5, value(5)));
                assertThat(proxy.requests()).as("the held GET of slot 2 was answered, then the reader listed again")
                        .filteredOn(getOf(key, 2)).hasSize(1);
            }
        }
    }

    private record ReadCost(long lists, long objects, long gets) {
    }

    /** A new adapter instance through the proxy reads the record once; @return what that cost. */
    private ReadCost freshRead(Key key, long version) {
        try (S3Storage fresh = viaProxy(S3Records.Reclamation.DEFAULT)) {
            assertThat(fresh.records().get(key).orElseThrow().version()).isEqualTo(version);
            List<String> requests = proxy.requests();
            return new ReadCost(requests.stream().filter(r -> r.startsWith("GET ") && r.contains("list-type=2")).count(),
                    proxy.objectsListed(),
                    requests.stream().filter(r -> r.startsWith("GET ") && !r.contains("list-type=2")).count());
        }
    }

    private S3Storage direct(S3Records.Reclamation r) {
        return S3Storage.open(location, server.settings(), r);
    }

    private S3Storage viaProxy(S3Records.Reclamation r) {
        S3Storage s = S3Storage.open(location, S3ProxyServer.settings(proxy.endpoint()), r);
        proxy.clearRequests();
        return s;
    }

    private String bucket() {
        return location.getAuthority();
    }

    private static String slotName(Key key, long slot) {
        return new ObjectNames("w").recordSlot(key, slot);
    }

    private static Predicate<String> putOf(Key key, long slot) {
        return r -> r.startsWith("PUT ") && r.contains("/r/" + key.value() + "/" + ObjectNames.sequence(slot));
    }

    private static Predicate<String> getOf(Key key, long slot) {
        return r -> r.startsWith("GET ") && r.contains("/r/" + key.value() + "/" + ObjectNames.sequence(slot));
    }

    /** @return the slot numbers of the record's objects in the bucket, ascending */
    private List<Long> slots(Key key) {
        String prefix = new ObjectNames("w").recordPrefix(key);
        try (S3Client raw = server.rawClient()) {
            return raw.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
                    .map(S3Object::key).map(n -> ObjectNames.batchStart(prefix, n)).filter(n -> n >= 0).toList();
        }
    }

    private static byte[] value(int n) {
        return ("value " + n).getBytes(StandardCharsets.UTF_8);
    }
}
