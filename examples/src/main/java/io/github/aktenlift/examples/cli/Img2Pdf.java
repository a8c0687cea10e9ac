package io.github.aktenlift.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    private static final long TIMEOUT_MINUTES = 10;

    /**
     * The tool at {@code command}, if it runs and tells its version.
     *
     * @return the tool, or {@code null} if it cannot be run here
     */
    static Img2Pdf find(String command) {
        try {
            Result r = run(List.of(command, "--version"));
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
        Result r = run(args);
        if (r.exit() != 0) {
            throw new IOException("failed (exit " + r.exit() + ") on a case file of " + pages.size() + " pages: "
                    + r.output().strip());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> args) throws IOException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(output);
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(args.get(0) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + args.get(0), e);
        }
        return new Result(p.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
