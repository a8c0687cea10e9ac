package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Several Aktenlift instances on one storage")
class MultiWriterTest {

    @Test
    @DisplayName("lose no event, never register one barcode twice, and converge on the same state")
    void concurrentWriters() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        MutableClock clock = new MutableClock(Office.START);
        int writers = 3;
        int perWriter = 300;
        List<Aktenlift> lifts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            lifts.add(Aktenlift.builder().storage(storage).clock(clock).ids(IdSource.sequential("w" + w + "-")).build());
        }
        BarcodeScheme scheme = BarcodeScheme.defaultCaseFiles();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                Actor actor = Actor.of("worker-" + writer, "site-" + writer);
                for (int i = 0; i < perWriter; i++) {
                    long serial = writer * 10_000L + i;
                    register(lifts.get(writer), actor, scheme.generate(serial), "AZ-" + serial);
                    // every writer also tries the same shared files: exactly one may win each
                    try {
                        register(lifts.get(writer), actor, scheme.generate(900_000 + i), "AZ-shared-" + i);
                    } catch (DuplicateIdentifierException lost) {
                        duplicates.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(duplicates.get()).isEqualTo((writers - 1) * perWriter);
        long expected = (long) writers * perWriter + perWriter;
        for (Aktenlift lift : lifts) {
            lift.refresh();
            assertThat(lift.tracking().countsPerState().get(CaseFileState.REGISTERED)).isEqualTo(expected);
            assertThat(lift.tracking().verify().eventsChecked()).isEqualTo(expected);
            assertThat(lift.tracking().verify().isIntact()).isTrue();
        }
        Barcode shared = scheme.generate(900_007);
        assertThat(lifts.get(0).tracking().whereIs(shared)).isEqualTo(lifts.get(2).tracking().whereIs(shared));
        assertThat(lifts.get(1).subject(shared)).isPresent();
        lifts.forEach(Aktenlift::close);
    }

    private static void register(Aktenlift lift, Actor actor, Barcode b, String ref) {
        lift.execute(actor, new RegisterCaseFile(b, FileReference.of(ref), Office.subject(ref.hashCode() & 0xffff),
                ProtectionLevel.NORMAL));
    }
}
