package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs write to one root at once: no lost update, no corrupt record, no lost or doubled log
 * entry; of two creates of one key exactly one wins and its bytes stay; a replaced object is read
 * whole, in one version, while the other process replaces it.
 */
class MultiProcessTest {

    private static final int ITERATIONS = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("two processes incrementing the same records and appending to the same log lose nothing")
    void twoJvmsOnOneRoot() throws Exception {
        Path root = dir.resolve("root");
        FilesystemStorage.open(root).close();
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (String id : List.of("p1", "p2")) {
            Process p = ChildJvm.start(dir.resolve(id + ".err"), ConcurrentWriter.class, root.toString(), id,
                    Integer.toString(ITERATIONS));
            children.add(p);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            outputs.add(r);
        }
        for (int i = 0; i < children.size(); i++) {
            assertThat(outputs.get(i).readLine()).as("child %d: %s", i, stderr(i)).isEqualTo("READY");
        }
        Files.createFile(dir.resolve("go"));
        Map<Key, Integer> increments = new HashMap<>();
        Map<Long, String> appended = new HashMap<>();
        Map<Integer, String> creators = new HashMap<>();
        for (int i = 0; i < children.size(); i++) {
            String last = null;
            for (String line; (line = outputs.get(i).readLine()) != null; ) {
                String[] parts = line.split(" ");
                if (parts[0].equals("I")) {
                    increments.merge(Key.of(parts[1]), 1, Integer::sum);
                } else if (parts[0].equals("C")) {
                    assertThat(creators.put(Integer.parseInt(parts[1]), "p" + (i + 1))).as("%s created twice", line)
                            .isNull();
                } else if (parts[0].equals("A")) {
                    assertThat(appended.put(Long.parseLong(parts[2]), parts[1])).as("sequence %s given twice", parts[2])
                            .isNull();
                }
                last = line;
            }
            assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(last).as("child %d finished: %s", i, stderr(i)).isEqualTo("DONE");
            assertThat(children.get(i).exitValue()).isZero();
        }
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            int total = 0;
            for (Key counter : ConcurrentWriter.COUNTERS) {
                var record = storage.records().get(counter).orElseThrow();
                long value = Long.parseLong(new String(record.value(), StandardCharsets.UTF_8));
                assertThat(value).as("counter %s equals its successful increments", counter)
                        .isEqualTo(increments.getOrDefault(counter, 0).longValue());
                assertThat(record.version()).isEqualTo(value);
                total += value;
            }
            assertThat(total).isEqualTo(2 * ITERATIONS);
            assertThat(creators).as("every key created by exactly one process").hasSize(ITERATIONS);
            for (var c : creators.entrySet()) {
                try (var in = storage.content().get(Key.of("shared/created/" + c.getKey() + "/Object.pdf"))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo(c.getValue() + " created " + c.getKey());
                }
            }
            try (var in = storage.content().get(ConcurrentWriter.REPLACED)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).matches("p[12] " + (ITERATIONS - 1) + " x+");
            }
            List<LogEntry> log = storage.logs().read(ConcurrentWriter.LOG, 0, Integer.MAX_VALUE);
            assertThat(log).hasSize(2 * ITERATIONS);
            for (LogEntry e : log) {
                assertThat(new String(e.data(), StandardCharsets.UTF_8)).as("entry %d", e.sequence())
                        .isEqualTo(appended.get(e.sequence()));
            }
        }
    }

    private String stderr(int child) throws IOException {
        Path p = dir.resolve("p" + (child + 1) + ".err");
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
