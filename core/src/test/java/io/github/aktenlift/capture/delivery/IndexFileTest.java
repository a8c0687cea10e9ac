package io.github.aktenlift.capture.delivery;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Reading index.json is bounded even if the file grows after its size was checked")
class IndexFileTest {

    /** An endless source, as /dev/zero or a file that keeps growing would be. */
    private static final class Endless extends InputStream {
        long given;

        @Override
        public int read() {
            given++;
            return '{';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) '{');
            given += len;
            return len;
        }
    }

    @Test
    @DisplayName("an endless source stops with an error one byte past the limit")
    void endless() {
        Endless source = new Endless();
        InputStream in = IndexFile.bounded(source, 1000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(IndexFile.GrewException.class));
        assertThat(source.given).isEqualTo(1001);
    }

    @Test
    @DisplayName("a source within the limit is read whole, byte for byte, and so is one exactly at it")
    void within() throws IOException {
        byte[] data = new byte[1000];
        java.util.Arrays.fill(data, (byte) 'a');
        assertThat(IndexFile.bounded(new ByteArrayInputStream(data), 1000).readAllBytes()).isEqualTo(data);
        assertThat(IndexFile.bounded(new ByteArrayInputStream(data), 5000).readAllBytes()).isEqualTo(data);
        assertThatThrownBy(() -> IndexFile.bounded(new ByteArrayInputStream(data), 999).readAllBytes())
                .isInstanceOf(IndexFile.GrewException.class);
    }

    @Test
    @DisplayName("single-byte reads and skips count against the limit too")
    void bytesAndSkips() throws IOException {
        InputStream in = IndexFile.bounded(new Endless(), 10);
        assertThat(in.skip(6)).isEqualTo(6);
        for (int i = 0; i < 4; i++) {
            assertThat(in.read()).isEqualTo('{');
        }
        assertThatThrownBy(in::read).isInstanceOf(IndexFile.GrewException.class);
    }
}
