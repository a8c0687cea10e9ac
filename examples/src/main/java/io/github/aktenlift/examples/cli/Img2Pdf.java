package io.github.aktenlift.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The out-of-process peer of {@code bench}: <a href="https://gitlab.mister-muffin.de/josch/img2pdf">img2pdf</a>,
 * which puts JPEG and CCITT G4 pages into a PDF as they are (no recompression, no checks, no
 * hashes), one process per case file. Debian packages it ({@code build/install-bench-tools.sh}
 * installs it); where it is missing, the bench leaves its figure out and says so.
 *
 * @param command the command, as given to {@code --img2pdf}
 * @param version what {@code command --version} printed
 */
record Img2Pdf(String command, String version) {

    /** How long one case file may take before the bench gives up on the process. */
    private static final Duration CASE_FILE_TIMEOUT = Duration.ofMinutes(10);
    /** How long {@code --version} may take. */
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    /** How much of a process's output a failure message keeps: its end, where the error is. */
    private static final int OUTPUT_KEPT = 4096;

    /**
     * The tool at {@code command}, if it runs and tells its version.
     *
     * @return the tool, or {@code null} if it cannot be run here
     */
    static Img2Pdf find(String command) {
        try {
            Result r = run(List.of(command, "--version"), VERSION_TIMEOUT);
            String version = r.output().strip();
            return r.exit() == 0 && !version.isEmpty() ? new Img2Pdf(command, version.lines().findFirst().orElseThrow())
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Puts {@code pages}, in this order, into one new PDF at {@code out}.
     *
     * @throws IOException if the process fails (its exit code and output are in the message)
     */
    void convert(List<Path> pages, Path out) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(command);
        pages.forEach(p -> args.add(p.toString()));
        args.add("-o");
        args.add(out.toString());
        Result r = run(args, CASE_FILE_TIMEOUT);
        if (r.exit() != 0) {
            throw new IOException("failed (exit " + r.exit() + ") on a case file of " + pages.size() + " pages: "
                    + r.output().strip());
        }
    }

    /** A process's exit code and the end of its output (stdout and stderr together). */
    record Result(int exit, String output) {
    }

    /**
     * Runs {@code args} with its output in a temporary file, so that the timeout holds even for a
     * process that hangs with its output open; keeps the output's last {@link #OUTPUT_KEPT} bytes.
     */
    static Result run(List<String> args, Duration timeout) throws IOException {
        return run(args, timeout, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #run(List, Duration)} with its output's temporary file in {@code logs}. */
    static Result run(List<String> args, Duration timeout, Path logs) throws IOException {
        Path log = Files.createTempFile(logs, "aktenlift-img2pdf-", ".log");
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("did not finish within " + (timeout.toSeconds() > 0 ? timeout.toSeconds() + " s"
                            : timeout.toMillis() + " ms"));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Result(p.exitValue(), tail(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        try (FileChannel ch = FileChannel.open(log)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, OUTPUT_KEPT));
            ch.position(size - buf.capacity());
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // until the buffer is full
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            return size > OUTPUT_KEPT ? "…" + text : text;
        }
    }
}
