package io.github.aktenlift.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One demo workspace (24 case files, the high-protection ones sealed) made once per test JVM and
 * shared by the tests that only read it; a test that changes a workspace copies it first
 * ({@link Trees#copy}). Tests that read it check that it stays byte for byte as it was.
 */
final class SharedDemo {

    private static Path workspace;

    private SharedDemo() {
    }

    /** @return the shared demo workspace: read it, never change it */
    static synchronized Path workspace() {
        if (workspace == null) {
            try {
                Path dir = Files.createTempDirectory("aktenlift-shared-demo-");
                Path demo = dir.resolve("demo");
                Cli.Run run = Cli.run("demo", "--files", "24", "--dir", demo.toString(), "--quiet");
                assertThat(run.exitCode()).as("%s", run).isZero();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete-shared-demo"));
                workspace = demo;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workspace;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS temp cleaner takes what is left
        }
    }
}
