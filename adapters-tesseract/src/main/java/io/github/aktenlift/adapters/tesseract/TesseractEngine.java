package io.github.aktenlift.adapters.tesseract;

import io.github.aktenlift.spi.ocr.OcrEngine;
import io.github.aktenlift.spi.ocr.OcrException;
import io.github.aktenlift.spi.ocr.OcrRequest;
import io.github.aktenlift.spi.ocr.RecognisedPage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Recognises pages by running the {@code tesseract} command (Tesseract 4 or 5, e.g. Debian's
 * {@code tesseract-ocr} with {@code tesseract-ocr-deu}): one process per page, with
 * {@code OMP_THREAD_LIMIT=1} so that each uses one core and pages run side by side instead; at most
 * {@link #parallelism()} processes at once (further calls wait); a process that takes longer than
 * the timeout is killed. Its TSV output (words with boxes and confidences) is read from a temporary
 * file, bounded in size, and deleted.
 *
 * <p>The command is found on the {@code PATH} unless configured. {@link #check()} runs
 * {@code tesseract --version} and {@code --list-langs} and refuses if the program or a language is
 * missing. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TesseractEngine implements OcrEngine {

    /** The most TSV output read for one page: a dense page gives some hundreds of kilobytes. */
    static final int MAX_OUTPUT = 32 << 20;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]{1,32}(\\+[A-Za-z0-9_]{1,32}){0,7}");

    private final String command;
    private final String languages;
    private final Duration timeout;
    private final int parallelism;
    private final Semaphore running;
    private volatile String version;

    private TesseractEngine(Builder b) {
        this.command = b.command;
        this.languages = b.languages;
        this.timeout = b.timeout;
        this.parallelism = b.parallelism;
        this.running = new Semaphore(b.parallelism, true);
    }

    /**
     * A builder: {@code tesseract} from the {@code PATH}, German ({@code deu}), 120 s a page, as many
     * pages at once as the machine has processors.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        String v = version;
        return "tesseract " + (v == null ? "(version not yet asked)" : v) + " (" + languages + ")";
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void check() throws OcrException {
        String out = run(List.of(command, "--version"), Duration.ofSeconds(30), "--version");
        String first = out.lines().findFirst().orElse("").strip();
        if (!first.toLowerCase(java.util.Locale.ROOT).startsWith("tesseract")) {
            throw new OcrException(OcrException.Kind.UNAVAILABLE, "'" + command + " --version' does not answer as tesseract");
        }
        version = first.substring("tesseract".length()).strip();
        List<String> installed = run(List.of(command, "--list-langs"), Duration.ofSeconds(30), "--list-langs")
                .lines().map(String::strip).toList();
        for (String language : languages.split("\\+")) {
            if (!installed.contains(language)) {
                throw new OcrException(OcrException.Kind.UNAVAILABLE, "tesseract has no language data for '" + language
                        + "' (Debian: apt-get install tesseract-ocr-" + language + ")");
            }
        }
    }

    @Override
    public RecognisedPage recognise(OcrRequest request) throws OcrException {
        String name = request.image().getFileName().toString();
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(OcrException.Kind.FAILED, "interrupted while waiting to recognise " + name, e);
        }
        Path output = null;
        try {
            output = Files.createTempFile("aktenlift-tesseract-", ".tsv");
            ProcessBuilder pb = new ProcessBuilder(command, request.image().toString(), "stdout", "-l", languages,
                    "--dpi", Integer.toString(request.dpi()), "tsv");
            pb.environment().put("OMP_THREAD_LIMIT", "1");
            pb.redirectOutput(output.toFile());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Process p = start(pb);
            waitFor(p, timeout, name);
            if (p.exitValue() != 0) {
                throw new OcrException(OcrException.Kind.FAILED, "tesseract exited with " + p.exitValue() + " on " + name);
            }
            if (Files.size(output) > MAX_OUTPUT) {
                throw new OcrException(OcrException.Kind.BAD_OUTPUT, "tesseract wrote more than " + MAX_OUTPUT
                        + " bytes for " + name);
            }
            String tsv = Files.readString(output, StandardCharsets.UTF_8);
            return TsvReader.read(tsv, request, describe(), name);
        } catch (IOException e) {
            throw new OcrException(OcrException.Kind.FAILED, "cannot run tesseract on " + name + ": " + e.getMessage(), e);
        } finally {
            running.release();
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind is no failure of the recognition
                }
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private Process start(ProcessBuilder pb) throws OcrException {
        try {
            return pb.start();
        } catch (IOException e) {
            throw new OcrException(OcrException.Kind.UNAVAILABLE, "cannot start '" + command
                    + "' (Debian: apt-get install tesseract-ocr)", e);
        }
    }

    private static void waitFor(Process p, Duration timeout, String what) throws OcrException {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new OcrException(OcrException.Kind.TIMEOUT, "tesseract took longer than " + timeout.toSeconds()
                        + " s on " + what + " and was stopped");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OcrException(OcrException.Kind.FAILED, "interrupted while tesseract ran on " + what, e);
        }
    }

    /** Runs a short command and returns its output (stdout and stderr: tesseract 4 wrote its version to stderr). */
    private String run(List<String> cmd, Duration limit, String what) throws OcrException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Process p = start(pb);
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readNBytes(1 << 20);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new OcrException(OcrException.Kind.UNAVAILABLE, "cannot read the answer of tesseract " + what, e);
        }
        waitFor(p, limit, what);
        if (p.exitValue() != 0) {
            throw new OcrException(OcrException.Kind.UNAVAILABLE, "'" + command + " " + what + "' exited with "
                    + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * Collects a {@link TesseractEngine}'s settings; not thread-safe.
     *
     * @since 0.2
     */
    public static final class Builder {
        private String command = "tesseract";
        private String languages = "deu";
        private Duration timeout = Duration.ofSeconds(120);
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * @param command the program: a name looked up on the {@code PATH}, or a path
         * @return this builder
         */
        public Builder command(String command) {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("command must not be blank");
            }
            this.command = command;
            return this;
        }

        /**
         * @param languages Tesseract's language codes joined by {@code +}, e.g. {@code "deu"} or
         *     {@code "deu+eng"}
         * @return this builder
         */
        public Builder languages(String languages) {
            if (languages == null || !LANGUAGE.matcher(languages).matches()) {
                throw new IllegalArgumentException("languages are Tesseract codes joined by '+', e.g. deu+eng");
            }
            this.languages = languages;
            return this;
        }

        /**
         * @param timeout the longest one page may take; the process is killed after it
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param pages the most pages recognised at once (processes running)
         * @return this builder
         */
        public Builder parallelism(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.parallelism = pages;
            return this;
        }

        /**
         * @return the engine; call {@link TesseractEngine#check()} to make sure it can run
         */
        public TesseractEngine build() {
            return new TesseractEngine(this);
        }
    }
}
