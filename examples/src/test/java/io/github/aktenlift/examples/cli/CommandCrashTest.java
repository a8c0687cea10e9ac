package io.github.aktenlift.examples.cli;

import io.github.aktenlift.spi.internal.CrashPoints;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash points, enumerated (issue 13): a small project's whole lifecycle ({@link CrashWorkload}),
 * one command per step, on the filesystem adapter with fsync on. A traced uninterrupted run of
 * every step (in one child JVM) lists the named points each step passes — the filesystem
 * adapter's durable steps (temp write, fsync, rename, directory fsync, frame append, log fsync,
 * lock release…) and core's (subject stored, journal appended, journal anchored, capture stored,
 * package handed over). Then, for each chosen point in each step, a child JVM is started on the
 * workspace as it was before the step, killed with SIGKILL exactly there, and the same step
 * retried on a fresh open of what the killed JVM left on disk (in the test's JVM, which had not
 * opened that workspace): the workspace must then hold exactly what the uninterrupted run holds
 * after that step — every acknowledged command once, nothing half-present, the retry not
 * duplicated — and deep verification must find it intact.
 */
@DisplayName("A command killed at each named crash point and retried")
class CommandCrashTest {

    /**
     * Kills in the default build: every point at the first step that reaches it, core's at every
     * step that records something different (a registration, packing, ingest, import, destruction),
     * together at least 50; two at a time, each killed in a child JVM.
     */
    private static final int KILLS = 56;
    /** Steps whose core points are all killed at: a registration, a transfer, packing, ingest, import, poll. */
    private static final Set<Integer> CORE_STEPS = Set.of(0, 2, 4, 14, 16, 17, 19);

    @TempDir
    Path tmp;
    /** The children's class path: this JVM's, with its directories as jars (class-data sharing maps jars only). */
    private String classPath;

    private record Target(int step, String point, int occurrence) {
        String arm() {
            return point + "@" + occurrence;
        }
    }

    @Test
    @DisplayName("leaves exactly what the uninterrupted step leaves, at every point")
    void everyPoint() throws Exception {
        Path delivery = tmp.resolve("delivery");
        ScanGenerator.writeDelivery(delivery, DeliverySpec.builder().deliveryId("D-1")
                .clock(Clock.fixed(CrashWorkload.START, ZoneOffset.UTC)).barcodes(CrashWorkload.barcodes())
                .documentsPerFile(1, 2).sheetsPerDocument(1, 2).seed(7).formats(DeliverySpec.Formats.MIXED).build());

        classPath = jarred(System.getProperty("java.class.path"), Files.createDirectories(tmp.resolve("class-path")));
        // the uninterrupted run: every step in one JVM, each from a copy of the workspace after the
        // step before; its classes archived as it exits, for the kills to start from
        int steps = CrashWorkload.steps();
        Path trace = tmp.resolve("trace");
        Path out = Files.createDirectories(tmp.resolve("ref-out"));
        int exit = run(tmp, delivery, "reference", out, List.of("-D" + CrashPoints.TRACE + "=" + trace,
                "-XX:ArchiveClassesAtExit=" + archive()), null);
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            Path summary = out.resolve("ref-out-" + s);
            assertThat(summary).as("step %d ran: %s", s, Files.readString(log(out))).exists();
            expected.add(Files.readString(summary));
            assertThat(expected.get(s)).as("step %d", s).contains("intact true");
        }
        assertThat(exit).as("the uninterrupted run: %s", Files.readString(log(out))).isZero();
        List<List<String>> traces = steps(Files.readAllLines(trace), steps);

