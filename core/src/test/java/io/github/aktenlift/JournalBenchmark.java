package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.journal.Journal;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.Tracking;
import io.github.aktenlift.tracking.VerificationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times the tracking journal at the bulk project's full size, in memory. Prints figures; asserts
 * only correctness, never timings. Left out of the default run (tag {@code benchmark}); run with
 *
 * <pre>
 * mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dtest=JournalBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and take the medians of three runs. Lines starting with {@code BENCH} are meant for grep.
 */
@Tag("benchmark")
@DisplayName("Journal benchmark: the bulk project's 205,438 events, timed")
class JournalBenchmark {

    private static final int LOOKUPS = 100_000;
    private static final int WARM_UP = 200_000;
    private static final int SIMPLE_COMMANDS = 100_000;
    private static final int RAW_APPENDS = 200_000;
    private static final int REPEATS = 3;

    @Test
    @DisplayName("prints append rate, query latency, replay and verify time and heap for 20,000 case files")
    void bulkProject() {
        System.out.printf("JournalBenchmark on %d cores, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        bulkScenario();

        // 5. pure append rates: one-event commands, and the journal alone
        simpleCommands();
        rawJournal();
    }

    private static void bulkScenario() {
        resetPeaks();

        // 1. the bulk scenario: once in a cold JVM (what an office sees), once warm
        BulkScenario cold = timedScenario("cold JVM");
        long coldPeak = peakHeap();
        cold.close();
        cold = null;
        resetPeaks();
        BulkScenario s = timedScenario("warm JVM");

        // 2. queries at 20,000 case files
        Tracking t = s.office.lift.tracking();
        Barcode[] files = new Barcode[BulkScenario.FILES];
        for (int i = 1; i <= BulkScenario.FILES; i++) {
            files[i - 1] = s.file(i);
        }
        Random rnd = new Random(20_000);
        latency("whereIs(barcode)", () -> t.whereIs(files[rnd.nextInt(files.length)]).orElseThrow().lastSequence());
        latency("countsPerState()", () -> t.countsPerState().get(CaseFileState.DESTROYED));
        latency("whereIs(reference)", () -> t.whereIs(BulkScenario.reference(1 + rnd.nextInt(files.length)))
                .orElseThrow().lastSequence());
        once("overdue()", () -> t.overdue().size());
        once("discrepancies()", () -> t.discrepancies().size());
        once("dueForDestruction()", () -> t.dueForDestruction().size());
        once("reconcile()", () -> s.office.lift.inventory().reconcile().imported());

        // 3. replay: open a new instance on the same storage, reading and checking all events
        Map<CaseFileState, Long> live = t.countsPerState();
        long[] replay = new long[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            try (Aktenlift again = s.office.reopen()) {
                replay[r] = System.nanoTime() - t0;
                assertThat(again.tracking().countsPerState()).isEqualTo(live);
            }
        }
        report("replay (open) of " + s.events() + " events", replay);

        // 4. verify: read everything back from storage and check every hash and checkpoint
        long[] verify = new long[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            VerificationReport v = t.verify();
            verify[r] = System.nanoTime() - t0;
            assertThat(v.isIntact()).isTrue();
            assertThat(v.eventsChecked()).isEqualTo(s.events());
        }
        report("verify() of " + s.events() + " events", verify);

        long peak = peakHeap();
        long retained = usedAfterGc();
        System.out.printf("BENCH heap.peak.coldScenario %d MiB (used heap sampled every ms, garbage included)%n", coldPeak >> 20);
        System.out.printf("BENCH heap.peak.warmScenarioQueriesReplayVerify %d MiB%n", peak >> 20);
        System.out.printf("BENCH heap.retained %d MiB (after GC: journal bytes in memory + 1 projection)%n",
                retained >> 20);
        s.close();
    }

    private static BulkScenario timedScenario(String label) {
        long cpu0 = threadCpuNanos();
        long process0 = processCpuNanos();
        long t0 = System.nanoTime();
        BulkScenario s = new BulkScenario(10_000, false).run();
        long nanos = System.nanoTime() - t0;
        long cpu = threadCpuNanos() - cpu0;
        long process = processCpuNanos() - process0;
        assertThat(s.office.journalLength()).isEqualTo(s.events()).isEqualTo(BulkScenarioTest.EXPECTED_EVENTS);
        System.out.printf("BENCH scenario[%s] %,d commands, %,d events in %,d ms: %,.0f events/s, %,.0f commands/s%n",
                label, s.commands(), s.events(), nanos / 1_000_000, s.events() * 1e9 / nanos, s.commands() * 1e9 / nanos);
        System.out.printf("BENCH scenario[%s] cpu: thread %,d ms = %,.0f events/s; process %,d ms (all threads: JIT, GC)%n",
                label, cpu / 1_000_000, s.events() * 1e9 / cpu, process / 1_000_000);
        return s;
    }

    private static void simpleCommands() {
        try (Office o = new Office(new InMemoryStorage(), new MutableClock(Instant.parse("2026-03-02T08:00:00Z")),
                Policies.defaults(), 10_000)) {
            int n = BulkScenario.FILES;
            long t0 = System.nanoTime();
            List<Barcode> files = o.registerMany(n);
            long reg = System.nanoTime() - t0;
            System.out.printf("BENCH append.register %,d RegisterCaseFile in %,d ms: %,.0f events/s%n", n,
                    reg / 1_000_000, n * 1e9 / reg);
            Actor clerk = o.clerk;
            t0 = System.nanoTime();
            for (int k = 0; k < SIMPLE_COMMANDS; k++) {
                Barcode f = files.get(k % n);
                if ((k / n) % 2 == 0) {
                    o.lift.execute(clerk, new PlaceHold(f, HoldReason.AUDIT));
                } else {
                    o.lift.execute(clerk, new ReleaseHold(f, HoldReason.AUDIT));
                }
            }
            long holds = System.nanoTime() - t0;
            System.out.printf("BENCH append.simpleCommands %,d PlaceHold/ReleaseHold in %,d ms: %,.0f events/s%n",
                    SIMPLE_COMMANDS, holds / 1_000_000, SIMPLE_COMMANDS * 1e9 / holds);
            assertThat(o.journalLength()).isEqualTo((long) n + SIMPLE_COMMANDS);
        }
    }

    private static void rawJournal() {
        InMemoryStorage storage = new InMemoryStorage();
        Journal j = new Journal(storage.logs(), storage.records(), Key.of("journal/events"), Key.of("journal/checkpoints"),
                Key.of("journal/head"), null, 10_000);
        Instant now = Instant.parse("2026-03-02T08:00:00Z");
        long checkpointNanos = 0;
        int checkpoints = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < RAW_APPENDS; k++) {
            PendingEvent p = PendingEvent.of("file/F" + (k % 20_000), EventKind.HOLD_PLACED, "reason", "AUDIT");
            j.commit(j.prepare(List.of(p), now, "clerk-1", "office"));
            if (j.checkpointDue()) {
                long c0 = System.nanoTime();
                j.checkpoint(now);
                checkpointNanos += System.nanoTime() - c0;
                checkpoints++;
            }
        }
        long nanos = System.nanoTime() - t0;
        System.out.printf("BENCH checkpoint %d checkpoints over 20,000 streams: %.1f ms each, %,d ms in all%n",
                checkpoints, checkpointNanos / 1e6 / checkpoints, checkpointNanos / 1_000_000);
        System.out.printf("BENCH append.journalOnly %,d one-event batches (hash, encode, store; no validation,"
                + " no projection) in %,d ms: %,.0f events/s%n", RAW_APPENDS, nanos / 1_000_000, RAW_APPENDS * 1e9 / nanos);
        assertThat(j.size()).isEqualTo(RAW_APPENDS);
    }

