package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fixed sequence of storage operations that passes every crash point of the filesystem storage,
 * for {@link CrashPointTest}; run by a child JVM ({@link #main}) that is killed somewhere in it,
 * and by the test itself to retry the interrupted operation and finish.
 *
 * <p>Step 0 opens a new root. Every step, once it has returned, is acknowledged by a line
 * {@code <step>} appended to the acknowledgement file and forced to disk before the next step
 * begins. Step {@value #TEAR} is no storage call: it plays an earlier crash by writing part of a
 * frame at the log's end, so that step {@value #REPAIRING_APPEND}, an append, has to repair it.
 */
public final class CrashWorkload {

    static final Key LOG = Key.of("w/log");
    static final Key CONTENT = Key.of("w/a");
    /** A segment long enough to be stored under a hashed name with its {@code ~n} file. */
    static final Key LONG_CONTENT = Key.of("w/" + "l".repeat(300));
    static final Key RECORD = Key.of("w/r");
    /** Format 2: created, then replaced by a longer object, then by one of the same size (told apart by hash). */
    static final Key REPLACED = Key.of("w/Replaced.pdf");

    static final int TEAR = 7;
    static final int REPAIRING_APPEND = 8;

    /** One step: how to do it, and how to retry it after a crash left its outcome unknown. */
    interface Step {
        String name();

        void run(FilesystemStorage s) throws IOException;

        /** Completes the step if the crash interrupted it, without doing it twice. */
        default void retry(FilesystemStorage s) throws IOException {
            run(s);
        }
    }

    static final byte[] CONTENT_BYTES = bytes(1, 3000);
    static final byte[] LONG_CONTENT_BYTES = bytes(2, 70_000);
    static final byte[] CREATED_BYTES = bytes(3, 1000);
    static final byte[] REPLACING_BYTES = bytes(4, 5000);
    static final byte[] SAME_SIZE_BYTES = bytes(5, 5000);
    static final List<byte[]> BATCH_0 = entries("e", 0, 2);
    static final List<byte[]> BATCH_2 = entries("e", 2, 3);
    static final List<byte[]> BATCH_5 = entries("f", 5, 1);
    static final List<byte[]> BATCH_6 = entries("g", 6, 2);
    /** What step {@value #TEAR} writes: the header and half the payload of a frame of four entries at sequence 5. */
    static final byte[] TORN = torn();

    /** Steps 1 and on; step 0 is {@link #open}. */
    static final List<Step> STEPS = List.of(
            put(CONTENT, CONTENT_BYTES),
            put(LONG_CONTENT, LONG_CONTENT_BYTES),
            compareAndSet(0, "one"),
            compareAndSet(1, "two"),
            append(0, BATCH_0),
            append(2, BATCH_2),
            new Step() {
                @Override
                public String name() {
                    return "tear the log's end";
                }

                @Override
                public void run(FilesystemStorage s) throws IOException {
                    try (FileChannel ch = FileChannel.open(s.layout.file(s.layout.logs, LOG, Layout.LOG),
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                        ch.write(ByteBuffer.wrap(TORN));
                        ch.force(true);
                    }
                }

                @Override
                public void retry(FilesystemStorage s) {
                    throw new AssertionError("tearing passes no crash point, so no crash can interrupt it");
                }
            },
            append(5, BATCH_5),
            new Step() {
                @Override
                public String name() {
                    return "delete content " + CONTENT;
                }

                @Override
                public void run(FilesystemStorage s) {
                    s.content().delete(CONTENT);
                }
            },
            new Step() {
                @Override
                public String name() {
                    return "delete record " + RECORD;
                }

                @Override
                public void run(FilesystemStorage s) {
                    s.records().delete(RECORD, 2);
                }

                @Override
                public void retry(FilesystemStorage s) {
                    try {
                        run(s);
                    } catch (ConflictException e) {
                        check(e.actual() == 0, "record " + RECORD + " is at version " + e.actual() + ", neither 2 nor deleted");
                    }
                }
            },
            append(6, BATCH_6),
            create(REPLACED, CREATED_BYTES),
            put(REPLACED, REPLACING_BYTES),
            put(REPLACED, SAME_SIZE_BYTES));

    /** The number of steps, open included. */
    static final int COUNT = STEPS.size() + 1;

    private CrashWorkload() {
    }

    /** Runs every step on a new root: {@code <root> <acknowledgement file>}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        try (FileChannel acks = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
                FilesystemStorage s = open(root)) {
            acknowledge(acks, 0);
            for (int i = 1; i < COUNT; i++) {
                step(i).run(s);
                acknowledge(acks, i);
            }
        }
    }

    static FilesystemStorage open(Path root) {
        return FilesystemStorage.open(root);
    }

    /** @param i 1 to {@link #COUNT} - 1 */
    static Step step(int i) {
        return STEPS.get(i - 1);
    }

    static String name(int i) {
        return i == 0 ? "open a new root" : step(i).name();
    }

    private static void acknowledge(FileChannel acks, int step) throws IOException {
        acks.write(ByteBuffer.wrap((step + "\n").getBytes(StandardCharsets.US_ASCII)));
        acks.force(true);
    }

    private static Step put(Key key, byte[] data) {
        return new Step() {
            @Override
            public String name() {
                return "put content " + (key.value().length() > 40 ? key.value().substring(0, 40) + "…" : key);
            }

            @Override
            public void run(FilesystemStorage s) {
                s.content().put(key, new ByteArrayInputStream(data));
            }
        };
    }

    private static Step create(Key key, byte[] data) {
        return new Step() {
            @Override
            public String name() {
                return "create content " + key;
            }

            @Override
            public void run(FilesystemStorage s) {
                s.content().create(key, new ByteArrayInputStream(data));
            }

            /** A conflict means the interrupted create got its object into place, which it checks. */
            @Override
            public void retry(FilesystemStorage s) throws IOException {
                try {
                    run(s);
                } catch (ConflictException e) {
                    try (var in = s.content().get(key)) {
                        check(Arrays.equals(in.readAllBytes(), data), "create of " + key + " conflicts with other bytes");
                    }
                }
            }
        };
    }

    private static Step compareAndSet(long expected, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new Step() {
            @Override
            public String name() {
                return "compare-and-set " + RECORD + " " + expected + " -> " + (expected + 1);
            }

            @Override
            public void run(FilesystemStorage s) {
                s.records().compareAndSet(RECORD, expected, bytes);
            }

            @Override
            public void retry(FilesystemStorage s) {
                try {
                    run(s);
                } catch (ConflictException e) {
                    VersionedRecord now = s.records().get(RECORD).orElseThrow();
                    check(now.version() == expected + 1 && Arrays.equals(now.value(), bytes),
                            "record " + RECORD + " conflicts but does not hold this step's value");
                }
            }
        };
    }

    private static Step append(long first, List<byte[]> batch) {
        return new Step() {
            @Override
            public String name() {
                return "append " + batch.size() + " at " + first + " to " + LOG;
            }

            @Override
            public void run(FilesystemStorage s) {
                s.logs().append(LOG, first, batch);
            }

            /** The caller's idempotent retry: a conflict means the batch is there, which it checks. */
            @Override
            public void retry(FilesystemStorage s) {
                try {
                    run(s);
                } catch (ConflictException e) {
                    List<LogEntry> there = s.logs().read(LOG, first, batch.size());
                    check(there.size() == batch.size(), "log conflicts at " + first + " but holds no whole batch there");
                    for (int i = 0; i < batch.size(); i++) {
                        check(Arrays.equals(there.get(i).data(), batch.get(i)), "log holds another batch at " + first);
                    }
                }
            }
        };
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<byte[]> entries(String prefix, long first, int n) {
        return java.util.stream.LongStream.range(first, first + n)
                .mapToObj(i -> (prefix + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static byte[] torn() {
        List<byte[]> four = entries("t", 5, 4);
        int payload = four.stream().mapToInt(e -> 4 + e.length).sum();
        byte[] whole = FileLogStore.frame(5, four, payload).array();
        return Arrays.copyOf(whole, FileLogStore.FRAME_HEADER + payload / 2);
    }
}
