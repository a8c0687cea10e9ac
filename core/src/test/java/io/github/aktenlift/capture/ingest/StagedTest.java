package io.github.aktenlift.capture.ingest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A staged product (a sealed capture's rendition waiting for its seal)")
class StagedTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void roundTrip(Staged s) throws Exception {
        // more than two chunks, written in pieces that straddle their borders
        byte[] data = bytes(2 * (1 << 20) + 12_345, 7);
        try (OutputStream out = s.append()) {
            for (int off = 0; off < data.length; off += 300_001) {
                out.write(data, off, Math.min(300_001, data.length - off));
            }
        }
        try (OutputStream out = s.append()) {
            out.write(42);
        }
        assertThat(s.size()).isEqualTo(data.length + 1L);
        byte[] patch = bytes(5000, 8);
        long at = (1 << 20) - 2000; // across the first border
        s.write(at, patch);
        System.arraycopy(patch, 0, data, (int) at, patch.length);
        assertThat(s.read(at - 10, 5010)).isEqualTo(java.util.Arrays.copyOfRange(data, (int) at - 10, (int) at + 5000));
        byte[] all;
        try (InputStream in = s.read()) {
            all = in.readAllBytes();
        }
        assertThat(java.util.Arrays.copyOf(all, data.length)).isEqualTo(data);
        assertThat(all[data.length]).isEqualTo((byte) 42);
        assertThatThrownBy(() -> s.write(s.size() - 1, new byte[2])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.read(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("kept in memory within the budget: appends, overwrites in place and reads back what was written")
    void inMemory() throws Exception {
        Path file = dir.resolve("m.pdf");
        try (Staged s = Staged.create(file, 3 << 20)) {
            assertThat(s.inMemory()).isTrue();
            assertThat(file).doesNotExist();
            roundTrip(s);
        }
    }

    @Test
    @DisplayName("one that the budget cannot hold goes to its file, behaves the same, and the file is gone when closed")
    void inAFile() throws Exception {
        Path file = dir.resolve("f.pdf");
        Staged s = Staged.create(file, Runtime.getRuntime().maxMemory());
        assertThat(s.inMemory()).isFalse();
        assertThat(file).exists();
        roundTrip(s);
        s.close();
        s.close();
        assertThat(file).doesNotExist();
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    @DisplayName("closing gives the memory back: the budget holds the next product again")
    void givesBack() throws Exception {
        long half = Runtime.getRuntime().maxMemory() / 8 + 1; // more than half the budget (a quarter of the heap)
        try (Staged first = Staged.create(dir.resolve("a.pdf"), half)) {
            assertThat(first.inMemory()).isTrue();
            try (Staged second = Staged.create(dir.resolve("b.pdf"), half)) {
                assertThat(second.inMemory()).as("both do not fit at once").isFalse();
            }
        }
        try (Staged again = Staged.create(dir.resolve("c.pdf"), half)) {
            assertThat(again.inMemory()).as("the first gave its reservation back").isTrue();
        }
    }
}
