package io.github.aktenlift;

import io.github.aktenlift.capture.protocol.ProtocolReport;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.lifecycle.CommandValidator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.pdfa.PageSource;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-case-file and per-document costs of capture that are not the image walks or the hashes,
 * each alone on one thread, warm: the scan protocol PDF, Hibernate Validator on a case file's
 * index entry, and the rendition of a document of small G4 pages. The workload is the one of
 * {@code CaptureBenchmark} at a smaller scale: case files of 5 documents of 10 A4 300 dpi sheets.
 * Prints wall-clock time per case file and per page, and the JVM's CPU time per page (all
 * threads: the one at work, JIT, GC), each the median of seven passes of 0.3 s per stage after
 * three seconds of warm-up per stage. The passes interleave the stages, and the scan protocol PDF
 * runs as it was before ({@code PdfBoxReportPdf}) next to how it is now, so that before and
 * after meet the same load on a shared machine. Tag {@code benchmark}: not part of the default run.
 *
 * <p>Run: {@code mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=CaptureOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class CaptureOverheadBenchmark {

    private static final int CASE_FILES = 4;

    @TempDir
    Path tmp;

    @Test
    void perCaseFileCosts() throws Exception {
        Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults()
                .withCapture(CapturePolicy.defaults()));
        try (o) {
            List<Barcode> files = o.registerMany(CASE_FILES);
            Barcode box = o.ship(files);
            o.receive(box, Set.copyOf(files));
            for (Barcode f : files) {
                o.lift.execute(o.scanner, new PrepareCaseFile(f));
            }
            Delivery d = ScanGenerator.writeDelivery(tmp.resolve("delivery"), DeliverySpec.builder().deliveryId("OVERHEAD")
                    .geometry(PageGeometry.A4_300).formats(DeliverySpec.Formats.G4)
                    .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(5, 5)
                    .sheetsPerDocument(10, 10).duplex(false).seed(11).build());
            IngestReport report = o.lift.capture().ingest(o.scanner, d.directory());
            assertThat(report.rejected()).as("%s", report.problems()).isEmpty();
            CaseFileOutcome.Captured first = report.captured().get(0);
            byte[] protocolBytes;
            try (InputStream in = o.storage.content().get(first.protocolJson())) {
                protocolBytes = in.readAllBytes();
            }
            ScanProtocol protocol = ScanProtocolCodec.read(protocolBytes, "protocol");
            int pagesPerCaseFile = first.pages();

            DeliveryIndex index = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(d.index().toFile(), DeliveryIndex.class);
            CommandValidator validator = new CommandValidator(o.clock);

            ImageInspector inspector = new ImageInspector(CapturePolicy.defaults().maxPixels(),
                    CapturePolicy.defaults().maxDimension());
            List<Path> pages;
            try (Stream<Path> s = Files.walk(d.directory())) {
                pages = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
            }
            List<RenditionRequest> documents = new ArrayList<>();
            for (int i = 0; i < pagesPerCaseFile; i += 10) {
                List<PageSource> sources = new ArrayList<>();
                for (int j = i; j < i + 10; j++) {
                    ImageInfo info = inspector.inspect(pages.get(j));
                    sources.add(PageSource.of(pages.get(j), info));
                }
                documents.add(new RenditionRequest("LETTER doc-" + i, "LETTER", null, "AZ-1", "F00000001E",
                        Office.START, sources));
            }
            PdfARenderer renderer = new PdfARenderer();
            java.io.ByteArrayOutputStream one = new java.io.ByteArrayOutputStream();
            ProtocolReport.write(protocol, Office.START, one);
            int nowBytes = one.size();
            System.out.printf("BENCH overhead: the scan protocol PDF of %d pages takes %d bytes%n", pagesPerCaseFile,
                    nowBytes);

            Map<String, Stage> stages = new LinkedHashMap<>();
            String title = ProtocolReport.title(protocol);
            // the label-value sections only: the line-by-line PDFBox drawing knows no tables
            List<io.github.aktenlift.pdfa.ReportPdf.Section> sections = ProtocolReport.sections(protocol);
            io.github.aktenlift.pdfa.PdfBoxReportPdf.render(title, sections, Office.START, one);
            System.out.printf("BENCH overhead: drawn through PDFBox line by line, as before, it takes %d bytes%n",
                    one.size() - nowBytes);
            // before and after in the same JVM, pass by pass, so that the machine's other load affects both alike
            stages.put("scan protocol PDF, before: PDFBox draws, subsets", () -> io.github.aktenlift.pdfa.PdfBoxReportPdf
                    .render(title, sections, Office.START, OutputStream.nullOutputStream()));
            stages.put("scan protocol PDF", () -> ProtocolReport.write(protocol, Office.START,
                    OutputStream.nullOutputStream()));
            stages.put("validate the case file's index entry", () -> {
                for (CaseFileEntry e : index.caseFiles()) {
                    validator.check("CaseFileEntry", e);
                }
            });
            stages.put("a new engine's validator, first case file", () -> {
                CommandValidator fresh = new CommandValidator(o.clock);
                fresh.check("CaseFileEntry", index.caseFiles().get(0));
                fresh.close();
            });
            stages.put("render 5 documents of 10 G4 pages", () -> {
                for (RenditionRequest r : documents) {
                    renderer.render(r, OutputStream.nullOutputStream(), false);
                }
            });
            Map<String, Integer> casesPerRun = Map.of("validate the case file's index entry", CASE_FILES);
            for (Stage stage : stages.values()) {
                long until = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < until) {
                    stage.run();
                }
            }
            // passes interleave the stages, so that a change in the machine's other load touches all of them
            int passes = 7;
            Map<String, double[]> wall = new LinkedHashMap<>();
            Map<String, double[]> cpu = new LinkedHashMap<>();
            for (int pass = 0; pass < passes; pass++) {
                for (Map.Entry<String, Stage> e : stages.entrySet()) {
                    int runs = 0;
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    long end = t0 + 300_000_000L;
                    long t;
                    do {
                        e.getValue().run();
                        runs++;
                        t = System.nanoTime();
                    } while (t < end);
                    int cases = runs * casesPerRun.getOrDefault(e.getKey(), 1);
                    cpu.computeIfAbsent(e.getKey(), k -> new double[passes])[pass] = (cpuNanos() - c0) / 1e3 / cases;
                    wall.computeIfAbsent(e.getKey(), k -> new double[passes])[pass] = (t - t0) / 1e3 / cases;
                }
            }
            for (String stage : stages.keySet()) {
                double[] us = wall.get(stage);
                double[] c = cpu.get(stage);
                Arrays.sort(us);
                Arrays.sort(c);
                // the JVM's CPU time: the thread at work plus JIT and GC
                System.out.printf("BENCH overhead, one thread: %-50s wall %7.0f µs per case file, %6.1f µs/page "
                                + "(%.1f–%.1f); CPU %6.1f µs/page%n", stage, us[passes / 2], us[passes / 2] / pagesPerCaseFile,
                        us[0] / pagesPerCaseFile, us[passes - 1] / pagesPerCaseFile, c[passes / 2] / pagesPerCaseFile);
            }
            validator.close();
        }
    }

    /** CPU time of this JVM, all threads, so far. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }
}
