package io.github.aktenlift.adapters.s3;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 20, item 5: an integrator who adds only {@code aktenlift-adapters-s3} gets everything the
 * adapter needs. A child JVM runs a probe (a single source file) on exactly the adapter's classes
 * and its declared runtime dependencies, as Maven resolves them ({@code target/runtime-class-path.txt},
 * written by the build), against S3Proxy in this JVM: no test dependency, no logging back-end.
 */
class RuntimeClassPathTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("the adapter opens, stores and reads back on exactly its declared runtime class path")
    void declaredRuntimeClassPathSuffices() throws Exception {
        Path target = Path.of("target");
        Path declared = target.resolve("runtime-class-path.txt");
        assumeTrue(Files.isRegularFile(declared), "run by Maven, which writes target/runtime-class-path.txt");
        Path classes = target.resolve("classes");
        String classPath = classes.toAbsolutePath() + File.pathSeparator + Files.readString(declared).strip();
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            assertThat(name).as("only runtime dependencies").doesNotContain("junit", "assertj", "s3proxy", "testkit", "logback");
        }
        Path probe = Files.createTempDirectory("aktenlift-probe").resolve("S3Probe.java");
        try (InputStream in = RuntimeClassPathTest.class.getResourceAsStream("/runtime-probe/S3Probe.java")) {
            Files.write(probe, in.readAllBytes());
        }
        try (S3ProxyServer server = S3ProxyServer.inMemory()) {
            String bucket = server.newBucket();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, probe.toString(), "s3://" + bucket + "/probe", server.endpoint().toString(),
                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(output).as("the probe's output").doesNotContain("NoClassDefFoundError", "ClassNotFoundException")
                    .contains("ok io.github.aktenlift.adapters.s3.S3Storage");
            assertThat(p.exitValue()).as(output).isZero();
        } finally {
            deleteQuietly(probe);
        }
    }

    private static void deleteQuietly(Path probe) throws IOException {
        Files.deleteIfExists(probe);
        Files.deleteIfExists(probe.getParent());
    }
}
