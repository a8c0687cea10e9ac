package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift storage doctor")
class StorageDoctorCommandTest {

    @TempDir
    Path tmp;

    private Path workspace;

    @BeforeEach
    void office() {
        workspace = tmp.resolve("w");
        Cli.preparedWorkspace(workspace, Cli.NOW, 2);
        try (FilesystemStorage s = FilesystemStorage.open(workspace.resolve(Workspace.STORAGE))) {
            for (String k : List.of("renditions/F1/doc-1.pdf", "renditions/F1/doc-2.pdf", "renditions/F1/doc-3.pdf")) {
                s.content().put(Key.of(k), new ByteArrayInputStream(k.getBytes()));
            }
        }
    }

    @Test
    @DisplayName("of a sound store exits 0 and counts its objects, by workspace and by storage URI")
    void sound() {
        Cli.Run run = Cli.run("storage", "doctor", "--dir", workspace.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("content: 3 objects, 0 problems");
        Cli.Run byUri = Cli.run("storage", "doctor", "--store", workspace.resolve(Workspace.STORAGE).toUri().toString());
        assertThat(byUri.exitCode()).as("%s", byUri).isZero();
        assertThat(byUri.out()).contains("content: 3 objects, 0 problems").doesNotContain("incomplete uploads");
    }

    @Test
    @DisplayName("of a store with a foreign file and a damaged object lists both beside the valid ones and exits 3, changing nothing")
    void problems() throws IOException {
        Path content = workspace.resolve(Workspace.STORAGE).resolve("content");
        Files.writeString(content.resolve("renditions").resolve("README.txt"), "left by hand");
        Path damaged;
        try (Stream<Path> s = Files.walk(content)) {
            // the sidecar beside the object file, which records its size and SHA-256 (storage format 2)
            damaged = s.filter(p -> p.getFileName().toString().equals("doc-2.pdf~sum")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
            f.seek(20);
            int b = f.read();
            f.seek(20);
            f.write(b ^ 1);
        }
        List<String> before = tree(workspace);

        Cli.Run text = Cli.run("storage", "doctor", "--dir", workspace.toString());
        assertThat(text.exitCode()).as("%s", text).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(text.out()).contains("content: 2 objects, 2 problems", "FOREIGN renditions/README.txt",
                "DAMAGED renditions/F1/doc-2.pdf");

        Cli.Run json = Cli.run("storage", "doctor", "--dir", workspace.toString(), "--json", "--clean");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.INTEGRITY);
        JsonNode root = json.json();
        assertThat(root.get("objects").asLong()).isEqualTo(2);
        assertThat(root.get("problems")).extracting(p -> p.get("reason").asText() + " " + p.get("key").asText())
                .containsExactlyInAnyOrder("FOREIGN renditions/README.txt", "DAMAGED renditions/F1/doc-2.pdf");
        assertThat(tree(workspace)).as("nothing changed").isEqualTo(before);
    }

    @Test
    @DisplayName("needs exactly one of --dir and --store")
    void usage() {
        assertThat(Cli.run("storage", "doctor").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("storage", "doctor", "--dir", workspace.toString(), "--store", "file:/x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("storage").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    @DisplayName("of an S3 store that cannot be reached exits 2 with the reason, without a stack trace")
    void unreachableS3() {
        Cli.Run run = Cli.run("storage", "doctor", "--store", "s3://bucket/office1",
                "--setting", "aktenlift.s3.endpoint=http://127.0.0.1:1", "--setting", "aktenlift.s3.pathStyle=true",
                "--setting", "aktenlift.s3.accessKey=k", "--setting", "aktenlift.s3.secretKey=s",
                "--setting", "aktenlift.s3.maxAttempts=1", "--setting", "aktenlift.s3.connectTimeout=PT1S");
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot use the store s3://bucket/office1").doesNotContain("\tat ", "secret");
    }

    private static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                out.add(root.relativize(p) + (Files.isRegularFile(p) ? " " + Files.size(p) + " "
                        + Files.getLastModifiedTime(p).toMillis() : ""));
            }
        }
        return out;
    }
}
