package io.github.aktenlift.examples.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.spi.internal.CrashPoints;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kills a child JVM running {@link NotificationWorkload} on the filesystem storage with SIGKILL at
 * each named crash point of the notification outbox, and at random moments; then, as a restarted
 * process would, opens the storage and redelivers, and checks that nothing was lost: every
 * notification of every event the journal recorded, and every notification the outbox had stored
 * when the child died, has arrived — before the kill or after the restart — under its stable id,
 * and per recipient the notifications of events first arrived in the order of their events.
 *
 * <p>The named points are written here, not taken from the outbox: a traced run must pass exactly
 * these. Random kills: {@code -Daktenlift.crash.seed=…} (the seed is printed), three by default.
 */
@DisplayName("Notifications of a process killed with SIGKILL")
class NotificationCrashTest {

    private static final List<String> POINTS = List.of("core.notification.committed", "core.notification.delivered",
            "core.notification.reserved", "core.notification.queued", "core.notification.marked",
            "core.notification.redelivered", "core.notification.removed");
    private static final int RANDOM_KILLS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("are all delivered after a restart, whether it was killed at a step of the outbox or at any moment,"
            + " under stable ids, in order per recipient")
    void noneLost() throws Exception {
        long started = System.nanoTime();
        Path traced = run("traced");
        Child child = Child.start(traced, List.of("-D" + CrashPoints.TRACE + "=" + dir.resolve("trace")));
        long tracedMillis = child.waitForEnd();
        List<String> trace = Files.readAllLines(dir.resolve("trace")).stream()
                .filter(p -> p.startsWith("core.notification.")).toList();
        assertThat(new LinkedHashSet<>(trace)).as("the outbox's crash points the workload passes")
                .containsExactlyInAnyOrderElementsOf(POINTS);
        Check unkilled = check(traced, "unkilled");
        assertThat(unkilled.stepsDone()).isEqualTo(NotificationWorkload.STEPS);
        checkFiresOnPlantedFaults(traced);

        List<String> kills = new ArrayList<>();
        for (String point : POINTS) {
            long arrivals = trace.stream().filter(point::equals).count();
            String target = point + "@" + (arrivals + 1) / 2;
            Path r = run("at-" + point.substring("core.notification.".length()));
            Path signal = r.resolve("signal");
            Child c = Child.start(r, List.of("-D" + CrashPoints.POINT + "=" + target, "-D" + CrashPoints.SIGNAL + "=" + signal));
            c.killWhenSignalled(signal, point);
            kills.add(describe(target, check(r, target)));
        }
        long seed = Long.getLong("aktenlift.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("NotificationCrashTest: random kills with -Daktenlift.crash.seed=%d%n", seed);
        for (int i = 0; i < RANDOM_KILLS; i++) {
            Path r = run("random-" + i);
            Child c = Child.start(r, List.of());
            long delay = random.nextLong(Math.max(1, tracedMillis));
            boolean killed = c.killAfterStart(delay);
            kills.add(describe((killed ? "random, " : "random, finished before ") + delay + " ms", check(r, "random " + i)));
        }
        kills.forEach(k -> System.out.println("  " + k));
        System.out.printf("NotificationCrashTest: %d points, %d kills, none lost, %.1f s%n", POINTS.size(), kills.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The check cannot pass by itself: with one event's notification taken out of what arrived, or
     * two arrivals for one recipient swapped, it fails.
     */
    private static void checkFiresOnPlantedFaults(Path run) throws IOException {
        Path arrivals = run.resolve("arrivals");
        List<String> real = lines(arrivals);
        List<String> events = real.stream().filter(l -> l.startsWith("event-") && l.endsWith(" office")).distinct().toList();
        assertThat(events).as("office notifications of events in the unkilled run").hasSizeGreaterThan(2);
        try {
            Files.write(arrivals, real.stream().filter(l -> !l.equals(events.get(1))).toList());
            assertThatThrownBy(() -> check(run, "planted loss")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("every notification of a recorded event arrived");
            List<String> swapped = new ArrayList<>(real);
            int a = swapped.indexOf(events.get(1));
            int b = swapped.indexOf(events.get(2));
            swapped.set(a, events.get(2));
            swapped.set(b, events.get(1));
            Files.write(arrivals, swapped);
            assertThatThrownBy(() -> check(run, "planted reordering")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("arrived first after a later event's notification");
        } finally {
            Files.write(arrivals, real);
        }
    }

    private Path run(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static String describe(String target, Check c) {
        return String.format("killed at %-34s after step %2d: %2d arrivals before, %d stored, %2d delivered after restart",
                target, c.stepsDone(), c.before(), c.stored(), c.after());
    }

    record Check(int stepsDone, int before, int stored, int after) {
    }

    /** Restarts on the run's storage, redelivers, and checks that nothing is lost and the order holds. */
    private static Check check(Path run, String label) throws IOException {
        List<String[]> arrived = new ArrayList<>(lines(run.resolve("arrivals")).stream().map(l -> l.split(" ")).toList());
        int before = arrived.size();
        int steps = lines(run.resolve("progress")).size();
        Map<String, String> expected = new LinkedHashMap<>();
        Set<String> stored = new TreeSet<>();
        try (FilesystemStorage storage = FilesystemStorage.open(run.resolve("root"), Map.of())) {
            stored.addAll(storedIds(storage));
            try (Aktenlift lift = Aktenlift.builder().storage(storage)
                    .notifier(n -> arrived.add(new String[] {n.id(), n.recipient().value()})).build()) {
                assertThat(lift.notifications().redeliver()).as("%s: undelivered after the restart's redeliver", label)
                        .isZero();
                assertThat(lift.notifications().undelivered()).as(label).isEmpty();
                expected.putAll(expectedIds(lift));
            }
            assertThat(storedIds(storage)).as("%s: storage keeps nothing once delivered", label).isEmpty();
            long journal = storage.logs().length(Key.of("journal/events"));
            assertThat(JSON.readTree(storage.records().get(Key.of("notifications/outbox")).orElseThrow().value())
                    .get("notified").asLong()).as("%s: the mark covers the journal", label).isEqualTo(journal);
        }
        // what arrived after the restart is recorded with what arrived before it
        StringBuilder later = new StringBuilder();
        arrived.subList(before, arrived.size()).forEach(a -> later.append(a[0]).append(' ').append(a[1]).append('\n'));
        Files.writeString(run.resolve("arrivals"), later, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Map<String, String> firstArrival = new LinkedHashMap<>();
        for (String[] a : arrived) {
            firstArrival.putIfAbsent(a[0], a[1]);
        }
        assertThat(firstArrival.keySet()).as("%s: every notification of a recorded event arrived", label)
                .containsAll(expected.keySet());
        assertThat(firstArrival.keySet()).as("%s: every stored notification arrived", label).containsAll(stored);
        expected.forEach((id, recipient) -> assertThat(firstArrival.get(id)).as("%s: recipient of %s", label, id)
                .isEqualTo(recipient));
        Map<String, Long> lastPerRecipient = new HashMap<>();
        for (Map.Entry<String, String> a : firstArrival.entrySet()) {
            if (a.getKey().startsWith("event-")) {
                long seq = Long.parseLong(a.getKey().substring("event-".length()));
                Long last = lastPerRecipient.put(a.getValue(), seq);
                assertThat(last == null ? -1 : last).as("%s: %s arrived first after a later event's notification to %s",
                        label, a.getKey(), a.getValue()).isLessThan(seq);
            }
        }
        return new Check(steps, before, stored.size(), arrived.size() - before);
    }

    /** @return id and recipient of the notification each recorded event calls for, written apart from the outbox */
    private static Map<String, String> expectedIds(Aktenlift lift) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Barcode b : NotificationWorkload.caseFiles()) {
            List<JournalEvent> history;
            try {
                history = lift.tracking().history(b);
            } catch (UnknownIdentifierException notYet) {
                continue;
            }
            for (JournalEvent e : history) {
                if (e.kind() == EventKind.QA_FAILED) {
                    ids.put("event-" + e.sequence(), "scan-service");
                } else if (e.kind() == EventKind.TRANSFER_REGISTERED || e.kind() == EventKind.RECALL_SERVED) {
                    ids.put("event-" + e.sequence(), "office");
                }
            }
        }
        return ids;
    }

    private static List<String> storedIds(FilesystemStorage storage) throws IOException {
        List<String> ids = new ArrayList<>();
        Optional<Key> after = Optional.empty();
        do {
            ContentPage page = storage.content().list("notifications/undelivered", after, 100);
            for (ContentInfo info : page.items()) {
                try (InputStream in = storage.content().get(info.key())) {
                    ids.add(JSON.readTree(in).get("id").asText());
                }
            }
            after = page.next();
        } while (after.isPresent());
        return ids;
    }

    /** @return the complete lines of a file the child appends to; a line cut by the kill is not one */
    private static List<String> lines(Path p) throws IOException {
        if (!Files.exists(p)) {
            return List.of();
        }
        String text = Files.readString(p, StandardCharsets.US_ASCII);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    /** The workload in a child JVM with the same java binary and class path. */
    private record Child(Process process, Path run, long startNanos) {

        static Child start(Path run, List<String> jvmOptions) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xshare:auto"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), NotificationWorkload.class.getName(),
                    run.resolve("root").toString(), run.resolve("arrivals").toString(), run.resolve("progress").toString()));
            Process p = new ProcessBuilder(command).redirectError(run.resolve("stderr").toFile())
                    .redirectOutput(run.resolve("stdout").toFile()).start();
            return new Child(p, run, System.nanoTime());
        }

        /** @return how long the workload ran after its first step */
        long waitForEnd() throws Exception {
            long first = waitForFirstStep();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(process.exitValue()).as("child: %s", Files.readString(run.resolve("stderr"))).isZero();
            return (System.nanoTime() - first) / 1_000_000;
        }

        void killWhenSignalled(Path signal, String point) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(Files.exists(signal) && Files.readString(signal).endsWith("\n")) && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            boolean held = process.isAlive();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(signal) ? Files.readString(signal) : "").as("%s reached; child: %s", point,
                    Files.readString(run.resolve("stderr"))).isEqualTo(point + "\n");
            assertThat(held).as("the child holds at %s until killed", point).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        }

        /** @return whether the child was still running when killed */
        boolean killAfterStart(long millis) throws Exception {
            waitForFirstStep();
            Thread.sleep(millis);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // a child that finished just before the kill exits normally
            assertThat(process.exitValue()).as("child: %s", Files.readString(run.resolve("stderr"))).isIn(0, 128 + 9);
            return process.exitValue() != 0;
        }

        private long waitForFirstStep() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lines(run.resolve("progress")).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(lines(run.resolve("progress"))).as("child: %s", Files.readString(run.resolve("stderr")))
                    .isNotEmpty();
            return System.nanoTime();
        }
    }
}
