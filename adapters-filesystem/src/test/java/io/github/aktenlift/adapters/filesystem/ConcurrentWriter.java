package io.github.aktenlift.adapters.filesystem;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Child process of {@link MultiProcessTest}: increments shared counters with compare-and-set and
 * appends to a shared log, retrying on conflicts, and prints {@code I <counter>} and
 * {@code A <entry> <sequence>} after each success.
 */
public final class ConcurrentWriter {

    static final Key LOG = Key.of("shared/log");
    /** Replaced by both processes, read after each put. */
    static final Key REPLACED = Key.of("shared/Replaced.pdf");
    static final List<Key> COUNTERS = List.of(Key.of("shared/counter-a"), Key.of("shared/counter-b"));

    private ConcurrentWriter() {
    }

    /** A version of the replaced object: who wrote it and when, padded to a length that varies with both. */
    static byte[] version(String id, int i) {
        return (id + " " + i + " " + "x".repeat(1 + (i * 7 + id.hashCode()) % 50)).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String id = args[1];
        int iterations = Integer.parseInt(args[2]);
        Random random = new Random(id.hashCode());
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (FilesystemStorage storage = FilesystemStorage.open(root)) {
            out.println("READY");
            out.flush();
            // start together: the parent releases both children at once through a file
            Path go = root.resolveSibling("go");
            while (!java.nio.file.Files.exists(go)) {
                Thread.sleep(1);
            }
            for (int i = 0; i < iterations; i++) {
                Key counter = COUNTERS.get(random.nextInt(COUNTERS.size()));
                while (true) {
                    Optional<VersionedRecord> current = storage.records().get(counter);
                    long version = current.map(VersionedRecord::version).orElse(0L);
                    long value = current.map(r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8))).orElse(0L);
                    try {
                        storage.records().compareAndSet(counter, version,
                                Long.toString(value + 1).getBytes(StandardCharsets.UTF_8));
                        out.println("I " + counter);
                        break;
                    } catch (ConflictException lost) {
                        // the other process won this round: read again
                    }
                }
                // format 2 content: both race to create the same key (one wins, the other's bytes never
                // show), and replace a shared object while the other reads it (always one whole version)
                Key created = Key.of("shared/created/" + i + "/Object.pdf");
                byte[] mine = (id + " created " + i).getBytes(StandardCharsets.UTF_8);
                try {
                    storage.content().create(created, new ByteArrayInputStream(mine));
                    out.println("C " + i);
                } catch (ConflictException lost) {
                    // the other process created it first
                }
                storage.content().put(REPLACED, new ByteArrayInputStream(version(id, i)));
                try (InputStream in = storage.content().get(REPLACED)) {
                    String read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (!read.matches("p[12] [0-9]+ x+")) {
                        throw new AssertionError("read a mixed version: " + read);
                    }
                }
                String entry = id + ":" + i;
                while (true) {
                    long length = storage.logs().length(LOG);
                    try {
                        storage.logs().append(LOG, length, List.of(entry.getBytes(StandardCharsets.UTF_8)));
                        out.println("A " + entry + " " + length);
                        break;
                    } catch (ConflictException lost) {
                        // the other process appended first: try at the new end
                    }
                }
            }
            out.println("DONE");
            out.flush();
        }
    }
}
