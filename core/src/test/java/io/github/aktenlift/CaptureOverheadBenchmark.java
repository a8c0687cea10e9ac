package io.github.aktenlift;

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
 * Prints µs per case file and per page (median of seven passes after two seconds of warm-up per
 * stage). Tag {@code benchmark}: not part of the default run.
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
            JsonNode protocol = new ObjectMapper().readTree(protocolBytes);
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

            Map<String, Stage> stages = new LinkedHashMap<>();
            stages.put("scan protocol PDF", () -> ScanProtocolPdf.write(protocol, Office.START,
                    OutputStream.nullOutputStream()));
            stages.put("validate the case file's index entry", () -> {
                for (CaseFileEntry e : index.caseFiles()) {
                    validator.check("CaseFileEntry", e);
                }
            });
            stages.put("render 5 documents of 10 G4 pages", () -> {
                for (RenditionRequest r : documents) {
                    renderer.render(r, OutputStream.nullOutputStream(), false);
                }
            });
            Map<String, Integer> casesPerRun = Map.of("scan protocol PDF", 1,
                    "validate the case file's index entry", CASE_FILES, "render 5 documents of 10 G4 pages", 1);
            for (Map.Entry<String, Stage> e : stages.entrySet()) {
                long until = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < until) {
                    e.getValue().run();
                }
                double[] us = new double[7];
                for (int pass = 0; pass < us.length; pass++) {
                    int runs = 0;
                    long t0 = System.nanoTime();
                    long end = t0 + 200_000_000L;
                    long t;
                    do {
                        e.getValue().run();
                        runs++;
                        t = System.nanoTime();
                    } while (t < end);
                    us[pass] = (t - t0) / 1e3 / runs / casesPerRun.get(e.getKey());
                }
                Arrays.sort(us);
                System.out.printf("BENCH overhead, one thread: %-40s %8.0f µs per case file, %6.1f µs/page (%.1f–%.1f)%n",
                        e.getKey(), us[3], us[3] / pagesPerCaseFile, us[0] / pagesPerCaseFile, us[6] / pagesPerCaseFile);
            }
            validator.close();
        }
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }
}
