package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench}: the capture benchmark. Generates a corpus with the testkit's ScanGenerator, then
 * times the floor — reading and hashing every page file once, one thread — and the capture of the
 * same files (checks, PDF/A renditions, scan protocols, tracking) into the filesystem storage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the capture benchmark in a temporary directory: generates scanned pages, times"
                + " reading and hashing them (the floor) and capturing them into filesystem storage, and prints"
                + " pages/s, MB/s, the ratio of the two and the peak heap.",
            "Case files have 5 documents of up to 10 single-sided sheets; the page count is rounded up to fill"
                + " them evenly."})
final class BenchCommand implements Callable<Integer> {

    private static final int DOCUMENTS = 5;
    private static final int MAX_SHEETS = 10;

    private final Environment env;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "1000",
            description = "pages to generate and capture, 1 to 100000 (default: ${DEFAULT-VALUE})")
    private int pages;

    @Option(names = "--format", paramLabel = "jpeg|g4", defaultValue = "jpeg",
            description = "page format: grayscale JPEG or bitonal G4 TIFF (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--dpi", paramLabel = "DPI", defaultValue = "300",
            description = "resolution of the A4 pages, 200 to 600 (default: ${DEFAULT-VALUE})")
    private int dpi;

    @Option(names = "--keep", description = "keep the temporary directory (corpus and storage) afterwards")
    private boolean keep;

    @Mixin
    private Options.Output output;

    BenchCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        DeliverySpec.Formats formats = switch (format.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> DeliverySpec.Formats.JPEG;
            case "g4", "tiff" -> DeliverySpec.Formats.G4;
            default -> throw new UserException("--format must be jpeg or g4, not '" + format + "'");
        };
        if (pages < 1 || pages > 100_000) {
            throw new UserException("--pages must be 1 to 100000, not " + pages);
        }
        if (dpi < 200 || dpi > 600) {
            throw new UserException("--dpi must be 200 to 600 (the capture policy's minimum is 200), not " + dpi);
        }
        int perFile = DOCUMENTS * MAX_SHEETS;
        int files = (pages + perFile - 1) / perFile;
        int sheets = (pages + files * DOCUMENTS - 1) / (files * DOCUMENTS);
        Progress progress = output.progress(env);
        Path tmp = Files.createTempDirectory("aktenlift-bench-");
        try {
            Result r = run(tmp, formats, files, sheets, progress);
            if (output.json) {
                Json.print(env.out(), r.toJson());
            } else {
                r.print(env.out());
            }
            return ExitCodes.OK;
        } finally {
            if (keep) {
                env.err().println("kept " + tmp);
            } else {
                Workspace.deleteTree(tmp);
            }
        }
    }

    private Result run(Path tmp, DeliverySpec.Formats formats, int files, int sheets, Progress progress)
            throws IOException {
        Path corpus = tmp.resolve("delivery");
        try (Workspace w = Workspace.create(tmp.resolve("workspace"), env.clock(), env.ids(), true)) {
            Aktenlift lift = w.lift();
            Actor clerk = Actor.of("bench", "office");
            List<Barcode> barcodes = lift.inventory().issueCaseFileBarcodes(clerk, files);
            Logistics.registerAndPrepare(lift, env.clock(), barcodes);

            int expected = files * DOCUMENTS * sheets;
            Delivery delivery;
            try (Progress.Task task = progress.start("generate", expected, "pages")) {
                task.poll(() -> Ingests.pageFilesIn(corpus));
                delivery = ScanGenerator.writeDelivery(corpus, DeliverySpec.builder().deliveryId("BENCH-1")
                        .barcodes(barcodes.stream().map(Barcode::value).toList()).geometry(PageGeometry.a4(dpi))
                        .formats(formats).documentsPerFile(DOCUMENTS, DOCUMENTS).sheetsPerDocument(sheets, sheets)
                        .duplex(false).seed(7).clock(env.clock()).build());
                task.update(delivery.pages());
                task.done();
            }
            List<Path> pageFiles;
            try (Stream<Path> s = Files.walk(corpus)) {
                pageFiles = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".tif")).sorted()
                        .toList();
            }
            long bytes = 0;
            for (Path p : pageFiles) {
                bytes += Files.size(p);
            }

            long floorNanos;
            try (Progress.Task task = progress.start("floor: read and SHA-256", pageFiles.size(), "pages")) {
                long f0 = System.nanoTime();
                for (Path p : pageFiles) {
                    sha256(p);
                    task.advance(1);
                }
                floorNanos = System.nanoTime() - f0;
                task.done();
            }

            System.gc();
            HeapSampler heap = new HeapSampler();
            long c0 = System.nanoTime();
            IngestReport report = Ingests.ingest(lift, Actor.of("scan", "scan-center"), corpus, progress);
            long captureNanos = System.nanoTime() - c0;
            long peak = heap.stop();
            if (!report.rejected().isEmpty()) {
                throw new IllegalStateException("the generated corpus was rejected: " + report.problems());
            }
            return new Result(formats, dpi, pageFiles.size(), bytes, floorNanos, captureNanos, peak,
                    Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        }
    }

    private static void sha256(Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        md.digest();
    }

    /** The figures of one run. */
    private record Result(DeliverySpec.Formats formats, int dpi, int pages, long bytes, long floorNanos,
            long captureNanos, long peakHeap, long maxHeap, int processors) {

        double capturePagesPerSecond() {
            return pages / (captureNanos / 1e9);
        }

        double floorPagesPerSecond() {
            return pages / (floorNanos / 1e9);
        }

        /** How many times the floor's time capture takes. */
        double ratio() {
            return (double) captureNanos / floorNanos;
        }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "capture benchmark: %d %s pages, A4 at %d dpi, %.1f MB, %d processors, max heap %d MiB%n",
                    pages, formats, dpi, bytes / 1e6, processors, maxHeap >> 20);
            out.printf(Locale.ROOT, "  %-34s %10.1f pages/s %10.1f MB/s%n", "floor (read + SHA-256, 1 thread)",
                    floorPagesPerSecond(), bytes / 1e6 / (floorNanos / 1e9));
            out.printf(Locale.ROOT, "  %-34s %10.1f pages/s %10.1f MB/s%n", "capture (filesystem storage)",
                    capturePagesPerSecond(), bytes / 1e6 / (captureNanos / 1e9));
            out.printf(Locale.ROOT, "  %-34s %10.1f x the floor's time%n", "capture takes", ratio());
            out.printf(Locale.ROOT, "  %-34s %10d MiB (sampled every ms, garbage included)%n", "peak heap during capture",
                    peakHeap >> 20);
        }

        ObjectNode toJson() {
            ObjectNode root = Json.object();
            root.put("format", formats.name()).put("dpi", dpi).put("pages", pages).put("bytes", bytes)
                    .put("processors", processors).put("maxHeapBytes", maxHeap);
            root.putObject("floor").put("seconds", floorNanos / 1e9).put("pagesPerSecond", floorPagesPerSecond())
                    .put("megabytesPerSecond", bytes / 1e6 / (floorNanos / 1e9));
            root.putObject("capture").put("seconds", captureNanos / 1e9).put("pagesPerSecond", capturePagesPerSecond())
                    .put("megabytesPerSecond", bytes / 1e6 / (captureNanos / 1e9));
            root.put("captureToFloorTimeRatio", ratio());
            root.put("peakHeapBytes", peakHeap);
            return root;
        }
    }

    /** Samples used heap every millisecond until stopped. */
    private static final class HeapSampler {
        private volatile boolean running = true;
        private volatile long peak;
        private final Thread thread = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "aktenlift-heap-sampler");

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak;
        }
    }
}
