package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.tracking.VerificationReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak run, tagged {@code benchmark} and so left out of the default build: {@link CrashPointTest}
 * kills at every named crash point instead, deterministically and with retries. This one adds
 * randomness and Aktenlift's journal on top, at the price of about 90 s.
 *
 * <p>Kills a writing child JVM with SIGKILL at random points, again and again, and checks after each
 * kill that every acknowledged write is there and intact, that nothing partial is visible, that
 * the log has no torn tail and batches are whole, and at the end that an Aktenlift instance opens
 * on the storage and its journal verifies.
 *
 * <p>Rounds and seed: {@code -Daktenlift.crash.rounds=50 -Daktenlift.crash.seed=…} (the seed is
 * printed).
 */
@Tag("benchmark")
class RandomCrashSoakTest {

    @TempDir
    Path dir;

    private final Map<Key, String> acknowledgedContent = new HashMap<>();
    private final Map<Long, String> acknowledgedEntries = new HashMap<>();
    private final List<String> acknowledgedCaseFiles = new ArrayList<>();

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("a writer killed with SIGKILL at 50 random points loses no acknowledged write and leaves nothing partial")
    void sigkillLosesNothingAcknowledged() throws Exception {
        long seed = Long.getLong("aktenlift.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("aktenlift.crash.rounds", 50);
        System.out.println("RandomCrashSoakTest seed " + seed + ", " + rounds + " rounds");
        Random random = new Random(seed);
        Path root = dir.resolve("root");
        long started = System.nanoTime();
        int killedWhileWriting = 0;
        for (int round = 0; round < rounds; round++) {
            Path stderr = dir.resolve("child-" + round + ".err");
            Process child = ChildJvm.start(stderr, CrashWriter.class, root.toString(), Integer.toString(round),
                    Long.toString(random.nextLong()));
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> pump(child.getInputStream(), lines));
            reader.start();
            String first = null;
            for (String l; (l = lines.poll(60, TimeUnit.SECONDS)) != null; ) {
                if (l.equals("READY")) {
                    first = l;
                    break;
                }
                acknowledge(l);
            }
            assertThat(first).as("child of round %d came up; its stderr: %s", round, Files.exists(stderr) ? Files.readString(stderr) : "")
                    .isEqualTo("READY");
            Thread.sleep(50 + random.nextInt(250));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
            int acks = 0;
            for (String line; (line = lines.poll()) != null; ) {
                acks += acknowledge(line) ? 1 : 0;
            }
            if (acks > 0) {
                killedWhileWriting++;
            }
            checkStorage(root, round == rounds - 1);
        }
        assertThat(killedWhileWriting).as("rounds in which the child had acknowledged writes before the kill")
                .isGreaterThan(rounds / 2);
        try (FilesystemStorage storage = FilesystemStorage.open(root, Map.of(FilesystemSettings.TMP_MAX_AGE, "PT0S"))) {
            try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
                assertThat(tmp).as("temporary files left by killed writers are removed on open").isEmpty();
            }
            try (Lift lift = Lift.open(storage, 10_000)) {
                VerificationReport report = lift.tracking().verify();
                assertThat(report.isIntact()).as("journal verifies: %s", report).isTrue();
                for (String caseFile : acknowledgedCaseFiles) {
                    assertThat(lift.knows(new Barcode(caseFile))).as("case file %s", caseFile).isTrue();
                }
            }
        }
        System.out.printf("RandomCrashSoakTest: %d rounds, %d with acknowledged writes, %d objects, %d log entries,"
                + " %d case files acknowledged, %.1f s%n", rounds, killedWhileWriting, acknowledgedContent.size(),
                acknowledgedEntries.size(), acknowledgedCaseFiles.size(), (System.nanoTime() - started) / 1e9);
    }

    private static void pump(InputStream in, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child died mid-line: what was read is what was acknowledged
        }
    }

    /** Records a complete acknowledgement line; a line cut by the kill has no final " ." and counts as none. */
    private boolean acknowledge(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 3 || !parts[parts.length - 1].equals(".")) {
            return false;
        }
        switch (parts[0]) {
            case "C" -> acknowledgedContent.put(Key.of(parts[1]), parts[2]);
            case "L" -> {
                long first = Long.parseLong(parts[1]);
                for (int i = 2; i < parts.length - 1; i++) {
                    acknowledgedEntries.put(first + i - 2, parts[i]);
                }
            }
            case "J" -> acknowledgedCaseFiles.add(parts[1]);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void checkStorage(Path root, boolean all) throws IOException {
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            for (Map.Entry<Key, String> e : acknowledgedContent.entrySet()) {
                Optional<ContentInfo> head = storage.content().head(e.getKey());
                assertThat(head).as("acknowledged object %s", e.getKey()).isPresent();
                assertThat(head.get().sha256()).isEqualTo(e.getValue());
            }
            // every visible object is whole: acknowledged or not, it reads to its end with matching hash
            Optional<Key> after = Optional.empty();
            do {
                ContentPage page = storage.content().list("crash", after, 500);
                assertThat(page.problems()).as("a crash leaves nothing that lists as damaged or foreign").isEmpty();
                for (ContentInfo info : page.items()) {
                    if (all || !acknowledgedContent.containsKey(info.key())) {
                        assertThat(sha256(storage.content().get(info.key()))).as("visible object %s", info.key())
                                .isEqualTo(info.sha256());
                    }
                }
                after = page.next();
            } while (after.isPresent());
            List<LogEntry> log = storage.logs().read(CrashWriter.LOG, 0, Integer.MAX_VALUE);
            assertThat((long) log.size()).isEqualTo(storage.logs().length(CrashWriter.LOG));
            for (Map.Entry<Long, String> e : acknowledgedEntries.entrySet()) {
                assertThat(e.getKey()).as("acknowledged entry %s", e.getValue()).isLessThan(log.size());
                assertThat(new String(log.get(e.getKey().intValue()).data(), StandardCharsets.UTF_8)).isEqualTo(e.getValue());
            }
            assertBatchesWhole(log);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith("tmp/") && !p.startsWith("locks/"))
                    .forEach(p -> {
                        if (p.startsWith("content/") && !p.endsWith(Sidecar.SUFFIX) && !p.endsWith(Layout.NAME)) {
                            // format 2: an object file has its key's name, and is there only with its sidecar
                            assertThat(root.resolve(p + Sidecar.SUFFIX)).as("sidecar of %s", p).isRegularFile();
                        } else {
                            assertThat(p).as("only complete files outside tmp/")
                                    .matches("aktenlift-storage\\.txt|content/.*~(sum|n)|(records|logs)/.*~[rln]");
                        }
                    });
        }
    }

    /** Entries "round:i:j/n" must come in whole batches: j = 0 … n-1 in a row. */
    private static void assertBatchesWhole(List<LogEntry> log) {
        int i = 0;
        while (i < log.size()) {
            String first = new String(log.get(i).data(), StandardCharsets.UTF_8);
            String batch = first.substring(0, first.lastIndexOf(':'));
            int n = Integer.parseInt(first.substring(first.indexOf('/') + 1));
            for (int j = 0; j < n; j++) {
                assertThat(i + j).as("batch %s is whole", batch).isLessThan(log.size());
                assertThat(new String(log.get(i + j).data(), StandardCharsets.UTF_8)).isEqualTo(batch + ":" + j + "/" + n);
            }
            i += n;
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest md = FileContentStore.sha256();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
