package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("aktenlift ingest of hostile or repeated deliveries")
class IngestHostileTest {

    @TempDir
    Path tmp;

    private Path workspace;
    private List<Barcode> files;

    /** A workspace with three case files prepared for scanning. */
    @BeforeEach
    void prepare() {
        workspace = tmp.resolve("w");
        files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 3);
    }

    private Delivery delivery(String id) throws IOException {
        return ScanGenerator.writeDelivery(tmp.resolve(id), DeliverySpec.builder().deliveryId(id)
                .geometry(PageGeometry.a4(200)).seed(3).barcodes(files.stream().map(Barcode::value).toList())
                .documentsPerFile(1, 1).sheetsPerDocument(2, 2).formats(DeliverySpec.Formats.JPEG).duplex(false).build());
    }

    private JsonNode pages(Delivery d, int caseFile) throws IOException {
        return Json.MAPPER.readTree(d.index().toFile()).get("caseFiles").get(caseFile).get("documents").get(0).get("pages");
    }

    /** @return the text of every notification in the workspace's outbox */
    private String outbox() throws IOException {
        Path outbox = workspace.resolve(Workspace.OUTBOX);
        if (!Files.isDirectory(outbox)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(outbox)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(p)).append('\n');
            }
        }
        return all.toString();
    }

    private void assertDeepClean() {
        Cli.Run verify = Cli.run("verify", "--deep", "--dir", workspace.toString());
        assertThat(verify.exitCode()).as("%s", verify).isZero();
    }

    @Test
    @DisplayName("a repeated delivery: already captured, exit 0, no QA failure notified, nothing changed")
    void repeated() throws IOException {
        Delivery d = delivery("D-R");
        Cli.Run first = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--no-import");
        assertThat(first.exitCode()).as("%s", first).isZero();
        String before = outbox();

        Cli.Run again = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--no-import");

        assertThat(again.exitCode()).as("%s", again).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("3 already captured", "0 rejected");
        for (Barcode f : files) {
            assertThat(again.out()).contains(f.value() + " already captured by this delivery");
        }
        assertThat(outbox()).isEqualTo(before).doesNotContain("QA_FAILED");
        assertDeepClean();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("two ingests of one delivery at the same time, each its own instance on the workspace: every case file captured once")
    void racing() throws Exception {
        Delivery d = delivery("D-RACE");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Cli.Run> runs = new ArrayList<>();
        try {
            List<Future<Cli.Run>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--no-import",
                            "--json");
                }));
            }
            start.countDown();
            for (Future<Cli.Run> f : futures) {
                runs.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> captured = new ArrayList<>();
        for (Cli.Run run : runs) {
            assertThat(run.exitCode()).as("%s", run).isIn(ExitCodes.OK, ExitCodes.REJECTED);
            JsonNode report = run.json();
            report.get("captured").forEach(c -> captured.add(c.get("barcode").asText()));
            report.get("rejected").forEach(r -> r.get("problems").forEach(p ->
                    assertThat(p.get("kind").asText()).as("%s", run).isEqualTo("CAPTURE_CONFLICT")));
        }
        assertThat(captured).as("%s", runs).containsExactlyInAnyOrderElementsOf(files.stream().map(Barcode::value).toList());
        assertThat(outbox()).doesNotContain("QA_FAILED");
        assertDeepClean();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("a directory or a FIFO given as a page is reported as what it is, not as leading outside; a FIFO does not hang")
    void directoryAndFifo() throws Exception {
        Delivery d = delivery("D-S");
        Path dirPage = d.directory().resolve(pages(d, 0).get(1).get("file").asText());
        Files.delete(dirPage);
        Files.createDirectory(dirPage);
        Path fifoPage = d.directory().resolve(pages(d, 1).get(1).get("file").asText());
        Files.delete(fifoPage);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifoPage.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0, "mkfifo is not available");

        Cli.Run run = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--no-import");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains("1 captured", "2 rejected", "NOT_A_FILE", "is a directory",
                "is not a regular file (a FIFO").doesNotContain("leads outside");
        assertDeepClean();
    }

    @Test
    @DisplayName("a JPEG without a resolution is named by page as its own problem, in words")
    void jpegWithoutResolution() throws Exception {
        Delivery d = delivery("D-N");
        JsonNode page = pages(d, 2).get(0);
        Path file = d.directory().resolve(page.get("file").asText());
        byte[] bytes = Files.readAllBytes(file);
        bytes[13] = 0; // JFIF density units: none
        Files.write(file, bytes);

        Cli.Run run = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--no-import");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains("NO_RESOLUTION", "page " + page.get("file").asText() + ": ")
                .doesNotContain("RENDITION_FAILED").doesNotContainPattern("[A-Z][a-zA-Z]+(Exception|Error)");
    }
}
