package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogRepair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The end of a log file: an incomplete last frame is left alone by readers and repaired — kept,
 * recorded, then cut — only by the next append; a complete frame that fails its check is damage
 * for everyone, and nothing is cut.
 */
class LogTailTest {

    private static final Key LOG = Key.of("journal/events");

    @TempDir
    Path dir;

    private Path root;
    private Path file;
    /** Byte offsets where the three batches (1, 2 and 3 entries) start, and the file's end. */
    private long[] starts;

    @BeforeEach
    void threeBatches() throws IOException {
        root = dir.resolve("root");
        try (FilesystemStorage s = FilesystemStorage.open(root)) {
            file = s.layout.file(s.layout.logs, LOG, Layout.LOG);
            s.logs().append(LOG, 0, List.of(b("a")));
            long second = Files.size(file);
            s.logs().append(LOG, 1, List.of(b("b"), b("c")));
            long third = Files.size(file);
            s.logs().append(LOG, 3, List.of(b("d"), b("e"), b("f")));
            starts = new long[] {0, second, third, Files.size(file)};
        }
    }

    @Nested
    @DisplayName("a complete frame that fails its check")
    class Damage {

        @Test
        @DisplayName("with any one byte of the last frame flipped is IntegrityException naming log, offset and first sequence,"
                + " for readers and appenders, and the file stays byte-identical")
        void anyByteOfTheLastFrame() throws IOException {
            assertEveryFlipIsDamage(2, 3);
        }

        @Test
        @DisplayName("with any one byte of a frame in the middle flipped is the same, and the frames after it are not cut")
        void anyByteOfAMiddleFrame() throws IOException {
            assertEveryFlipIsDamage(1, 1);
        }

        private void assertEveryFlipIsDamage(int frame, long firstSequence) throws IOException {
            for (long at = starts[frame]; at < starts[frame + 1]; at++) {
                flip(file, at);
                Map<String, String> before = StorageTree.fingerprint(root);
                try (FilesystemStorage s = FilesystemStorage.open(root)) {
                    long flipped = at;
                    Consumer<IntegrityException> names = ie -> {
                        assertThat(ie.key()).isEqualTo(LOG.value());
                        assertThat(ie.offset()).as("offset, byte %d flipped", flipped).hasValue(starts[frame]);
                        assertThat(ie.firstSequence()).as("first sequence, byte %d flipped", flipped).hasValue(firstSequence);
                        assertThat(ie.getMessage()).contains(LOG.value(), "byte " + starts[frame]);
                    };
                    assertThatThrownBy(() -> s.logs().length(LOG)).isInstanceOfSatisfying(IntegrityException.class, names);
                    assertThatThrownBy(() -> s.logs().read(LOG, 0, 100)).isInstanceOfSatisfying(IntegrityException.class, names);
                    assertThatThrownBy(() -> s.logs().append(LOG, 6, List.of(b("x"))))
                            .isInstanceOfSatisfying(IntegrityException.class, names);
                    assertThat(s.logs().repairs(LOG)).isEmpty();
                }
                assertThat(StorageTree.fingerprint(root)).as("byte %d flipped", at).isEqualTo(before);
                flip(file, at);
            }
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                assertThat(s.logs().length(LOG)).as("flipped back, the log is sound again").isEqualTo(6);
            }
        }

