package io.github.aktenlift.adapters.s3;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.VersionedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers as on separate machines: each has its own {@link S3Storage}, S3 client, connection pool
 * and caches, and they share nothing but the S3 store.
 */
class MultiWorkerTest {

    private static final int WORKERS = 6;
    private static final int ROUNDS = 20;
    private static S3ProxyServer server;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Slots reclaimed as in production (keep 8, every 8th write) and as tightly as allowed (keep the
     * newest and one predecessor, reclaim after every write), where every round deletes a slot that
     * the losers of the next round have just read.
     */
    static List<S3Records.Reclamation> reclamations() {
        return List.of(S3Records.Reclamation.DEFAULT, new S3Records.Reclamation(2, 1));
    }

    @ParameterizedTest(name = "slots reclaimed with {0}")
    @MethodSource("reclamations")
    @Timeout(120)
    @DisplayName("of N workers with their own clients racing for the same record version, exactly one wins each round; the others get ConflictException")
    void recordRaceAcrossClients(S3Records.Reclamation reclamation) throws Exception {
        URI location = URI.create("s3://" + server.newBucket() + "/shared");
        Key key = Key.of("records/pickup/P-1");
        AtomicInteger[] wins = counters();
        AtomicInteger conflicts = new AtomicInteger();
        race(location, reclamation, (storage, worker, round) -> {
            try {
                storage.records().compareAndSet(key, round, ByteBuffer.allocate(8).putInt(worker).putInt(round).array());
                wins[round].incrementAndGet();
            } catch (ConflictException lost) {
                assertThat(lost.key()).isEqualTo(key.value());
                conflicts.incrementAndGet();
            }
        });
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(wins[round].get()).as("winners of round %d", round).isEqualTo(1);
        }
        assertThat(conflicts.get()).isEqualTo((WORKERS - 1) * ROUNDS);
        try (Storage fresh = S3Storage.open(location, server.settings())) {
            assertThat(fresh.records().get(key).orElseThrow().version()).isEqualTo(ROUNDS);
        }
        assertThat(slotCount(location, key)).as("slots left").isBetween((long) reclamation.keep(),
                (long) reclamation.keep() + reclamation.every());
    }

    @Test
    @Timeout(120)
    @DisplayName("N workers incrementing one counter without pause, slots reclaimed after every write: no increment is lost and none is counted twice")
    void counterWithoutPauses() throws Exception {
        URI location = URI.create("s3://" + server.newBucket() + "/shared");
        Key key = Key.of("records/counter");
        S3Records.Reclamation tight = new S3Records.Reclamation(2, 1);
        int increments = 15;
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        List<Storage> storages = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            storages.add(S3Storage.open(location, server.settings(), tight));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Storage storage : storages) {
                futures.add(pool.submit(() -> {
                    for (int mine = 0; mine < increments; ) {
                        Optional<VersionedRecord> now = storage.records().get(key);
                        long version = now.map(VersionedRecord::version).orElse(0L);
                        long count = now.map(r -> ByteBuffer.wrap(r.value()).getLong()).orElse(0L);
                        assertThat(count).as("the counter equals its version").isEqualTo(version);
                        try {
                            storage.records().compareAndSet(key, version, ByteBuffer.allocate(8).putLong(count + 1).array());
                            won.incrementAndGet();
                            mine++;
                        } catch (ConflictException e) {
                            lost.incrementAndGet();
                        } catch (UnavailableException e) {
                            unknown.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            storages.forEach(Storage::close);
        }
        System.out.printf("counterWithoutPauses: %d increments won, %d conflicts, %d outcomes unknown%n",
                won.get(), lost.get(), unknown.get());
        assertThat(won.get()).isEqualTo(WORKERS * increments);
        try (Storage fresh = S3Storage.open(location, server.settings())) {
            VersionedRecord last = fresh.records().get(key).orElseThrow();
            assertThat(ByteBuffer.wrap(last.value()).getLong()).isEqualTo(last.version());
            assertThat(last.version()).as("increments in the counter: every win, and at most the unknown outcomes more")
                    .isBetween((long) won.get(), (long) won.get() + unknown.get());
        }
        assertThat(lost.get()).as("the workers did race").isPositive();
    }

    @Test
    @Timeout(120)
    @DisplayName("of N workers with their own clients appending at the same sequence, exactly one batch lands each round, whole")
    void logRaceAcrossClients() throws Exception {
        URI location = URI.create("s3://" + server.newBucket() + "/shared");
        Key log = Key.of("journal/main");
        AtomicInteger[] wins = counters();
        race(location, S3Records.Reclamation.DEFAULT, (storage, worker, round) -> {
            try {
                storage.logs().append(log, 3L * round, List.of(bytes(worker, round, 0), bytes(worker, round, 1),
                        bytes(worker, round, 2)));
                wins[round].incrementAndGet();
            } catch (ConflictException lost) {
                assertThat(lost.expected()).isEqualTo(3L * round);
            }
        });
        try (Storage fresh = S3Storage.open(location, server.settings())) {
            assertThat(fresh.logs().length(log)).isEqualTo(3L * ROUNDS);
            List<LogEntry> all = fresh.logs().read(log, 0, 10_000);
            assertThat(all).hasSize(3 * ROUNDS);
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(wins[round].get()).as("winners of round %d", round).isEqualTo(1);
                int writer = ByteBuffer.wrap(all.get(3 * round).data()).getInt();
                for (int i = 0; i < 3; i++) {
                    assertThat(all.get(3 * round + i).data()).as("entry %d of round %d", i, round)
                            .isEqualTo(bytes(writer, round, i));
                }
            }
        }
    }

    interface Step {
        void run(Storage storage, int worker, int round) throws Exception;
    }

    private static void race(URI location, S3Records.Reclamation reclamation, Step step) throws Exception {
        List<Storage> storages = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            storages.add(S3Storage.open(location, server.settings(), reclamation));
        }
        CyclicBarrier barrier = new CyclicBarrier(WORKERS);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        barrier.await();
                        step.run(storages.get(worker), worker, round);
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
            storages.forEach(Storage::close);
        }
    }

    private static long slotCount(URI location, Key key) {
        String prefix = new ObjectNames(location.getPath().substring(1)).recordPrefix(key);
        try (S3Client raw = server.rawClient()) {
            return raw.listObjectsV2Paginator(b -> b.bucket(location.getAuthority()).prefix(prefix)).contents().stream()
                    .filter(o -> ObjectNames.batchStart(prefix, o.key()) >= 0).count();
        }
    }

    private static AtomicInteger[] counters() {
        AtomicInteger[] c = new AtomicInteger[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            c[i] = new AtomicInteger();
        }
        return c;
    }

    private static byte[] bytes(int worker, int round, int i) {
        return ByteBuffer.allocate(12).putInt(worker).putInt(round).putInt(i).array();
    }
}
