package io.github.aktenlift.adapters.filesystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test sources in a child JVM with the same java binary and class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path stderr, Class<?> main, String... args) throws IOException {
        return start(stderr, List.of(), main, args);
    }

    /** @param jvmOptions further options before the main class, such as {@code -Dname=value} */
    static Process start(Path stderr, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }
}
