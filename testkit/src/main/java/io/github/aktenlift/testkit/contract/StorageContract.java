package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.KeyConflictException;
import io.github.aktenlift.spi.NotFoundException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogRepair;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.spi.storage.VersionedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every {@link Storage} must pass. Extend it, create your storage in
 * {@link #createStorage()}, and say how to damage stored bytes in {@link #corruptContent}:
 *
 * <pre>{@code
 * class MyStorageContractTest extends StorageContract {
 *     @TempDir Path dir;
 *     protected Storage createStorage() { return new MyStorage(dir); }
 *     protected void corruptContent(Storage s, Key key) throws IOException { flipAByteOfTheFileOf(key); }
 * }
 * }</pre>
 *
 * <p>Adapters whose backing system other tools can write to also override
 * {@link #plantForeignContent} and {@link #damageContentRecord}, so that the suite checks that a
 * listing reports such objects instead of failing.
 *
 * <p>The large-object test checks bounded heap only for storages that declare
 * {@link StorageCapability#STREAMING}; concurrency tests run with threads of this JVM.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class StorageContract {

    private static final byte[] HELLO = "hello, Akte".getBytes(StandardCharsets.UTF_8);

    /** The storage under test, fresh and empty for each test. */
    protected Storage storage;

    /** Creates the suite. */
    protected StorageContract() {
    }

    /**
     * @return a new, empty storage; the suite closes it after each test
     * @throws Exception if it cannot be created
     */
    protected abstract Storage createStorage() throws Exception;

    /**
     * Damages the stored bytes of an object behind the storage's back (flip a bit, cut the end),
     * leaving its recorded size and hash as they are.
     *
     * @param storage the storage that holds it
     * @param key the object's key
     * @throws Exception if the damage cannot be done
     */
    protected abstract void corruptContent(Storage storage, Key key) throws Exception;

    /**
     * Plants, behind the storage's back, an object that the adapter did not write, as another tool
     * would put it into the store (a file or object without the adapter's recorded size and
     * SHA-256, or with a name that maps to no key), so that it lies among the keys under the
     * given key's parent in listing order. The default plants nothing, and the test that needs it
     * is skipped with a JUnit assumption (shown as skipped, not passed): override it where the
     * backing system lets anything else write to it.
     *
     * @param storage the storage that holds it
     * @param near a key, not stored, whose position in key order the foreign object should take
     * @return the text under which a listing reports it ({@link ContentProblem#key()}), or empty
     *     if this adapter offers no way to plant one
     * @throws Exception if the planting fails
     */
    protected Optional<String> plantForeignContent(Storage storage, Key near) throws Exception {
        return Optional.empty();
    }

    /**
     * Destroys, behind the storage's back, what the adapter recorded for a stored object (its size
     * and SHA-256: a header, metadata, a side object), so that the object can no longer be
     * verified. The default does nothing and returns {@code false}, and the test that needs it is
     * skipped with a JUnit assumption: override it where the adapter keeps such a record.
     *
     * @param storage the storage that holds it
     * @param key the object's key
     * @return whether the record was damaged
     * @throws Exception if the damage cannot be done
     */
    protected boolean damageContentRecord(Storage storage, Key key) throws Exception {
        return false;
    }

    /** @return size of the large-object round trip; at least 100 MiB unless an override says why */
    protected long largeObjectSize() {
        return 128L << 20;
    }

    /** @return how many writers race in the concurrency tests */
    protected int concurrentWriters() {
        return 8;
    }

    @BeforeEach
    void openStorage() throws Exception {
        storage = createStorage();
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    private static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    private byte[] read(Key key) {
        try (InputStream in = storage.content().get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- content -------------------------------------------------------------------------------

    @Test
    @DisplayName("content: put returns size and SHA-256, get returns the same bytes, head agrees")
    void contentRoundTrip() {
        Key key = Key.of("renditions/F1/doc-1.pdf");
        ContentInfo info = storage.content().put(key, bytes(HELLO));
        assertThat(info).isEqualTo(new ContentInfo(key, HELLO.length, Streams.sha256(HELLO)));
        assertThat(read(key)).isEqualTo(HELLO);
        assertThat(storage.content().head(key)).contains(info);
    }

    @Test
    @DisplayName("content: an empty object round-trips")
    void emptyObject() {
        Key key = Key.of("empty");
        ContentInfo info = storage.content().put(key, bytes(new byte[0]));
        assertThat(info.size()).isZero();
        assertThat(info.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(read(key)).isEmpty();
    }

    @Test
    @DisplayName("content: put replaces an existing object whole")
    void replace() {
        Key key = Key.of("a/b");
        storage.content().put(key, bytes("first, longer version".getBytes(StandardCharsets.UTF_8)));
        storage.content().put(key, bytes(HELLO));
        assertThat(read(key)).isEqualTo(HELLO);
        assertThat(storage.content().head(key).orElseThrow().size()).isEqualTo(HELLO.length);
    }

    @Test
    @DisplayName("content: create stores a new object; on a taken key it throws ConflictException and changes nothing")
    void createIfAbsent() {
        Key key = Key.of("protocols/F1/1.json");
        ContentInfo info = storage.content().create(key, bytes(HELLO));
        assertThat(info).isEqualTo(new ContentInfo(key, HELLO.length, Streams.sha256(HELLO)));
        assertThatThrownBy(() -> storage.content().create(key, bytes("another".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.key()).isEqualTo(key.value()));
        assertThat(read(key)).isEqualTo(HELLO);
        assertThat(storage.content().head(key)).contains(info);
        Key put = Key.of("protocols/F1/2.json");
        storage.content().put(put, bytes(HELLO));
        assertThatThrownBy(() -> storage.content().create(put, bytes(new byte[0])))
                .as("an object stored by put is taken too").isInstanceOf(ConflictException.class);
        assertThat(read(put)).isEqualTo(HELLO);
        storage.content().delete(key);
        storage.content().create(key, bytes(new byte[0]));
        assertThat(read(key)).as("a deleted key is free again").isEmpty();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("content: of N writers creating the same key exactly one wins each round, and its bytes stay")
    void createRace() throws Exception {
        int writers = concurrentWriters();
        int rounds = 10;
        String[] won = new String[rounds];
        int[] wins = race(writers, rounds, (writer, round) -> {
            byte[] mine = (writer + ":" + round).getBytes(StandardCharsets.UTF_8);
            storage.content().create(Key.of("renditions/race/" + round), bytes(mine));
            won[round] = writer + ":" + round;
        });
        for (int round = 0; round < rounds; round++) {
            assertThat(wins[round]).as("winners of round %d", round).isEqualTo(1);
            assertThat(new String(read(Key.of("renditions/race/" + round)), StandardCharsets.UTF_8))
                    .as("round %d keeps the winner's bytes", round).isEqualTo(won[round]);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("content: a large object streams in and out intact (bounded heap where STREAMING is declared)")
    void largeObject() throws IOException {
        long size = largeObjectSize();
        Key key = Key.of("large/object.bin");
        String expected;
        try (InputStream source = Streams.generated(size, 7)) {
            expected = Streams.sha256(source);
        }
        ContentInfo info;
        long putGrowth;
        try (HeapWatch watch = new HeapWatch(); InputStream source = Streams.generated(size, 7)) {
            info = storage.content().put(key, source);
            putGrowth = watch.peakGrowth();
        }
        assertThat(info.size()).isEqualTo(size);
        assertThat(info.sha256()).isEqualTo(expected);
        long getGrowth;
        String actual;
        try (HeapWatch watch = new HeapWatch(); InputStream in = storage.content().get(key)) {
            actual = Streams.sha256(in);
            getGrowth = watch.peakGrowth();
        }
        assertThat(actual).isEqualTo(expected);
        if (storage.capabilities().contains(StorageCapability.STREAMING)) {
            long bound = Math.min(64L << 20, size / 2);
            assertThat(putGrowth).as("live heap growth during put of %d bytes", size).isLessThan(bound);
            assertThat(getGrowth).as("live heap growth during get of %d bytes", size).isLessThan(bound);
        }
    }

    @Test
    @DisplayName("content: damaged stored bytes are detected on read with IntegrityException")
    void corruptionDetected() throws Exception {
        Key key = Key.of("damaged/page.jpg");
        byte[] data = new byte[100_000];
        new java.util.Random(1).nextBytes(data);
        storage.content().put(key, bytes(data));
        corruptContent(storage, key);
        assertThatThrownBy(() -> {
            try (InputStream in = storage.content().get(key)) {
                Streams.drain(in);
            }
        }).isInstanceOf(IntegrityException.class).hasMessageContaining(key.value());
    }

    @Test
    @DisplayName("content: a missing key gives NotFoundException on get, empty on head, nothing on delete")
    void missing() {
        Key key = Key.of("nothing/here");
        assertThatThrownBy(() -> storage.content().get(key)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.key()).isEqualTo(key.value()));
        assertThat(storage.content().head(key)).isEmpty();
        storage.content().delete(key);
        storage.content().put(key, bytes(HELLO));
        storage.content().delete(key);
        assertThat(storage.content().head(key)).isEmpty();
        assertThatThrownBy(() -> storage.content().get(key)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("content: listing is ordered, paginated without gaps or repeats, and isolated by prefix")
    void listing() {
        List<String> inside = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            inside.add(String.format("box/B1/file-%03d", i));
        }
        boolean nested = storage.capabilities().contains(StorageCapability.NESTED_KEYS);
        if (nested) {
            inside.add("box/B1");   // the prefix itself, above the keys below it
        }
        inside.add("box/B1/sub/deeper");
        List<String> outside = new ArrayList<>(List.of("box/B10/file", "box/B1x", "boxes/B1/file", "a", "box/B0/file"));
        if (nested) {
            outside.add("box");
        }
        for (String k : inside) {
            storage.content().put(Key.of(k), bytes(HELLO));
        }
        for (String k : outside) {
            storage.content().put(Key.of(k), bytes(HELLO));
        }
        List<String> listed = new ArrayList<>();
        Optional<Key> after = Optional.empty();
        int pages = 0;
        do {
            ContentPage page = storage.content().list("box/B1", after, 4);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(4);
            page.items().forEach(i -> listed.add(i.key().value()));
            after = page.next();
            pages++;
        } while (after.isPresent() && pages < 100);
        TreeSet<String> expected = new TreeSet<>(Key::compareUtf8);
        expected.addAll(inside);
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((inside.size() + 3) / 4);
        assertThat(storage.content().list("", Optional.empty(), 1000).items()).hasSize(inside.size() + outside.size());
        assertThat(storage.content().list("nothing", Optional.empty(), 10).items()).isEmpty();
        assertThat(storage.content().list("nothing", Optional.empty(), 10).next()).isEmpty();
        assertThatThrownBy(() -> storage.content().list("../x", Optional.empty(), 10))
                .isInstanceOf(IllegalKeyException.class);
        assertThatThrownBy(() -> storage.content().list("", Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("content: a foreign and a damaged object are reported beside the valid ones, never the end of a listing")
    void listingReportsProblems() throws Exception {
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Key key = Key.of("mixed/object-" + i);
            storage.content().put(key, bytes(("object " + i).getBytes(StandardCharsets.UTF_8)));
            valid.add(key.value());
        }
        storage.content().put(Key.of("other/object"), bytes(HELLO));
        Optional<String> foreign = plantForeignContent(storage, Key.of("mixed/object-2x"));
        assumeTrue(foreign.isPresent(), "the adapter test offers no way to plant a foreign object");
        Key damaged = Key.of("mixed/object-4");
        assumeTrue(damageContentRecord(storage, damaged), "the adapter test offers no way to damage a recorded hash");
        valid.remove(damaged.value());

        for (int limit : new int[] {1, 2, 1000}) {
            List<String> listed = new ArrayList<>();
            List<ContentProblem> problems = new ArrayList<>();
            Optional<Key> after = Optional.empty();
            int pages = 0;
            do {
                ContentPage page = storage.content().list("mixed", after, limit);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
                page.items().forEach(i -> listed.add(i.key().value()));
                problems.addAll(page.problems());
                after = page.next();
                pages++;
            } while (after.isPresent() && pages < 100);
            assertThat(listed).as("valid objects listed with limit %d", limit).containsExactlyElementsOf(valid);
            assertThat(problems).as("problems reported with limit %d, each once", limit)
                    .extracting(ContentProblem::key, ContentProblem::reason)
                    .containsExactlyInAnyOrder(tuple(foreign.get(), ContentProblem.Reason.FOREIGN),
                            tuple(damaged.value(), ContentProblem.Reason.DAMAGED));
            assertThat(problems).allSatisfy(p -> assertThat(p.detail()).isNotBlank());
        }
        ContentPage all = storage.content().list("", Optional.empty(), 1000);
        assertThat(all.items()).extracting(i -> i.key().value()).containsAll(valid).contains("other/object")
                .hasSize(valid.size() + 1);
        assertThat(all.problems()).hasSize(2);

        assertThatThrownBy(() -> storage.content().head(damaged)).isInstanceOfSatisfying(IntegrityException.class,
                e -> assertThat(e.key()).isEqualTo(damaged.value()));
        assertThatThrownBy(() -> {
            try (InputStream in = storage.content().get(damaged)) {
                Streams.drain(in);
            }
        }).isInstanceOf(IntegrityException.class).hasMessageContaining(damaged.value());
        assertThat(read(Key.of("mixed/object-5"))).isEqualTo("object 5".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("keys: a key above or below a stored one is stored beside it with NESTED_KEYS, else refused with KeyConflictException and nothing changes")
    void nestedKeys() {
        Key upper = Key.of("nest/a");
        Key lower = Key.of("nest/a/b/c");
        storage.content().put(Key.of("nest/a-sibling"), bytes(HELLO));
        if (storage.capabilities().contains(StorageCapability.NESTED_KEYS)) {
            storage.content().put(upper, bytes(HELLO));
            storage.content().put(lower, bytes("lower".getBytes(StandardCharsets.UTF_8)));
            assertThat(read(upper)).isEqualTo(HELLO);
            assertThat(read(lower)).isEqualTo("lower".getBytes(StandardCharsets.UTF_8));
            return;
        }
        storage.content().put(upper, bytes(HELLO));
        assertThatThrownBy(() -> storage.content().put(lower, bytes(new byte[] {1})))
                .isInstanceOfSatisfying(KeyConflictException.class, e -> {
                    assertThat(e.key()).isEqualTo(lower.value());
                    assertThat(e.existing()).isEqualTo(upper.value());
                });
        assertThat(storage.content().head(lower)).isEmpty();
        storage.content().put(upper, bytes("replaced".getBytes(StandardCharsets.UTF_8)));
        storage.content().delete(upper);
        storage.content().put(lower, bytes(new byte[] {1}));
        assertThatThrownBy(() -> storage.content().put(upper, bytes(HELLO)))
                .isInstanceOfSatisfying(KeyConflictException.class, e -> {
                    assertThat(e.key()).isEqualTo(upper.value());
                    assertThat(e.existing()).isEqualTo(lower.value());
                });
        assertThatThrownBy(() -> storage.content().put(Key.of("nest/a/b"), bytes(HELLO)))
                .isInstanceOf(KeyConflictException.class);
        assertThat(storage.content().head(upper)).isEmpty();
        assertThat(read(lower)).containsExactly(1);
        assertThat(storage.content().list("nest", Optional.empty(), 10).items()).extracting(i -> i.key().value())
                .containsExactly("nest/a-sibling", lower.value());
    }

    /** @return keys that are legal but tend to break naive mappings onto files or object names */
    protected List<String> unusualKeys() {
        return List.of("ümlaut/Straße ä ö ü", "spaces in/a name", "colon:semi;comma,", "CaseSensitive/ABC",
                "casesensitive/abc", "trailing.dot.", "CON", "aux.txt", "nul/lpt1", "emoji/\uD83D\uDCC1",
                "percent%2Fencoded", "..dots../.hidden", "x".repeat(300) + "/" + "y".repeat(300),
                "deep/" + "d/".repeat(150) + "end", "quote\"and'apostrophe", "star*question?pipe|lt<gt>",
                "long/" + "é".repeat(500));
    }

    @Test
    @DisplayName("keys: unusual but legal keys round-trip and stay distinct (case-sensitive)")
    void unusualKeysWork() {
        List<String> keys = unusualKeys();
        for (int i = 0; i < keys.size(); i++) {
            storage.content().put(Key.of(keys.get(i)), bytes(("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(new String(read(Key.of(keys.get(i))), StandardCharsets.UTF_8)).as(keys.get(i)).isEqualTo("v" + i);
        }
        List<String> listed = storage.content().list("", Optional.empty(), 1000).items().stream()
                .map(i -> i.key().value()).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    @DisplayName("keys: empty, absolute, '.'/'..', empty segments, backslashes, control characters and overlong keys are refused")
    void illegalKeys() {
        for (String bad : List.of("", "/etc/passwd", "a/../b", "..", ".", "a//b", "a/", "a\\b", "a\u0000b", "a\nb",
                "\u0085x", "x".repeat(1025), "\uD800alone")) {
            assertThatThrownBy(() -> Key.of(bad)).as("key %s", bad.replace("\u0000", "\\0"))
                    .isInstanceOf(IllegalKeyException.class);
        }
        assertThatThrownBy(() -> Key.of(null)).isInstanceOf(IllegalKeyException.class);
    }

    // ---- records ------------------------------------------------------------------------------

    @Test
    @DisplayName("records: create, read, update and delete with versions")
    void recordsCrud() {
        RecordStore r = storage.records();
        Key key = Key.of("records/box/B1");
        assertThat(r.get(key)).isEmpty();
        assertThat(r.compareAndSet(key, 0, HELLO)).isEqualTo(1);
        assertThat(r.get(key)).contains(new VersionedRecord(key, 1, HELLO));
        assertThat(r.compareAndSet(key, 1, new byte[] {1})).isEqualTo(2);
        assertThat(r.get(key).orElseThrow().value()).containsExactly(1);
        r.delete(key, 2);
        assertThat(r.get(key)).isEmpty();
        assertThat(r.compareAndSet(key, 0, new byte[0])).isEqualTo(1);
        assertThat(r.get(key).orElseThrow().value()).isEmpty();
    }

    @Test
    @DisplayName("records: a stale version is a ConflictException naming both versions, and nothing changes")
    void recordConflicts() {
        RecordStore r = storage.records();
        Key key = Key.of("records/x");
        r.compareAndSet(key, 0, HELLO);
        assertThatThrownBy(() -> r.compareAndSet(key, 0, new byte[] {9})).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.key()).isEqualTo(key.value());
            assertThat(e.expected()).isZero();
        });
        assertThatThrownBy(() -> r.compareAndSet(key, 5, new byte[] {9})).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> r.delete(key, 7)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> r.delete(Key.of("records/none"), 1)).isInstanceOf(ConflictException.class);
        assertThat(r.get(key)).contains(new VersionedRecord(key, 1, HELLO));
        assertThatThrownBy(() -> r.compareAndSet(key, 1, new byte[RecordStore.MAX_RECORD_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("records: of N writers racing for the same version exactly one wins each round")
    void recordRace() throws Exception {
        int writers = concurrentWriters();
        int rounds = 30;
        Key key = Key.of("records/contended");
        int[] wins = race(writers, rounds, (writer, round) ->
                storage.records().compareAndSet(key, round, new byte[] {(byte) writer, (byte) round}));
        for (int round = 0; round < rounds; round++) {
            assertThat(wins[round]).as("winners of round %d", round).isEqualTo(1);
        }
        assertThat(storage.records().get(key).orElseThrow().version()).isEqualTo(rounds);
    }

    // ---- logs ---------------------------------------------------------------------------------

    @Test
    @DisplayName("logs: appends in batches read back in order from any sequence; a missing log has length 0")
    void logsAppendAndRead() {
        Key log = Key.of("journal/test");
        assertThat(storage.logs().length(log)).isZero();
        assertThat(storage.logs().read(log, 0, 10)).isEmpty();
        assertThat(storage.logs().append(log, 0, List.of(b("e0"), b("e1")))).isEqualTo(2);
        assertThat(storage.logs().append(log, 2, List.of(b("e2")))).isEqualTo(3);
        for (int i = 3; i < 40; i++) {
            storage.logs().append(log, i, List.of(b("e" + i)));
        }
        assertThat(storage.logs().length(log)).isEqualTo(40);
        List<LogEntry> all = new ArrayList<>();
        long from = 0;
        while (true) {
            List<LogEntry> page = storage.logs().read(log, from, 7);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            all.addAll(page);
            from = page.get(page.size() - 1).sequence() + 1;
        }
        assertThat(all).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(all.get(i).sequence()).isEqualTo(i);
            assertThat(new String(all.get(i).data(), StandardCharsets.UTF_8)).isEqualTo("e" + i);
        }
        assertThat(storage.logs().read(log, 39, 10)).hasSize(1);
        assertThat(storage.logs().read(log, 40, 10)).isEmpty();
        assertThat(storage.logs().length(Key.of("journal/other"))).isZero();
    }

    @Test
    @DisplayName("logs: an append with a wrong expected sequence is a ConflictException and writes nothing")
    void logConflicts() {
        Key log = Key.of("journal/c");
        storage.logs().append(log, 0, List.of(b("a"), b("b")));
        for (long wrong : new long[] {0, 1, 3, 100}) {
            assertThatThrownBy(() -> storage.logs().append(log, wrong, List.of(b("x"), b("y"))))
                    .isInstanceOfSatisfying(ConflictException.class, e -> {
                        assertThat(e.key()).isEqualTo(log.value());
                        assertThat(e.expected()).isEqualTo(wrong);
                    });
        }
        assertThat(storage.logs().length(log)).isEqualTo(2);
        assertThatThrownBy(() -> storage.logs().append(log, 2, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.logs().append(log, 2, List.of(b("ok"), new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(storage.logs().length(log)).as("a rejected batch writes none of its entries").isEqualTo(2);
    }

    @Test
    @DisplayName("logs: a log no crash interrupted has no repairs, nor has a missing log; the list cannot be changed")
    void logRepairsOfASoundLog() {
        Key log = Key.of("journal/sound");
        assertThat(storage.logs().repairs(log)).isEmpty();
        storage.logs().append(log, 0, List.of(b("a")));
        storage.logs().append(log, 1, List.of(b("b"), b("c")));
        assertThat(storage.logs().read(log, 0, 10)).hasSize(3);
        List<LogRepair> repairs = storage.logs().repairs(log);
        assertThat(repairs).isEmpty();
        assertThatThrownBy(() -> repairs.add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> storage.logs().repairs(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("logs: entries keep arbitrary bytes, including newlines and NUL, up to the size limit")
    void logBinaryEntries() {
        Key log = Key.of("journal/bin");
        byte[] weird = {0, '\n', '\r', (byte) 0xff, '{', '}', 0, '\n'};
        byte[] big = new byte[io.github.aktenlift.spi.storage.LogStore.MAX_ENTRY_BYTES];
        big[big.length - 1] = 42;
        storage.logs().append(log, 0, List.of(weird, big));
        List<LogEntry> back = storage.logs().read(log, 0, 5);
        assertThat(back.get(0).data()).containsExactly(weird);
        assertThat(back.get(1).data()).hasSize(big.length).endsWith(42);
        assertThatThrownBy(() -> storage.logs().append(log, 2, List.of(new byte[big.length + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("logs: of N appenders expecting the same length exactly one wins each round, and no entry is lost")
    void logRace() throws Exception {
        int writers = concurrentWriters();
        int rounds = 30;
        Key log = Key.of("journal/race");
        int[] wins = race(writers, rounds, (writer, round) ->
                storage.logs().append(log, 2L * round, List.of(b(writer + ":" + round + ":a"),
                        b(writer + ":" + round + ":b"))));
        List<LogEntry> all = storage.logs().read(log, 0, 10_000);
        assertThat(all).hasSize(2 * rounds);
        for (int round = 0; round < rounds; round++) {
            assertThat(wins[round]).as("winners of round %d", round).isEqualTo(1);
            String a = new String(all.get(2 * round).data(), StandardCharsets.UTF_8);
            String b = new String(all.get(2 * round + 1).data(), StandardCharsets.UTF_8);
            assertThat(a).endsWith(":" + round + ":a");
            assertThat(b).isEqualTo(a.substring(0, a.length() - 1) + "b");
        }
    }

    /** One writer's attempt in one round of a race; a lost race is a {@link ConflictException}. */
    @FunctionalInterface
    private interface Attempt {
        void run(int writer, int round);
    }

    /**
     * Lets {@code writers} threads make their attempt of each round at the same moment (a barrier
     * before and after every round).
     *
     * @return per round, how many attempts did not end in {@link ConflictException}
     */
    private static int[] race(int writers, int rounds, Attempt attempt) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(writers);
        AtomicInteger[] wins = new AtomicInteger[rounds];
        for (int i = 0; i < rounds; i++) {
            wins[i] = new AtomicInteger();
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        barrier.await();
                        try {
                            attempt.run(writer, round);
                            wins[round].incrementAndGet();
                        } catch (ConflictException lost) {
                            // expected for all but one
                        }
                        barrier.await();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int[] out = new int[rounds];
        for (int i = 0; i < rounds; i++) {
            out[i] = wins[i].get();
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
