package io.github.aktenlift.examples.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench's img2pdf process: found or not, its timeout, and the output a failure keeps. */
@DisplayName("img2pdf, the bench's out-of-process peer")
class Img2PdfTest {

    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path script = dir.resolve("tool");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    @Test
    @DisplayName("a command that does not run, or tells no version, is not found")
    void notFound() throws IOException {
        assertThat(Img2Pdf.find(dir.resolve("missing").toString())).isNull();
        assertThat(Img2Pdf.find(script("exit 0").toString())).as("no version").isNull();
        assertThat(Img2Pdf.find(script("echo 'img2pdf 9.9'; exit 1").toString())).as("fails").isNull();
        assertThat(Img2Pdf.find(script("echo 'img2pdf 9.9'\necho more").toString()))
                .isEqualTo(new Img2Pdf(dir.resolve("tool").toString(), "img2pdf 9.9"));
    }

    @Test
    @DisplayName("the timeout holds for a process that hangs with its output open")
    void timeout() throws IOException {
        Path hangs = script("echo started; sleep 60");
        long start = System.nanoTime();
        assertThatThrownBy(() -> Img2Pdf.run(List.of(hangs.toString()), Duration.ofMillis(500)))
                .isInstanceOf(IOException.class).hasMessage("did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("a failure keeps the end of the output, where the error is, and leaves no log behind")
    void outputTail() throws IOException {
        Path noisy = script("i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; i=$((i+1)); done; echo 'the error' >&2; exit 4");
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Img2Pdf.Result r = Img2Pdf.run(List.of(noisy.toString()), Duration.ofSeconds(30), logs);
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.output()).startsWith("…").endsWith("line 1999\nthe error\n").doesNotContain("line 0\n");
        assertThat(r.output().length()).isLessThanOrEqualTo(4097);
        try (var left = Files.list(logs)) {
            assertThat(left).as("the output's temporary file").isEmpty();
        }
    }
}
