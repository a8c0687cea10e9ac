package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Torn tails are cut back on open; damage anywhere else is an error, never skipped. */
class TornTailTest {

    private static final Key LOG = Key.of("journal/events");

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("root");
    }

    /** Writes three batches (1, 2 and 3 entries) and returns the log file and the offset of the last batch. */
    private long[] threeBatches() {
        try (FilesystemStorage s = FilesystemStorage.open(root())) {
            s.logs().append(LOG, 0, List.of(b("a")));
            s.logs().append(LOG, 1, List.of(b("b"), b("c")));
            long before = size(s);
            s.logs().append(LOG, 3, List.of(b("d"), b("e"), b("f")));
            return new long[] {before, size(s)};
        }
    }

    private long size(FilesystemStorage s) {
        try {
            return Files.size(s.layout.file(s.layout.logs, LOG, Layout.LOG));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path logFile() {
        try (FilesystemStorage s = FilesystemStorage.open(root())) {
            return s.layout.file(s.layout.logs, LOG, Layout.LOG);
        }
    }

    @Test
    @DisplayName("a batch cut anywhere is dropped whole on open, and the log is writable at its old end")
    void cutBatchDroppedWhole() throws Exception {
        long[] sizes = threeBatches();
        for (long cut = sizes[0] + 1; cut < sizes[1]; cut += 7) {
            Path copy = dir.resolve("copy-" + cut);
            copyTree(root(), copy);
            Path file = copy.resolve(root().relativize(logFile()));
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(cut);
            }
            try (FilesystemStorage s = FilesystemStorage.open(copy)) {
                assertThat(s.logs().length(LOG)).as("cut at %d", cut).isEqualTo(3);
                assertThat(Files.size(file)).as("torn tail cut back").isEqualTo(sizes[0]);
                assertThat(s.logs().append(LOG, 3, List.of(b("g")))).isEqualTo(4);
                assertThat(s.logs().read(LOG, 0, 10)).extracting(e -> new String(e.data(), StandardCharsets.UTF_8))
                        .containsExactly("a", "b", "c", "g");
            }
        }
    }

    @Test
    @DisplayName("a last batch with a bad checksum is a torn tail and is dropped whole")
    void badChecksumAtTheEnd() throws Exception {
        long[] sizes = threeBatches();
        flip(logFile(), sizes[1] - 2);
        try (FilesystemStorage s = FilesystemStorage.open(root())) {
            assertThat(s.logs().length(LOG)).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a bad checksum in the middle is IntegrityException, and nothing is cut")
    void damageInTheMiddle() throws Exception {
        long[] sizes = threeBatches();
        flip(logFile(), sizes[0] - 2);
        try (FilesystemStorage s = FilesystemStorage.open(root())) {
            assertThatThrownBy(() -> s.logs().length(LOG)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(LOG.value());
            assertThatThrownBy(() -> s.logs().append(LOG, 6, List.of(b("x")))).isInstanceOf(IntegrityException.class);
        }
        assertThat(Files.size(logFile())).isEqualTo(sizes[1]);
    }

    @Test
    @DisplayName("damage found by a later read of an indexed batch is IntegrityException")
    void damageAfterIndexing() throws Exception {
        long[] sizes = threeBatches();
        try (FilesystemStorage s = FilesystemStorage.open(root())) {
            assertThat(s.logs().length(LOG)).isEqualTo(6);
            flip(logFile(), sizes[0] - 2);
            assertThatThrownBy(() -> s.logs().read(LOG, 1, 10)).isInstanceOf(IntegrityException.class);
            List<LogEntry> first = s.logs().read(LOG, 0, 1);
            assertThat(first).hasSize(1);
        }
    }

    private static void flip(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0x01);
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