        List<Target> targets = targets(traces);
        Set<String> names = new LinkedHashSet<>();
        traces.forEach(t -> t.stream().filter(p -> !p.startsWith("workload.")).forEach(names::add));
        assertThat(names).as("the points the workload passes")
                .contains("core.journal.appended", "core.journal.anchored", "core.subject.stored",
                        "core.capture.stored", "core.import.handed-over", "fs.log.append.written",
                        "fs.log.append.fsynced", "fs.content.put.renamed", "fs.record.cas.renamed");
        assertThat(targets).hasSizeGreaterThanOrEqualTo(50);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                int k = i + 1;
                done.add(pool.submit(() -> kill(t, k, delivery, expected.get(t.step()))));
            }
            for (Future<String> f : done) {
                System.out.println(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Kills step {@code t.step()} at the point, retries it, and compares; @return the line for the output. */
    private String kill(Target t, int k, Path delivery, String expected) throws Exception {
        Path ws = tmp.resolve("kill-" + k).resolve("ws");
        if (t.step() > 0) {
            Trees.copy(CrashWorkload.reference(tmp, t.step() - 1), ws);
        }
        Path signal = tmp.resolve("signal-" + k);
        Path out = tmp.resolve("kill-out-" + k);
        int killed = run(ws, delivery, Integer.toString(t.step()), out, List.of("-D" + CrashPoints.POINT + "=" + t.arm(),
                "-D" + CrashPoints.SIGNAL + "=" + signal, shared()), signal);
        assertThat(killed).as("%s in step %d: killed by SIGKILL", t.arm(), t.step()).isEqualTo(137);
        // the restart: the step retried from what the killed JVM left on disk, in this JVM, which
        // has not opened this workspace before (armed points are read in child JVMs only)
        String got = CrashWorkload.step(ws, delivery, t.step(), true);
        assertThat(got).as("workspace after a kill at %s in step %d and a retry", t.arm(), t.step())
                .isEqualTo(expected);
        return String.format("killed at %-34s in step %2d, retried: same as uninterrupted", t.arm(), t.step());
    }

    /**
     * Every core point at every step it is reached in, and every other point once (at the first
     * step that reaches it), then more of the others, round robin over the steps, up to
     * {@link #KILLS}. Each is armed at its first arrival after the step began.
     */
    private static List<Target> targets(List<List<String>> traces) {
        Map<String, Target> chosen = new LinkedHashMap<>();
        List<Target> others = new ArrayList<>();
        Set<String> seenOnce = new LinkedHashSet<>();
        for (int s = 0; s < traces.size(); s++) {
            List<String> trace = traces.get(s);
            int begin = trace.indexOf("workload.step." + s);
            Map<String, Integer> counts = new LinkedHashMap<>();
            Set<String> inStep = new LinkedHashSet<>();
            for (int i = 0; i < trace.size(); i++) {
                String p = trace.get(i);
                int n = counts.merge(p, 1, Integer::sum);
                if (i <= begin || p.startsWith("workload.") || !inStep.add(p)) {
                    continue;
                }
                Target t = new Target(s, p, n);
                if (p.startsWith("core.") && CORE_STEPS.contains(s) || seenOnce.add(p)) {
                    chosen.put(s + " " + p, t);
                } else {
                    others.add(t);
                }
            }
        }
        for (int i = 0; chosen.size() < KILLS && i < others.size(); i++) {
            // spread over steps: take every (others/room)-th
            int stride = Math.max(1, others.size() / Math.max(1, KILLS - chosen.size()));
            if (i % stride == 0) {
                Target t = others.get(i);
                chosen.putIfAbsent(t.step() + " " + t.point(), t);
            }
        }
        for (int i = 0; chosen.size() < KILLS && i < others.size(); i++) { // the stride fell short: fill in order
            Target t = others.get(i);
            chosen.putIfAbsent(t.step() + " " + t.point(), t);
        }
        return new ArrayList<>(chosen.values());
    }

    /** @return the class path with each directory on it packed into a jar of its own under {@code dir} */
    private static String jarred(String classPath, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                out.add(entry);
                continue;
            }
            Path jar = dir.resolve(out.size() + ".jar");
            try (JarOutputStream z = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    z.putNextEntry(new JarEntry(p.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, z);
                    z.closeEntry();
                }
            }
            out.add(jar.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    /** @return where a child's console output goes, beside its summary file */
    private static Path log(Path out) {
        return out.resolveSibling(out.getFileName() + ".log");
    }

    /**
     * The uninterrupted run's trace, cut into the steps: step {@code s} from its
     * {@code workload.open.s} to the next step's, as a JVM of its own running only that step
     * would trace it (a kill's {@code point@n} counts from its JVM's start).
     */
    private static List<List<String>> steps(List<String> trace, int steps) {
        List<List<String>> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            int from = trace.indexOf("workload.open." + s);
            int to = s + 1 < steps ? trace.indexOf("workload.open." + (s + 1)) : trace.size();
            assertThat(from).as("step %d in the trace", s).isNotNegative();
            assertThat(to).as("step %d in the trace", s + 1).isGreaterThan(from);
            out.add(trace.subList(from, to));
        }
        return out;
    }

    /**
     * Where the uninterrupted run leaves the classes it loaded (a dynamic class-data sharing
     * archive): a killed child started from it skips most of its class loading and verification.
     * A JVM that cannot map it runs without it.
     */
    private Path archive() {
        return tmp.resolve("steps.jsa");
    }

    /** @return the option that starts a child from the archive, if the uninterrupted run left one */
    private String shared() {
        Path a = archive();
        return Files.isRegularFile(a) ? "-XX:SharedArchiveFile=" + a : "-Xshare:auto";
    }

    /**
     * Starts {@link CrashWorkload#main} in a child JVM: one step ({@code step} is its number), or
     * the uninterrupted run ({@code step} is {@code "reference"}, {@code ws} the root of its
     * workspaces, {@code out} the directory of its summaries).
     *
     * @return the child's exit code; with a signal file, the child is killed once it appears
     */
    private int run(Path ws, Path delivery, String step, Path out, List<String> jvm, Path signal)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvm);
        boolean reference = "reference".equals(step);
        command.addAll(List.of("-cp", classPath, CrashWorkload.class.getName(),
                ws.toString(), delivery.toString(), step, reference ? "reference" : "run", out.toString()));
        // the child's own output (the JVM's warnings, a stack trace) beside its summary, for a failure's message
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(out).toFile()).start();
        if (signal == null) {
            assertThat(p.waitFor(reference ? 600 : 120, TimeUnit.SECONDS)).as("step %s finished", step).isTrue();
            return p.exitValue();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(signal) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(Files.exists(signal)).as("step %s reached the armed point (child alive: %s)", step, p.isAlive())
                .isTrue();
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue();
    }
}
