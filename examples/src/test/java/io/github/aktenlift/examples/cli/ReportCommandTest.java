package io.github.aktenlift.examples.cli;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report} and {@code history --pdf} on the demo's workspace: the HTML page rendered by a real
 * headless browser (Debian's chromium, installed by build/install-chromium.sh) without console
 * errors, its charts with one point or bar per elapsed week and state; the PDF/A versions passed by
 * veraPDF; bad input answered with exit 2 and one line.
 */
@DisplayName("aktenlift report")
class ReportCommandTest {

    @TempDir
    static Path tmp;

    private static Path demo;
    private static LocalDate planStart;

    @BeforeAll
    static void demoWorkspace() {
        demo = SharedDemo.workspace();
        planStart = LocalDate.ofInstant(Cli.NOW.minus(Duration.ofDays(100)), ZoneOffset.UTC);
    }

    private static String[] report(String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "--dir", demo.toString(), "--plan-start", planStart.toString(),
                "--plan-end", planStart.plusWeeks(26).toString(), "--plan-files", "40", "--plan-pages", "2000"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Weeks from the plan's start up to and including the one {@link Cli#NOW} lies in. */
    private static int elapsedWeeks() {
        return (int) (java.time.temporal.ChronoUnit.DAYS.between(planStart, LocalDate.ofInstant(Cli.NOW, ZoneOffset.UTC)) / 7) + 1;
    }

    @Test
    @DisplayName("writes a page a headless chromium renders without console errors, with a point per elapsed week; changes nothing")
    void htmlInBrowser() throws Exception {
        String before = Trees.digest(demo);
        Path html = tmp.resolve("progress.html");
        Cli.Run run = Cli.run(report("--html", html.toString(), "--json"));
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("filesCaptured").asLong()).isPositive();
        assertThat(Trees.digest(demo)).as("the workspace is only read").isEqualTo(before);

        String page = Files.readString(html);
        assertThat(page).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .contains("Content-Security-Policy");

        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "Debian's chromium is not installed (build/install-chromium.sh installs it)");
        Path screenshot = Path.of("target", "progress-report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Browser dom = browser(chromium, "--dump-dom", html);
        Browser shot = browser(chromium, "--screenshot=" + screenshot, html);

        int weeks = elapsedWeeks();
        assertThat(count(dom.out, "<circle class=\"point\"")).as("points of both burn-up charts").isEqualTo(2 * weeks);
        assertThat(count(dom.out, "<rect class=\"bar\"")).as("bars of the throughput chart").isEqualTo(weeks);
        assertThat(count(dom.out, "<rect class=\"state-bar\"")).as("one bar per state in use")
                .isEqualTo(statesInUse()).isPositive();
        assertThat(dom.out).contains("<svg id=\"burnup-files\"").contains("<polyline class=\"plan\"");
        for (Browser b : List.of(dom, shot)) {
            assertThat(b.err.lines().filter(l -> l.contains("CONSOLE") || l.contains("Refused to")).toList())
                    .as("console messages of the page").isEmpty();
        }
        BufferedImage png = ImageIO.read(screenshot.toFile());
        assertThat(png.getWidth()).isEqualTo(1000);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("a page with charts, not a blank screenshot").isGreaterThan(20);
    }

    private static int statesInUse() {
        com.fasterxml.jackson.databind.JsonNode counts = Cli.run("status", "--dir", demo.toString(), "--json").json();
        com.fasterxml.jackson.databind.JsonNode states = counts.get("caseFilesPerState");
        int n = 0;
        for (var it = states.fields(); it.hasNext();) {
            if (it.next().getValue().asLong() > 0) {
                n++;
            }
        }
        return n;
    }

    private record Browser(String out, String err) {
    }

    private static Browser browser(Path chromium, String what, Path html) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "chromium-");
        List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1000,2600", what,
                html.toUri().toString());
        Path out = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = tmp.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertThat(p.exitValue()).as("chromium's exit code; stderr:%n%s", Files.readString(err)).isZero();
        return new Browser(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    @DisplayName("writes the progress report as PDF/A that veraPDF passes, with the figures of the page")
    void pdf() throws IOException {
        Path pdf = tmp.resolve("progress.pdf");
        Cli.Run run = Cli.run(report("--pdf", pdf.toString()));
        assertThat(run.exitCode()).as("%s", run).isZero();
        byte[] bytes = Files.readAllBytes(pdf);
        PdfA.assertPdfA2b(bytes, "progress.pdf");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Fortschritt / Progress").contains("Burn-up").contains("Scan-Dienstleister")
                    .contains("Rückforderungen");
        }
    }

    @Test
    @DisplayName("history --pdf writes a case file's audit report as PDF/A with every event and no subject key")
    void auditReport() throws IOException {
        String barcode;
        try (Stream<Path> files = Files.list(demo.resolve("storage/content/renditions"))) {
            barcode = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("F")).sorted().findFirst()
                    .orElseThrow();
        }
        Path pdf = tmp.resolve("audit.pdf");
        Cli.Run run = Cli.run("history", barcode, "--dir", demo.toString(), "--pdf", pdf.toString(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        int events = run.json().get("events").size();
        byte[] bytes = Files.readAllBytes(pdf);
        PdfA.assertPdfA2b(bytes, "audit.pdf");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(barcode).contains("REGISTERED").contains("CAPTURED").contains("Verwahrkette")
                    .doesNotContain("subject:");
            Matcher m = Pattern.compile("#\\d+\\s+sha256").matcher(text);
            int lines = 0;
            while (m.find()) {
                lines++;
            }
            assertThat(lines).as("one entry per event:%n%s", text).isEqualTo(events);
        }
    }

    @Test
    @DisplayName("without a plan, or with an unreadable one, exits 2 with one line")
    void badInput() {
        Cli.Run none = Cli.run("report", "--dir", demo.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip().lines()).hasSize(1).first().asString().contains("no plan");
        Cli.Run bad = Cli.run("report", "--dir", demo.toString(), "--plan-start", "soon", "--plan-end", "2027-01-01",
                "--plan-files", "10");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1).first().asString().contains("plan");
        Cli.Run backwards = Cli.run("report", "--dir", demo.toString(), "--plan-start", "2027-01-01", "--plan-end",
                "2026-01-01", "--plan-files", "10");
        assertThat(backwards.exitCode()).isEqualTo(2);
        Cli.Run box = Cli.run("history", "F-NOPE", "--dir", demo.toString(), "--pdf", tmp.resolve("x.pdf").toString());
        assertThat(box.exitCode()).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("x.pdf"))).isFalse();
    }
}
