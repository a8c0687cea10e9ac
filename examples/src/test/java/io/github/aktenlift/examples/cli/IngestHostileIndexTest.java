package io.github.aktenlift.examples.cli;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.LargePng;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code aktenlift ingest} on an index that is not a plain file of bounded size, or on pages that
 * are small on disk and huge decoded, run as its own process with the heap the CLI is documented to
 * need ({@code -Xmx256m}): it must neither hang nor run out of memory, and it must say in one line
 * what is wrong.
 */
@DisplayName("aktenlift ingest, under -Xmx256m, of a hostile index")
class IngestHostileIndexTest {

    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path tmp;

    private Path workspace;
    private List<Barcode> files;

    @BeforeEach
    void prepare() {
        workspace = tmp.resolve("w");
        files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 2);
    }

    /** What the child process left behind. */
    /** Runs {@code ingest DELIVERY --dir WS --no-import --quiet} in a JVM of its own, killed after a timeout. */
    private Cli.Run ingest(Path delivery) {
        return Cli.inChildJvm(tmp, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Duration.ofSeconds(TIMEOUT_SECONDS), "ingest", delivery.toString(), "--dir", workspace.toString(),
                "--no-import", "--quiet");
    }

    /** Exit 2, nothing on stdout, and one line on stderr that names the index: no stack trace, no class name. */
    private static void oneClearLine(Cli.Run r, String says) {
        assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).as("%s", r).isEmpty();
        assertThat(r.err().strip().lines()).as("%s", r).singleElement().satisfies(line -> assertThat(line)
                .startsWith("aktenlift ingest: delivery index.json: ").contains(says)
                .doesNotContain("Exception", "Error", "java."));
    }

    @Test
    @DisplayName("a FIFO as index.json: exit 2 and one line at once, no hang")
    void fifo() throws Exception {
        Path delivery = Files.createDirectories(tmp.resolve("d-fifo"));
        Process mk = new ProcessBuilder("mkfifo", delivery.resolve("index.json").toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is available");
        oneClearLine(ingest(delivery), "FIFO");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/dev/zero", "/dev/urandom"})
    @DisplayName("index.json linked to an endless device: exit 2 and one line, no OutOfMemoryError")
    void device(String device) throws Exception {
        assumeTrue(Files.exists(Path.of(device)), device + " exists");
        Path delivery = Files.createDirectories(tmp.resolve("d-dev"));
        Files.createSymbolicLink(delivery.resolve("index.json"), Path.of(device));
        oneClearLine(ingest(delivery), "link");
    }

    @Test
    @DisplayName("a sparse 3 GB index.json: exit 2 and one line, no OutOfMemoryError")
    void sparse() throws Exception {
        Path delivery = Files.createDirectories(tmp.resolve("d-sparse"));
        try (RandomAccessFile f = new RandomAccessFile(delivery.resolve("index.json").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        oneClearLine(ingest(delivery), "larger than 64 MiB");
    }

    @Test
    @DisplayName("an index of 300,000 pages: the case file is rejected for the policy's page limit, exit 1, no OutOfMemoryError")
    void threeHundredThousandPages() throws Exception {
        Path delivery = Files.createDirectories(tmp.resolve("d-300k"));
        String bc = files.get(0).value();
        try (Writer w = Files.newBufferedWriter(delivery.resolve("index.json"), StandardCharsets.UTF_8)) {
            w.write("{\"format\":\"aktenlift-delivery/1\",\"deliveryId\":\"D-300K\",\"scanService\":\"s-1\","
                    + "\"createdAt\":\"2026-11-24T10:00:00Z\",\"caseFiles\":[{\"barcode\":\"" + bc + "\","
                    + "\"sheets\":100000,\"operator\":\"op-1\",\"scannedAt\":\"2026-11-24T09:00:00Z\","
                    + "\"scanner\":{\"model\":\"M\",\"settings\":{\"resolutionDpi\":300,\"colorMode\":\"GRAYSCALE\","
                    + "\"duplex\":true}},\"documents\":[{\"documentId\":\"doc-1\",\"type\":\"LETTER\","
                    + "\"originalToReturn\":false,\"pages\":[");
            String sha = "0".repeat(64);
            for (int i = 0; i < 300_000; i++) {
                w.write((i == 0 ? "" : ",") + "{\"file\":\"" + bc + "/doc-1/p" + i + ".jpg\",\"sha256\":\"" + sha
                        + "\",\"sheet\":" + (i / 3 + 1) + ",\"side\":\"FRONT\",\"blank\":false,\"resolutionDpi\":300,"
                        + "\"colorMode\":\"GRAYSCALE\"}");
            }
            w.write("]}]}]}");
        }
        assertThat(Files.size(delivery.resolve("index.json"))).isBetween(40L << 20, 64L << 20);
        Cli.Run r = ingest(delivery);
        assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.out()).contains("delivery D-300K: 1 case file, 0 captured", bc + " rejected, 1 problem",
                "INVALID_ENTRY", "more than 20000 pages listed, the policy's limit");
        assertThat(r.err()).doesNotContain("Exception", "Error", "\tat ");
    }

    @Test
    @DisplayName("300,000 pages over 15 case files within the limits: read whole in the same heap, each case file judged, exit 1")
    void threeHundredThousandPagesWithinLimits() throws Exception {
        Path delivery = Files.createDirectories(tmp.resolve("d-300k-15"));
        String sha = "0".repeat(64);
        try (Writer w = Files.newBufferedWriter(delivery.resolve("index.json"), StandardCharsets.UTF_8)) {
            w.write("{\"format\":\"aktenlift-delivery/1\",\"deliveryId\":\"D-300K\",\"scanService\":\"s-1\","
                    + "\"createdAt\":\"2026-11-24T10:00:00Z\",\"caseFiles\":[");
            for (int c = 0; c < 15; c++) {
                String bc = String.format("U%06d", c);
                w.write((c == 0 ? "" : ",") + "{\"barcode\":\"" + bc + "\",\"sheets\":100000,\"operator\":\"op-1\","
                        + "\"scannedAt\":\"2026-11-24T09:00:00Z\",\"scanner\":{\"model\":\"M\",\"settings\":"
                        + "{\"resolutionDpi\":300,\"colorMode\":\"GRAYSCALE\",\"duplex\":true}},\"documents\":"
                        + "[{\"documentId\":\"doc-1\",\"type\":\"LETTER\",\"originalToReturn\":false,\"pages\":[");
                for (int i = 0; i < 20_000; i++) {
                    w.write((i == 0 ? "" : ",") + "{\"file\":\"" + bc + "/doc-1/p" + i + ".jpg\",\"sha256\":\"" + sha
                            + "\",\"sheet\":" + (i / 3 + 1) + ",\"side\":\"FRONT\",\"blank\":false,"
                            + "\"resolutionDpi\":300,\"colorMode\":\"GRAYSCALE\"}");
                }
                w.write("]}]}");
            }
            w.write("]}");
        }
        assertThat(Files.size(delivery.resolve("index.json"))).isBetween(40L << 20, 64L << 20);
        Cli.Run r = ingest(delivery);
        assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.out()).contains("delivery D-300K: 15 case files, 0 captured", "U000014 rejected, 1 problem",
                "UNKNOWN_BARCODE");
        assertThat(r.err()).doesNotContain("Exception", "Error", "\tat ");
    }

    @Test
    @DisplayName("three 16-bit RGB PNGs within the pixel limit (192 MB each decoded): each page refused as too large by name, exit 1, no OutOfMemoryError")
    void pngBombs() throws Exception {
        Path delivery = Files.createDirectories(tmp.resolve("d-png"));
        StringBuilder caseFiles = new StringBuilder();
        int[] pagesPerFile = {2, 1};
        for (int c = 0; c < 2; c++) {
            String bc = files.get(c).value();
            StringBuilder pages = new StringBuilder();
            for (int i = 1; i <= pagesPerFile[c]; i++) {
                String name = bc + "/doc-1/p000" + i + ".png";
                Path png = Files.createDirectories(delivery.resolve(bc).resolve("doc-1")).resolve("p000" + i + ".png");
                LargePng.write(png, 4_000, 4_000, LargePng.ColourType.RGB, 16, 300);
                pages.append(i == 1 ? "" : ",").append("{\"file\":\"").append(name).append("\",\"sha256\":\"")
                        .append(sha256(png)).append("\",\"sheet\":").append(i).append(",\"side\":\"FRONT\","
                        + "\"blank\":false,\"resolutionDpi\":300,\"colorMode\":\"COLOR\"}");
            }
            caseFiles.append(c == 0 ? "" : ",").append("{\"barcode\":\"").append(bc).append("\",\"sheets\":")
                    .append(pagesPerFile[c]).append(",\"operator\":\"op-1\",\"scannedAt\":\"2026-11-24T09:00:00Z\","
                    + "\"scanner\":{\"model\":\"M\",\"settings\":{\"resolutionDpi\":300,\"colorMode\":\"COLOR\","
                    + "\"duplex\":false}},\"documents\":[{\"documentId\":\"doc-1\",\"type\":\"LETTER\","
                    + "\"originalToReturn\":false,\"pages\":[").append(pages).append("]}]}");
        }
        Files.writeString(delivery.resolve("index.json"), "{\"format\":\"aktenlift-delivery/1\",\"deliveryId\":\"D-PNG\","
                + "\"scanService\":\"s-1\",\"createdAt\":\"2026-11-24T10:00:00Z\",\"caseFiles\":[" + caseFiles + "]}");

        Cli.Run r = ingest(delivery);

        assertThat(r.exitCode()).as("%s", r).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.out()).contains("delivery D-PNG: 2 case files, 0 captured",
                files.get(0).value() + " rejected", files.get(1).value() + " rejected", "TOO_LARGE",
                files.get(0).value() + "/doc-1/p0001.png", files.get(1).value() + "/doc-1/p0001.png", "decode budget");
        assertThat(r.err()).doesNotContain("Exception", "Error", "\tat ");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
