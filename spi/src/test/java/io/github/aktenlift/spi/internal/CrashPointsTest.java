package io.github.aktenlift.spi.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrashPointsTest {

    @TempDir
    Path dir;

    @Nested
    @DisplayName("a target")
    class Targets {

        @Test
        @DisplayName("is a name, stopping at its first arrival, or name@n, stopping at the n-th")
        void parses() {
            assertThat(CrashPoints.Target.parse("fs.log.append.fsynced"))
                    .isEqualTo(new CrashPoints.Target("fs.log.append.fsynced", 1));
            assertThat(CrashPoints.Target.parse("fs.log.append.fsynced@3"))
                    .isEqualTo(new CrashPoints.Target("fs.log.append.fsynced", 3));
        }

        @Test
        @DisplayName("with an empty name, a count below 1 or a count that is no number is refused")
        void refusesNonsense() {
            assertThatThrownBy(() -> CrashPoints.Target.parse("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashPoints.Target.parse("@2")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashPoints.Target.parse("x@0")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrashPoints.Target.parse("x@two")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("unarmed, reaching a point does nothing")
    void unarmed() {
        // this JVM runs without the properties: the call must return at once, every time
        for (int i = 0; i < 1000; i++) {
            CrashPoints.reach("fs.test.unarmed");
        }
        assertThat(System.getProperty(CrashPoints.POINT)).isNull();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("armed at name@2 in a child JVM, it traces every arrival, signals at the second and holds until killed")
    void armedChildStopsAtTheSecondArrival() throws Exception {
        Path signal = dir.resolve("signal");
        Path trace = dir.resolve("trace");
        Path out = dir.resolve("out");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-D" + CrashPoints.POINT + "=b@2", "-D" + CrashPoints.SIGNAL + "=" + signal,
                "-D" + CrashPoints.TRACE + "=" + trace,
                "-cp", System.getProperty("java.class.path"), Walker.class.getName())
                .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!signalled(signal) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readString(signal)).as("signal; child output: %s", read(out)).isEqualTo("b\n");
            assertThat(child.waitFor(300, TimeUnit.MILLISECONDS)).as("the child holds at the point").isFalse();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readAllLines(trace)).containsExactly("a", "b", "a", "b");
        assertThat(Files.readAllLines(out)).containsExactly("after b 1");
    }

    private static boolean signalled(Path signal) throws IOException {
        return Files.exists(signal) && Files.readString(signal).endsWith("\n");
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    /** Child: passes points a, b, a, b, a, b and says after each b how many it passed. */
    public static final class Walker {
        private Walker() {
        }

        public static void main(String[] args) {
            int bs = 0;
            for (String p : List.of("a", "b", "a", "b", "a", "b")) {
                CrashPoints.reach(p);
                if (p.equals("b")) {
                    System.out.println("after b " + ++bs);
                    System.out.flush();
                }
            }
        }
    }
}
