package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IllegalKeyException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage format 2 keeps names as they are; two names that a case-insensitive filesystem would
 * take for one file are refused side by side, whatever this filesystem does with case.
 */
class CaseCollisionTest {

    @TempDir
    Path dir;

    FilesystemStorage storage;

    @BeforeEach
    void open() {
        storage = FilesystemStorage.open(dir.resolve("root"), Map.of(FilesystemSettings.FSYNC, "false"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void put(String key, String value) {
        storage.content().put(Key.of(key), new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8)));
    }

    private String read(String key) throws IOException {
        try (InputStream in = storage.content().get(Key.of(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("an object whose name differs from a stored one only in case is refused with IllegalKeyException naming both, and nothing changes")
    void objectNames() throws IOException {
        put("renditions/F000000017X/1/doc-1.pdf", "one");
        String before = String.join("\n", StorageTree.fingerprint(storage.root()).keySet());
        for (String other : List.of("renditions/F000000017X/1/Doc-1.pdf", "renditions/F000000017X/1/DOC-1.PDF")) {
            assertThatThrownBy(() -> put(other, "two")).as(other)
                    .isInstanceOfSatisfying(IllegalKeyException.class, e -> assertThat(e.getMessage())
                            .contains(other).contains("renditions/F000000017X/1/doc-1.pdf"));
            assertThatThrownBy(() -> storage.content().create(Key.of(other),
                    new ByteArrayInputStream(new byte[] {1}))).isInstanceOf(IllegalKeyException.class);
            assertThat(storage.content().head(Key.of(other))).isEmpty();
        }
        assertThat(String.join("\n", StorageTree.fingerprint(storage.root()).keySet())).isEqualTo(before);
        assertThat(read("renditions/F000000017X/1/doc-1.pdf")).isEqualTo("one");
        put("renditions/F000000017X/1/doc-1.pdf", "replaced under its own spelling");
        assertThat(read("renditions/F000000017X/1/doc-1.pdf")).isEqualTo("replaced under its own spelling");
    }

    @Test
    @DisplayName("a directory name, an escaped name, and a file against a directory are compared the same way")
    void directoriesAndEscapes() {
        put("renditions/F000000017X/1/doc-1.pdf", "one");
        assertThatThrownBy(() -> put("renditions/f000000017x/1/doc-1.pdf", "x"))
                .isInstanceOfSatisfying(IllegalKeyException.class, e -> assertThat(e.getMessage())
                        .contains("renditions/F000000017X"));
        assertThatThrownBy(() -> put("Renditions/x", "x")).isInstanceOf(IllegalKeyException.class);
        put("a:b/x", "escaped");
        assertThatThrownBy(() -> put("A:B/y", "x")).isInstanceOf(IllegalKeyException.class);
        // an object and a directory of names that differ in case
        put("mixed/Name", "object");
        assertThatThrownBy(() -> put("mixed/name/below", "x")).isInstanceOf(IllegalKeyException.class);
        assertThat(Files.exists(storage.root().resolve("content/mixed/name"))).isFalse();
        // what is not a case variant is no collision: umlauts are escaped, ß is no "ss"
        put("straße", "1");
        put("STRASSE", "2");
        put("\u00e9", "3");
        put("e\u0301", "4");
        assertThat(storage.content().list("", Optional.empty(), 100).items()).extracting(ContentInfo::key)
                .extracting(Key::value).contains("straße", "STRASSE", "\u00e9", "e\u0301", "mixed/Name", "a:b/x");
    }

    @Test
    @DisplayName("once the stored spelling is deleted, the other spelling may be stored")
    void afterDelete() throws IOException {
        put("box/Report.pdf", "upper");
        storage.content().delete(Key.of("box/Report.pdf"));
        put("box/report.pdf", "lower");
        assertThat(read("box/report.pdf")).isEqualTo("lower");
        assertThat(storage.content().head(Key.of("box/Report.pdf"))).isEmpty();
    }

    @Test
    @DisplayName("of two writers storing two spellings at once, in this process or two instances on one root, exactly one wins")
    void racingSpellings() throws Exception {
        try (FilesystemStorage second = FilesystemStorage.open(storage.root(), Map.of(FilesystemSettings.FSYNC, "false"))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 40; round++) {
                    String lower = "race/r" + round + "/file";
                    String upper = round % 2 == 0 ? "race/r" + round + "/FILE" : "race/R" + round + "/file";
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (var w : List.of(Map.entry(storage, lower), Map.entry(second, upper))) {
                        results.add(pool.submit(() -> {
                            go.await();
                            try {
                                w.getKey().content().put(Key.of(w.getValue()), new ByteArrayInputStream(new byte[] {7}));
                                return true;
                            } catch (IllegalKeyException refused) {
                                return false;
                            }
                        }));
                    }
                    go.countDown();
                    int won = 0;
                    for (Future<Boolean> f : results) {
                        won += f.get() ? 1 : 0;
                    }
                    assertThat(won).as("round %d: winners", round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (Stream<Path> s = Files.walk(storage.root().resolve("content/race"))) {
            List<String> names = s.map(p -> storage.root().resolve("content").relativize(p).toString()).toList();
            assertThat(names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).distinct().count())
                    .as("no two names on disk that fold to one: %s", names).isEqualTo(names.size());
        }
    }
}