        @Test
        @DisplayName("found by a later read of an indexed frame is IntegrityException; the frames before it still read")
        void damageAfterIndexing() throws IOException {
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                assertThat(s.logs().length(LOG)).isEqualTo(6);
                flip(file, starts[2] - 2);
                IntegrityException e = catchThrowableOfType(IntegrityException.class, () -> s.logs().read(LOG, 1, 10));
                assertThat(e.offset()).hasValue(starts[1]);
                assertThat(e.firstSequence()).hasValue(1);
                assertThat(s.logs().read(LOG, 0, 1)).hasSize(1);
            }
        }

        @Test
        @DisplayName("a log cut shorter than what an instance already verified is IntegrityException, not a shorter log")
        void shorterThanVerified() throws IOException {
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                assertThat(s.logs().length(LOG)).isEqualTo(6);
                truncate(file, starts[2]);
                assertThatThrownBy(() -> s.logs().length(LOG)).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("shorter");
                assertThatThrownBy(() -> s.logs().append(LOG, 3, List.of(b("x")))).isInstanceOf(IntegrityException.class);
            }
            assertThat(Files.size(file)).isEqualTo(starts[2]);
        }

        @Test
        @DisplayName("a reader confirms damage under the log's lock without creating a missing lock file")
        void readerCreatesNoLockFile() throws IOException {
            flip(file, starts[3] - 1);
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                // as if the root had been copied without its lock files
                deleteTree(root.resolve("locks"));
                Map<String, String> before = StorageTree.fingerprint(root);
                assertThatThrownBy(() -> s.logs().length(LOG)).isInstanceOf(IntegrityException.class);
                assertThatThrownBy(() -> s.logs().read(LOG, 0, 1)).isInstanceOf(IntegrityException.class);
                assertThat(StorageTree.fingerprint(root)).isEqualTo(before);
            }
        }
    }

    @Nested
    @DisplayName("an incomplete last frame")
    class Incomplete {

        @Test
        @DisplayName("cut anywhere is invisible to readers, who leave every byte as it is")
        void readersLeaveIt() throws IOException {
            for (long cut = starts[2] + 1; cut < starts[3]; cut++) {
                Path copy = copyWithLogCutAt(cut);
                Map<String, String> before = StorageTree.fingerprint(copy);
                try (FilesystemStorage s = FilesystemStorage.open(copy)) {
                    assertThat(s.logs().length(LOG)).as("cut at %d", cut).isEqualTo(3);
                    assertThat(texts(s.logs().read(LOG, 0, 10))).containsExactly("a", "b", "c");
                    assertThat(s.logs().read(LOG, 3, 10)).isEmpty();
                    assertThat(s.logs().repairs(LOG)).isEmpty();
                }
                assertThat(StorageTree.fingerprint(copy)).as("cut at %d", cut).isEqualTo(before);
            }
        }

        @Test
        @DisplayName("cut in its header or its payload is quarantined by the next append — exactly the cut bytes, hash"
                + " matching — recorded, then cut")
        void nextAppendQuarantinesIt() throws IOException {
            // inside magic, sequence, count, length and CRC, at the header's end, inside and between entries
            for (long into : new long[] {1, 3, 4, 11, 12, 15, 16, 19, 20, 23, 24, 26, 28, 29, 33, 38}) {
                long cut = starts[2] + into;
                Path copy = copyWithLogCutAt(cut);
                Path copyFile = copy.resolve(root.relativize(file));
                byte[] tail = Arrays.copyOfRange(Files.readAllBytes(copyFile), (int) starts[2], (int) cut);
                try (FilesystemStorage s = FilesystemStorage.open(copy)) {
                    assertThat(s.logs().append(LOG, 3, List.of(b("g")))).isEqualTo(4);
                    assertThat(texts(s.logs().read(LOG, 0, 10))).containsExactly("a", "b", "c", "g");
                    Key quarantine = LogRepairs.quarantineKey(LOG, starts[2], StorageTree.sha256(tail));
                    assertThat(quarantine.value()).startsWith("quarantine/logs/journal/events/" + String.format("%019d-", starts[2]));
                    assertThat(s.logs().repairs(LOG)).as("cut at %d", cut).containsExactly(
                            new LogRepair(LOG, starts[2], tail.length, StorageTree.sha256(tail), quarantine, 3));
                    assertThat(readAll(s, quarantine)).isEqualTo(tail);
                    assertThat(s.content().head(quarantine).map(ContentInfo::sha256)).hasValue(StorageTree.sha256(tail));
                }
                try (FilesystemStorage s = FilesystemStorage.open(copy)) {
                    assertThat(s.logs().repairs(LOG)).as("repairs are stable across instances").hasSize(1);
                    assertThat(s.logs().length(LOG)).isEqualTo(4);
                }
            }
        }

        @Test
        @DisplayName("is left alone by an append that conflicts: a conflicting append writes nothing")
        void conflictRepairsNothing() throws IOException {
            Path copy = copyWithLogCutAt(starts[3] - 3);
            Map<String, String> before = StorageTree.fingerprint(copy);
            try (FilesystemStorage s = FilesystemStorage.open(copy)) {
                assertThatThrownBy(() -> s.logs().append(LOG, 6, List.of(b("x")))).isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.actual()).isEqualTo(3));
            }
            // the lock file existed before; taking the lock writes no byte
            assertThat(StorageTree.fingerprint(copy)).isEqualTo(before);
        }

        @Test
        @DisplayName("made of zero bytes (blocks a machine crash allocated but never wrote) is repaired the same way")
        void zeroFilledTail() throws IOException {
            byte[] zeros = new byte[5000];
            appendRaw(file, zeros);
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                assertThat(s.logs().length(LOG)).isEqualTo(6);
                s.logs().append(LOG, 6, List.of(b("g")));
                LogRepair repair = s.logs().repairs(LOG).get(0);
                assertThat(repair.offset()).isEqualTo(starts[3]);
                assertThat(repair.length()).isEqualTo(5000);
                assertThat(readAll(s, repair.quarantine())).isEqualTo(zeros);
                assertThat(texts(s.logs().read(LOG, 5, 10))).containsExactly("f", "g");
            }
        }

        @Test
        @DisplayName("that cannot be an append at this place (wrong magic, wrong first sequence) is damage, not a tail")
        void implausibleTailIsDamage() throws IOException {
            ByteBuffer wrongSequence = FileLogStore.frame(7, List.of(b("x")), 5);
            appendRaw(file, Arrays.copyOf(wrongSequence.array(), 16));
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                IntegrityException e = catchThrowableOfType(IntegrityException.class, () -> s.logs().length(LOG));
                assertThat(e.offset()).hasValue(starts[3]);
                assertThat(e.firstSequence()).hasValue(6);
                assertThat(e).hasMessageContaining("sequence 7");
                assertThatThrownBy(() -> s.logs().append(LOG, 6, List.of(b("g")))).isInstanceOf(IntegrityException.class);
            }
            assertThat(Files.size(file)).isEqualTo(starts[3] + 16);
            truncate(file, starts[3]);
            appendRaw(file, new byte[] {'A', 'K', 'X'});
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                assertThatThrownBy(() -> s.logs().length(LOG)).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("magic");
            }
        }

        @Test
        @DisplayName("torn again at the same offset after a repair is kept a second time, under its own key")
        void tornTwiceAtTheSameOffset() throws IOException {
            byte[] first = Arrays.copyOf(FileLogStore.frame(6, List.of(b("x")), 5).array(), 20);
            byte[] second = Arrays.copyOf(FileLogStore.frame(6, List.of(b("y"), b("z")), 10).array(), 26);
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                LogRepairs repairs = new LogRepairs(s.content(), s.records(), s.files);
                for (byte[] tail : List.of(first, second)) {
                    appendRaw(file, tail);
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                        repairs.repair(LOG, ch, starts[3], 6);
                    }
                    assertThat(Files.size(file)).isEqualTo(starts[3]);
                }
                List<LogRepair> done = s.logs().repairs(LOG);
                assertThat(done).extracting(LogRepair::length).containsExactly(20L, 26L);
                assertThat(done.get(0).quarantine()).isNotEqualTo(done.get(1).quarantine());
                assertThat(readAll(s, done.get(0).quarantine())).isEqualTo(first);
                assertThat(readAll(s, done.get(1).quarantine())).isEqualTo(second);
            }
        }

        @Test
        @DisplayName("of a log whose key is too long to prefix is quarantined under the key's hash")
        void longLogKey() throws IOException {
            Key log = Key.of("long/" + "k".repeat(990));
            try (FilesystemStorage s = FilesystemStorage.open(root)) {
                s.logs().append(log, 0, List.of(b("a")));
                Path longFile = s.layout.file(s.layout.logs, log, Layout.LOG);
                appendRaw(longFile, new byte[] {'A', 'K'});
                s.logs().append(log, 1, List.of(b("b")));
                LogRepair repair = s.logs().repairs(log).get(0);
                assertThat(repair.quarantine().value()).matches("quarantine/logs/~[0-9a-f]{64}/\\d{19}-[0-9a-f]{64}");
                assertThat(readAll(s, repair.quarantine())).containsExactly('A', 'K');
            }
        }
    }

    @Test
    @DisplayName("a damaged repair record is IntegrityException from repairs(), naming the record")
    void damagedRepairRecord() {
        try (FilesystemStorage s = FilesystemStorage.open(root)) {
            Key record = LogRepairs.recordKey(LOG);
            s.records().compareAndSet(record, 0, b("aktenlift log repairs 1\tjournal/events\n12\tnot a number\n"));
            assertThatThrownBy(() -> s.logs().repairs(LOG)).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining(record.value()).hasMessageContaining("line 2");
        }
    }

    private Path copyWithLogCutAt(long cut) throws IOException {
        Path copy = dir.resolve("copy-" + cut);
        copyTree(root, copy);
        truncate(copy.resolve(root.relativize(file)), cut);
        return copy;
    }

    private static byte[] readAll(FilesystemStorage s, Key key) throws IOException {
        try (InputStream in = s.content().get(key)) {
            return in.readAllBytes();
        }
    }

    private static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(e -> new String(e.data(), StandardCharsets.UTF_8)).toList();
    }

    private static void flip(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0x01);
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    private static void appendRaw(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
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

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> files = Files.walk(top)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
