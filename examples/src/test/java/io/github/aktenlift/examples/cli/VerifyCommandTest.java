package io.github.aktenlift.examples.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift verify")
class VerifyCommandTest {

    @TempDir
    Path tmp;

    private Path workspace;

    @BeforeEach
    void office() {
        workspace = tmp.resolve("w");
        Cli.preparedWorkspace(workspace, Cli.NOW, 4);
    }

    @Test
    @DisplayName("of an intact journal exits 0")
    void intact() {
        Cli.Run run = Cli.run("verify", "--dir", workspace.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).containsPattern("journal intact: \\d+ events in 7 streams");
    }

    @Test
    @DisplayName("of a journal with one byte changed exits 3, in text and in JSON, without a stack trace")
    void tampered() throws IOException {
        Path log;
        try (Stream<Path> s = Files.walk(workspace.resolve("storage/logs"))) {
            log = s.filter(p -> p.toString().endsWith("events~l")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }

        Cli.Run text = Cli.run("verify", "--dir", workspace.toString());
        assertThat(text.exitCode()).as("%s", text).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(text.out()).startsWith("journal BROKEN");
        assertThat(text.err()).contains("failed verification").doesNotContain("\tat ");

        Cli.Run json = Cli.run("verify", "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(json.json().get("intact").asBoolean()).isFalse();
        assertThat(json.json().get("violation").get("detail").asText()).isNotBlank();

        Cli.Run status = Cli.run("status", "--dir", workspace.toString());
        assertThat(status.exitCode()).as("other commands refuse the workspace too").isEqualTo(ExitCodes.INTEGRITY);
        assertThat(status.err()).contains("integrity failure").doesNotContain("\tat ");
    }
}