    /*
     * CPU time of the benchmark's thread: steadier than wall-clock time on a shared machine, as it
     * leaves out the time the thread waits for a core. ThreadMXBean is reached reflectively because
     * the tests compile patched into the core module, which does not read java.management; at run
     * time they are on the class path, which does.
     */
    private static long threadCpuNanos() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (long) Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime")
                    .invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no thread CPU time in this JVM", e);
        }
    }

    /** CPU time of the whole JVM: the benchmark's thread plus JIT compilers and the garbage collector. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** Times single calls after warm-up and prints median and 99th percentile in microseconds. */
    private static void latency(String what, LongSupplier call) {
        long sink = 0;
        for (int k = 0; k < WARM_UP; k++) {
            sink += call.getAsLong();
        }
        long[] ns = new long[LOOKUPS];
        for (int k = 0; k < LOOKUPS; k++) {
            long t0 = System.nanoTime();
            sink += call.getAsLong();
            ns[k] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("BENCH latency %s: p50 %.2f µs, p99 %.2f µs, max %.1f µs over %,d calls (sink %d)%n", what,
                ns[LOOKUPS / 2] / 1e3, ns[LOOKUPS * 99 / 100] / 1e3, ns[LOOKUPS - 1] / 1e3, LOOKUPS, sink & 1);
    }

    private static void once(String what, LongSupplier call) {
        call.getAsLong();
        long t0 = System.nanoTime();
        long n = call.getAsLong();
        System.out.printf("BENCH query %s: %.1f ms (%d results)%n", what, (System.nanoTime() - t0) / 1e6, n);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        List<String> each = new ArrayList<>();
        for (long n : nanos) {
            each.add(Long.toString(n / 1_000_000));
        }
        System.out.printf("BENCH %s: median %,d ms (runs: %s ms)%n", what, sorted[sorted.length / 2] / 1_000_000,
                String.join(", ", each));
    }

    /*
     * Heap is sampled from Runtime every millisecond: java.lang.management is not readable from the
     * core module's tests (they compile patched into the named module), and a sampled peak is close
     * enough for a figure in MiB.
     */
    private static final AtomicLong PEAK = new AtomicLong();
    private static final Thread SAMPLER = new Thread(() -> {
        Runtime rt = Runtime.getRuntime();
        while (true) {
            PEAK.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }, "heap-sampler");

    static {
        SAMPLER.setDaemon(true);
        SAMPLER.start();
    }

    private static void resetPeaks() {
        System.gc();
        PEAK.set(0);
    }

    private static long peakHeap() {
        return PEAK.get();
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
