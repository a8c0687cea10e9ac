package io.github.aktenlift;

import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.metrics.Health;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer is an optional dependency: an integrator who leaves it out still gets a working
 * Aktenlift, its statistics and its health. Shown in a child JVM whose class path is this test's
 * without the Micrometer jars; the child proves they are absent, ingests a delivery, and reports.
 */
@DisplayName("Aktenlift without Micrometer on the class path")
class WithoutMicrometerTest {

    @TempDir
    Path tmp;

    @Test
    @DisplayName("registers, ingests and reports its statistics and health in a JVM that cannot load Micrometer")
    void runsWithoutMicrometer() throws IOException, InterruptedException {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> without = entries.stream().filter(e -> !e.contains("micrometer")).toList();
        assertThat(without).as("the class path had Micrometer to leave out").hasSizeLessThan(entries.size());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, without), Child.class.getName(), tmp.toString()));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();

        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr:%n%s", Files.readString(err, StandardCharsets.UTF_8)).isZero();
        assertThat(stdout).contains("micrometer absent: java.lang.ClassNotFoundException")
                .contains("captured 2 case files").contains("health UP").containsPattern("[1-9][0-9]* PDFs valid PDF/A-2b");
        String pages = stdout.lines().filter(l -> l.startsWith("pages ")).collect(Collectors.joining());
        assertThat(pages).matches("pages ([1-9][0-9]*) = statistics \\1");
    }

    /** The child: no Micrometer, a small ingest, its figures on standard output. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            try {
                Class.forName("io.micrometer.core.instrument.MeterRegistry");
                System.out.println("micrometer present");
                System.exit(3);
            } catch (ClassNotFoundException e) {
                System.out.println("micrometer absent: " + e.getClass().getName());
            }
            try (ImportDesk d = new ImportDesk(Path.of(args[0]))) {
                Barcode a = d.bulk();
                Barcode b = d.bulk();
                d.prepare(List.of(a, b));
                IngestReport r = d.lift.capture().ingest(d.scanner, d.delivery("D-plain", List.of(a, b)).directory());
                System.out.println("captured " + r.captured().size() + " case files");
                // every PDF the child produced, judged by veraPDF (which needs no Micrometer either)
                int pdfs = 0;
                for (io.github.aktenlift.capture.CaseFileOutcome.Captured c : r.captured()) {
                    List<io.github.aktenlift.spi.storage.Key> keys = new ArrayList<>();
                    c.renditions().forEach(x -> keys.add(x.key()));
                    keys.add(c.protocolPdf());
                    for (io.github.aktenlift.spi.storage.Key k : keys) {
                        try (java.io.InputStream in = d.storage.content().get(k)) {
                            io.github.aktenlift.pdfa.PdfAssertions.assertPdfA2b(in.readAllBytes());
                        }
                        pdfs++;
                    }
                }
                System.out.println(pdfs + " PDFs valid PDF/A-2b");
                System.out.println("pages " + r.pages() + " = statistics " + d.lift.statistics().capturedPages());
                Health h = d.lift.health();
                System.out.println("health " + h.status());
            }
            System.exit(0);
        }
    }
}
