package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.casefile.Barcode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in-process, with captured stdout and stderr, a fixed clock and sequential ids; or,
 * where a test needs a JVM of its own, in a child JVM.
 */
final class Cli {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** What one run left behind. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON:\n" + out, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /**
     * Creates a workspace (fsync off) whose clock stands at the given time, with n case files
     * registered, shipped, received and prepared for scanning.
     *
     * @return the case files' barcodes
     */
    static List<Barcode> preparedWorkspace(Path workspace, Instant at, int n) {
        return preparedWorkspace(workspace, at, n, Map.of());
    }

    /** Like {@link #preparedWorkspace(Path, Instant, int)}, with settings for the workspace's storage. */
    static List<Barcode> preparedWorkspace(Path workspace, Instant at, int n, Map<String, String> storageSettings) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        try (Workspace w = Workspace.create(workspace, clock, IdSource.sequential("p"), false, storageSettings)) {
            List<Barcode> files = w.lift().inventory().issueCaseFileBarcodes(Logistics.CLERK, n);
            Logistics.registerAndPrepare(w.lift(), clock, files);
            return files;
        }
    }

    static Environment environment(StringWriter out, StringWriter err, boolean terminal) {
        return new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential("t"), terminal);
    }

    static Run run(String... args) {
        return run(false, args);
    }

    /** Runs a command with the clock at another time than {@link #NOW}. */
    static Run runAt(Instant at, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(at, ZoneOffset.UTC), IdSource.sequential("t"), false));
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs with a scripted standard input: what a barcode scanner would type, one barcode a line. */
    static Run scan(String stdin, String... args) {
        return scan(false, stdin, args);
    }

    static Run scan(boolean terminal, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(new PrintWriter(out, true), new PrintWriter(err, true),
                Clock.fixed(NOW, ZoneOffset.UTC), IdSource.sequential("t"), terminal,
                new java.io.BufferedReader(new java.io.StringReader(stdin)));
        int code = Main.run(args, env);
        return new Run(code, out.toString(), err.toString());
    }

    /** @return how many events the workspace's journal holds, as {@code verify --json} counts them */
    static long events(Path workspace) {
        Run v = run("verify", "--dir", workspace.toString(), "--json");
        if (v.exitCode() != 0) {
            throw new AssertionError("verify failed: " + v);
        }
        return v.json().get("events").asLong();
    }

    static Run run(boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, environment(out, err, terminal));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Runs the CLI in a JVM of its own with {@code jvmOptions} (a heap of its own, say), its
     * output in files under {@code dir}, killed if it has not ended after {@code timeout} (which
     * fails the test, with what it printed to stderr so far). The clock and ids are the real ones.
     */
    static Run inChildJvm(Path dir, List<String> jvmOptions, Duration timeout, String... args) {
        try {
            Path out = Files.createTempFile(dir, "child-", ".out");
            Path err = Files.createTempFile(dir, "child-", ".err");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the CLI did not end within " + timeout.toSeconds() + " s; stderr so far:\n"
                            + Files.readString(err));
                }
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs with {@code stdin} as standard input: lines as a handheld scanner types them. */
    static Run scanned(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment plain = environment(out, err, false);
        int code = Main.run(args, new Environment(plain.out(), plain.err(), plain.clock(), plain.ids(), false,
                new java.io.BufferedReader(new java.io.StringReader(stdin))));
        return new Run(code, out.toString(), err.toString());
    }
}
