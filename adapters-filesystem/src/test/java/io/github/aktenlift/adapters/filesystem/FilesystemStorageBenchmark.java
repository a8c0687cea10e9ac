package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the filesystem storage against the plain JDK doing the same work. Not part of the
 * default run; see {@code docs/performance.md} for how to run it and the figures.
 *
 * <p>{@code -Daktenlift.bench.dir=/path} puts the files on another filesystem than the JVM's
 * temporary directory.
 */
@Tag("benchmark")
class FilesystemStorageBenchmark {

    private static final int OBJECT_MIB = 64;
    private static final int OBJECTS = 4;

    @TempDir
    Path tempDir;

    private Path base() throws IOException {
        String d = System.getProperty("aktenlift.bench.dir");
        return d == null ? tempDir : Files.createTempDirectory(Path.of(d), "aktenlift-bench");
    }

    @Test
    @DisplayName("content: put and get MB/s against Files.copy of the same bytes")
    void content() throws IOException {
        Path base = base();
        Path source = base.resolve("source.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(5).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(source)) {
            for (int i = 0; i < OBJECT_MIB; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
            }
        }
        double mib = (double) OBJECT_MIB * OBJECTS;
        for (String format : List.of("1", "2")) {
            content(base, source, mib, format);
        }
    }

    private void content(Path base, Path source, double mib, String format) throws IOException {
        try (FilesystemStorage storage = FilesystemStorage.open(base.resolve("root-" + format),
                java.util.Map.of(FilesystemSettings.FORMAT, format))) {
            // warm-up, also of the page cache for the source
            put(storage, source, "warm");
            drain(storage, Key.of("bench/warm"));
            Files.deleteIfExists(base.resolve("warm.bin"));
            copy(source, base.resolve("warm.bin"), false);

            long t0 = System.nanoTime();
            for (int i = 0; i < OBJECTS; i++) {
                Files.deleteIfExists(base.resolve("copy-" + i + ".bin"));
                copy(source, base.resolve("copy-" + i + ".bin"), false);
            }
            long copyNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < OBJECTS; i++) {
                Files.deleteIfExists(base.resolve("copy-fsync-" + i + ".bin"));
                copy(source, base.resolve("copy-fsync-" + i + ".bin"), true);
            }
            long copyFsyncNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < OBJECTS; i++) {
                put(storage, source, Integer.toString(i));
            }
            long putNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < OBJECTS; i++) {
                try (InputStream in = Files.newInputStream(base.resolve("copy-" + i + ".bin"))) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            long plainReadNs = System.nanoTime() - t0;
            t0 = System.nanoTime();
            for (int i = 0; i < OBJECTS; i++) {
                drain(storage, Key.of("bench/" + i));
            }
            long getNs = System.nanoTime() - t0;
            System.out.printf("content, storage format %s, %d x %d MiB:%n", format, OBJECTS, OBJECT_MIB);
            System.out.printf("  Files.copy               %8.1f MB/s%n", mib / (copyNs / 1e9));
            System.out.printf("  Files.copy + fsync       %8.1f MB/s%n", mib / (copyFsyncNs / 1e9));
            System.out.printf("  put (SHA-256, fsync)     %8.1f MB/s%n", mib / (putNs / 1e9));
            System.out.printf("  plain read               %8.1f MB/s%n", mib / (plainReadNs / 1e9));
            System.out.printf("  get (SHA-256 verified)   %8.1f MB/s%n", mib / (getNs / 1e9));
        }
    }

    @Test
    @DisplayName("small content: puts and gets of 4 KiB objects per second with fsync, format 1 against format 2")
    void smallObjects() throws IOException {
        Path base = base();
        byte[] data = new byte[4096];
        new Random(7).nextBytes(data);
        int directories = 50;
        int perDirectory = 10;
        int n = directories * perDirectory;
        for (String format : List.of("1", "2", "1", "2")) {
            try (FilesystemStorage storage = FilesystemStorage.open(Files.createTempDirectory(base, "small-" + format),
                    java.util.Map.of(FilesystemSettings.FORMAT, format))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    storage.content().create(small(i, perDirectory), new java.io.ByteArrayInputStream(data));
                }
                long createNs = System.nanoTime() - t0;
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    storage.content().put(small(i, perDirectory), new java.io.ByteArrayInputStream(data));
                }
                long replaceNs = System.nanoTime() - t0;
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    drain(storage, small(i, perDirectory));
                }
                long getNs = System.nanoTime() - t0;
                assertThat(storage.content().list("", java.util.Optional.empty(), n + 1).items()).hasSize(n);
                System.out.printf("small content, storage format %s, %d objects of 4 KiB in %d directories, fsync on:%n",
                        format, n, directories);
                System.out.printf("  create (new name)        %8.0f objects/s%n", n / (createNs / 1e9));
                System.out.printf("  put (replacing)          %8.0f objects/s%n", n / (replaceNs / 1e9));
                System.out.printf("  get (verified)           %8.0f objects/s%n", n / (getNs / 1e9));
            }
        }
    }

    private static Key small(int i, int perDirectory) {
        return Key.of("renditions/F" + String.format("%09d", i / perDirectory) + "X/1/doc-" + (i % perDirectory) + ".pdf");
    }

    @Test
    @DisplayName("logs and records: appends and compare-and-sets per second with fsync")
    void appends() throws IOException {
        Path base = base();
        try (FilesystemStorage storage = FilesystemStorage.open(base.resolve("root"))) {
            byte[] entry = new byte[200];
            new Random(3).nextBytes(entry);
            Key log = Key.of("bench/log");
            int singles = 2000;
            for (int i = 0; i < 100; i++) {
                storage.logs().append(Key.of("bench/warm"), i, List.of(entry));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                storage.logs().append(log, i, List.of(entry));
            }
            long singleNs = System.nanoTime() - t0;
            int batches = 500;
            int batchSize = 20;
            List<byte[]> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                batch.add(entry);
            }
            Key batched = Key.of("bench/batched");
            t0 = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                storage.logs().append(batched, (long) i * batchSize, batch);
            }
            long batchNs = System.nanoTime() - t0;
            int cas = 1000;
            Key record = Key.of("bench/record");
            t0 = System.nanoTime();
            for (int i = 0; i < cas; i++) {
                storage.records().compareAndSet(record, i, entry);
            }
            long casNs = System.nanoTime() - t0;
            assertThat(storage.logs().length(log)).isEqualTo(singles);
            t0 = System.nanoTime();
            long read = 0;
            for (long from = 0; from < (long) batches * batchSize; ) {
                int n = storage.logs().read(batched, from, 1000).size();
                from += n;
                read += n;
            }
            long readNs = System.nanoTime() - t0;
            System.out.printf("logs and records, %d-byte entries, fsync on:%n", entry.length);
            System.out.printf("  append, 1 entry          %8.0f appends/s%n", singles / (singleNs / 1e9));
            System.out.printf("  append, %d entries       %8.0f batches/s = %.0f entries/s%n", batchSize,
                    batches / (batchNs / 1e9), (double) batches * batchSize / (batchNs / 1e9));
            System.out.printf("  compare-and-set          %8.0f writes/s%n", cas / (casNs / 1e9));
            System.out.printf("  read (1000 per call)     %8.0f entries/s%n", read / (readNs / 1e9));
        }
    }

    private static void put(FilesystemStorage storage, Path source, String name) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            storage.content().put(Key.of("bench/" + name), in);
        }
    }

    private static void drain(FilesystemStorage storage, Key key) throws IOException {
        try (InputStream in = storage.content().get(key)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void copy(Path source, Path target, boolean fsync) throws IOException {
        Files.copy(source, target);
        if (fsync) {
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }
}
