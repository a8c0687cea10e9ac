package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.internal.CrashPoints;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogRepair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM running {@link CrashWorkload} with SIGKILL at every named crash point of the
 * filesystem storage, one run per point, and then, as a restarted process would: reads the root
 * with a fresh instance (which must change no byte and find every acknowledged step whole and the
 * interrupted one either not done or done), retries the interrupted step, finishes the workload
 * and compares everything with a run that was never killed.
 *
 * <p>The points are not listed here by hand: a first child runs the workload with
 * {@code aktenlift.crashpoint.trace} on, and the points it passes must be exactly the constants of
 * {@link CrashPoint}. Each is then armed at its first arrival; the points passed while the log's
 * incomplete end is repaired (where content put and record compare-and-set are steps of the
 * repair) are armed at every arrival there, but for directory creation, which is the same step
 * wherever it happens.
 */
class CrashPointTest {

    @TempDir
    Path dir;

    private List<StorageSnapshot> model;
    private long tearOffset;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("killed at each named crash point, the storage keeps every acknowledged step once, shows no half step,"
            + " is not changed by reading, and a retry completes the interrupted step without duplicating it")
    void killAtEveryCrashPoint() throws Exception {
        long started = System.nanoTime();
        buildModel();

        List<String> trace = tracedRun();
        Set<String> passed = new LinkedHashSet<>(trace);
        assertThat(passed).as("the crash points the workload passes are exactly CrashPoint's")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CrashPoint.values()).map(CrashPoint::id).toList());

        List<String> targets = targets(trace);
        System.out.printf("CrashPointTest: %d crash points, %d passed by the workload, %d kills%n",
                CrashPoint.values().length, trace.size(), targets.size());
        Map<Integer, Integer> killsPerStep = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            int step = killAndRecover(i, targets.get(i));
            killsPerStep.merge(step, 1, Integer::sum);
        }
        // every kind of step is interrupted somewhere: open, put, compare-and-set, append (new log),
        // the repairing append, the deletes
        assertThat(killsPerStep.keySet()).as("steps interrupted by some kill").contains(0, 1, 2, 3, 5, 8, 9, 10, 12, 13,
                14);
        System.out.printf("CrashPointTest: %d kills, all recovered, %.1f s%n", targets.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Runs the workload here, never killed, and keeps what a fresh instance reads after each step. */
    private void buildModel() throws IOException {
        Path root = dir.resolve("model");
        model = new ArrayList<>();
        try (FilesystemStorage s = CrashWorkload.open(root)) {
            model.add(StorageSnapshot.read(root));
            Path logFile = s.layout.file(s.layout.logs, CrashWorkload.LOG, Layout.LOG);
            for (int i = 1; i < CrashWorkload.COUNT; i++) {
                if (i == CrashWorkload.TEAR) {
                    tearOffset = Files.size(logFile);
                }
                CrashWorkload.step(i).run(s);
                model.add(StorageSnapshot.read(root));
            }
        }
        // expectations written independently of the store: frame = 24-byte header + [length 4][bytes] per entry
        assertThat(tearOffset).isEqualTo(24 + 2 * (4 + 2) + 24 + 3 * (4 + 2));
        String tornSha = StorageTree.sha256(CrashWorkload.TORN);
        Key quarantine = Key.of("quarantine/logs/w/log/" + String.format("%019d", tearOffset) + "-" + tornSha);
        StorageSnapshot end = model.get(CrashWorkload.COUNT - 1);
        assertThat(end.repairs()).containsExactly(
                new LogRepair(CrashWorkload.LOG, tearOffset, CrashWorkload.TORN.length, tornSha, quarantine, 5));
        assertThat(end.quarantine()).containsExactly(Map.entry(quarantine.value(), tornSha));
        assertThat(end.log()).containsExactly("e0", "e1", "e2", "e3", "e4", "f5", "g6", "g7");
        assertThat(end.content()).containsOnlyKeys(CrashWorkload.LONG_CONTENT.value(), CrashWorkload.REPLACED.value());
        assertThat(end.content().get(CrashWorkload.REPLACED.value()))
                .isEqualTo(StorageTree.sha256(CrashWorkload.SAME_SIZE_BYTES));
        assertThat(end.record()).isEmpty();
        assertThat(model.get(CrashWorkload.TEAR).main()).as("readers do not see the torn end")
                .isEqualTo(model.get(CrashWorkload.TEAR - 1).main());
    }

    /** Runs the workload in a child with tracing on; returns the points passed, in order. */
    private List<String> tracedRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("traced"));
        Path trace = run.resolve("trace");
        Process child = ChildJvm.start(run.resolve("stderr"), List.of("-D" + CrashPoints.TRACE + "=" + trace),
                CrashWorkload.class, run.resolve("root").toString(), run.resolve("acks").toString());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("traced run finished").isTrue();
        assertThat(child.exitValue()).as("traced run: %s", Files.readString(run.resolve("stderr"))).isZero();
        assertThat(acknowledged(run.resolve("acks"))).isEqualTo(CrashWorkload.COUNT);
        assertThat(StorageSnapshot.read(run.resolve("root"))).as("a traced run ends like the model")
                .isEqualTo(model.get(CrashWorkload.COUNT - 1));
        return Files.readAllLines(trace);
    }

    /**
     * Every point at its first arrival, every arrival during the repair, and every arrival at a
     * content point after the repair (format 2: the delete, the create and the two replacing puts,
     * whose sidecar and object file steps are the ones that matter): {@code name@n}.
     */
    private static List<String> targets(List<String> trace) {
        Set<String> targets = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean repairing = false;
        boolean repaired = false;
        for (String point : trace) {
            int n = seen.merge(point, 1, Integer::sum);
            repairing |= point.equals(CrashPoint.LOG_REPAIR_FOUND.id());
            // creating a directory is the same step wherever it happens: its first arrival is enough
            if (n == 1 || (repairing && !point.startsWith("fs.directory."))
                    || (repaired && point.startsWith("fs.content."))) {
                targets.add(point + "@" + n);
            }
            repaired |= point.equals(CrashPoint.LOG_REPAIR_FSYNCED.id());
            repairing &= !point.equals(CrashPoint.LOG_REPAIR_FSYNCED.id());
        }
        return List.copyOf(targets);
    }

    /** @return the step the kill interrupted */
    private int killAndRecover(int index, String target) throws Exception {
        Path run = Files.createDirectories(dir.resolve("kill-" + index));
        Path root = run.resolve("root");
        Path signal = run.resolve("signal");
        Path stderr = run.resolve("stderr");
        Process child = ChildJvm.start(stderr, List.of("-D" + CrashPoints.POINT + "=" + target,
                "-D" + CrashPoints.SIGNAL + "=" + signal), CrashWorkload.class, root.toString(), run.resolve("acks").toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String point = target.substring(0, target.indexOf('@'));
        while (!(Files.exists(signal) && Files.readString(signal).endsWith("\n")) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        boolean held = child.isAlive();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(signal) ? Files.readString(signal) : "").as("%s reached; child: %s", target,
                Files.readString(stderr)).isEqualTo(point + "\n");
        assertThat(held).as("the child holds at %s until killed", target).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        int step = acknowledged(run.resolve("acks"));
        assertThat(step).as("%s interrupts a step", target).isLessThan(CrashWorkload.COUNT);
        System.out.printf("  killed at %-42s in step %2d (%s)%n", target, step, CrashWorkload.name(step));
        assertOnlyCompleteFiles(root);
        if (step > 0) {
            StorageSnapshot found = readOnly(root, target);
            assertThat(found.main()).as("after a kill at %s, step %d is not done or done, and every step before it is",
                    target, step).isIn(model.get(step - 1).main(), model.get(step).main());
            assertQuarantine(root, step, found, target);
        }
        try (FilesystemStorage s = CrashWorkload.open(root)) {
            if (step > 0) {
                CrashWorkload.step(step).retry(s);
            }
            for (int i = step + 1; i < CrashWorkload.COUNT; i++) {
                CrashWorkload.step(i).run(s);
            }
        }
        assertThat(readOnly(root, target)).as("after a kill at %s, a retry of step %d and the rest", target, step)
                .isEqualTo(model.get(CrashWorkload.COUNT - 1));
        return step;
    }

    /** Reads with a fresh instance and checks that no byte, file or directory changed. */
    private static StorageSnapshot readOnly(Path root, String target) {
        Map<String, String> before = StorageTree.fingerprint(root);
        StorageSnapshot found = StorageSnapshot.read(root);
        assertThat(StorageTree.fingerprint(root)).as("a read pass after a kill at %s changes nothing", target)
                .isEqualTo(before);
        return found;
    }

    /**
     * The quarantine before the repairing append is empty and after it final; during it, the
     * object comes before its record and the record before the cut.
     */
    private void assertQuarantine(Path root, int step, StorageSnapshot found, String target) throws IOException {
        StorageSnapshot none = model.get(CrashWorkload.REPAIRING_APPEND - 1);
        StorageSnapshot done = model.get(CrashWorkload.REPAIRING_APPEND);
        if (step != CrashWorkload.REPAIRING_APPEND) {
            StorageSnapshot expected = step < CrashWorkload.REPAIRING_APPEND ? none : done;
            assertThat(found.quarantine()).as("quarantine after a kill at %s", target).isEqualTo(expected.quarantine());
            assertThat(found.repairs()).as("repairs after a kill at %s", target).isEqualTo(expected.repairs());
            return;
        }
        assertThat(found.quarantine()).as("quarantine object after a kill at %s", target)
                .isIn(none.quarantine(), done.quarantine());
        assertThat(found.repairs()).as("repairs after a kill at %s", target).isIn(none.repairs(), done.repairs());
        if (!found.repairs().isEmpty()) {
            assertThat(found.quarantine()).as("a recorded repair has its object").isEqualTo(done.quarantine());
        }
        long size = Files.size(root.resolve("logs/w/log~l"));
        if (size != tearOffset + CrashWorkload.TORN.length) {
            assertThat(found.repairs()).as("the torn end is cut only after the repair is recorded (log is %d bytes)", size)
                    .isEqualTo(done.repairs());
        }
    }

    /**
     * Outside {@code tmp/} and {@code locks/}, only complete files in their places (format 2's
     * content files have their keys' names; that none is incomplete the snapshot shows).
     */
    private static void assertOnlyCompleteFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<String> stray = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("tmp/") && !p.startsWith("locks/"))
                    .filter(p -> !p.matches("aktenlift-storage\\.txt|(records|logs)/.*~[rln]|content/.+"))
                    .collect(Collectors.toList());
            assertThat(stray).isEmpty();
        }
    }

    private static int acknowledged(Path acks) throws IOException {
        if (!Files.exists(acks)) {
            return 0;
        }
        String text = Files.readString(acks, StandardCharsets.US_ASCII);
        int complete = text.lastIndexOf('\n') + 1;
        List<String> lines = text.substring(0, complete).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("acknowledgements in order").isEqualTo(Integer.toString(i));
        }
        return lines.size();
    }
}
