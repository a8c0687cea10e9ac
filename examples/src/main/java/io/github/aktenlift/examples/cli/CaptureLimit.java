package io.github.aktenlift.examples.cli;

import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.delivery.DeliveryCheck;
import io.github.aktenlift.delivery.DeliveryCheckReport;
import io.github.aktenlift.testkit.InMemoryStorage;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * The measurements of {@code bench}, each over the same generated delivery: the read + SHA-256
 * floor on one thread and on as many threads as capture uses, PDFBox 3 passthrough on those
 * threads (the in-JVM peer: {@code JPEGFactory.createFromStream} with {@code
 * ImageIO.setUseCache(false)}, {@code CCITTFactory}, one PDF per case file written to a file),
 * {@link Img2Pdf} in as many processes (the out-of-process peer), and
 * capture through the public API into {@code FilesystemStorage} with fsync on and off and into the
 * in-memory store, warm in this JVM and cold in a fresh child JVM. Every capture gets a new store
 * with the case files registered and prepared (not timed).
 */
final class CaptureLimit {

    /** Capture into the filesystem storage with fsync on (the default), the figure the goals are about. */
    static final String FS_FSYNC = "capture → filesystem, fsync on";
    static final String FS_NOSYNC = "capture → filesystem, fsync off";
    static final String MEMORY = "capture → in-memory store";
    static final String COLD = "capture → filesystem, fsync on, cold (child JVM)";
    static final String COLD_CDS = "same, cold, child JVM with the AppCDS archive";
    static final String FLOOR_1 = "floor: read + SHA-256, 1 thread";
    /**
     * The least any durable capture does: read and hash each page, write it into a new file (one
     * per case file), force that file. No checks, no second hash, no rendering, no journal.
     */
    static final String DURABLE = "floor, durable: same + write + fsync";
    static final String PDFBOX = "PDFBox passthrough";
    /** {@link Img2Pdf}, one process per case file, as many at once as capture has threads. */
    static final String IMG2PDF = "img2pdf";
    /**
     * {@link DeliveryCheck}: every page rendered on its own into nothing, with the renderer's
     * source SHA-256 and walk over the compressed data, the checks the delivery format promises.
     * Capture does all of it, and then stores.
     */
    static final String RENDER_1 = "render into nothing (delivery check), 1 thread";

    private static final int BUFFER = 256 * 1024;

    private final Path corpus;
    private final Path scratch;
    private final Clock clock;
    private final IdSource ids;
    private final int caseFiles;
    private final int threads;
    private final List<List<Path>> pagesByCaseFile;
    final long bytes;
    final int pages;

    CaptureLimit(Path corpus, Path scratch, Clock clock, IdSource ids, int caseFiles) throws IOException {
        this.corpus = corpus;
        this.scratch = scratch;
        this.clock = clock;
        this.ids = ids;
        this.caseFiles = caseFiles;
        // the builder's default capture parallelism, which the capture runs here use
        this.threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> s = Files.walk(corpus)) {
            s.filter(CaptureLimit::isPage).sorted()
                    .forEach(p -> byFolder.computeIfAbsent(caseFileFolder(corpus, p), k -> new ArrayList<>()).add(p));
        }
        this.pagesByCaseFile = List.copyOf(byFolder.values());
        long b = 0;
        int n = 0;
        for (List<Path> l : pagesByCaseFile) {
            for (Path p : l) {
                b += Files.size(p);
                n++;
            }
        }
        this.bytes = b;
        this.pages = n;
    }

    int threads() {
        return threads;
    }

    int pagesByCaseFileCount() {
        return pagesByCaseFile.size();
    }

    private static boolean isPage(Path p) {
        String s = p.toString();
        return s.endsWith(".jpg") || s.endsWith(".tif");
    }

    private static Path caseFileFolder(Path corpus, Path page) {
        Path rel = corpus.relativize(page);
        return rel.getNameCount() > 1 ? rel.getName(0) : rel;
    }

    /** Seconds for reading and hashing every page file, spread over {@code n} threads by case file. */
    double floor(int n) throws IOException {
        return parallel(n, files -> readAndHash(files, null));
    }

    /**
     * Seconds for {@link #DURABLE} on {@code n} threads: every page read and hashed as by {@link
     * #floor}, and written into a new file per case file, which is forced before the next begins.
     * The files are removed afterwards (not timed).
     */
    double durableFloor(int n) throws IOException {
        Path out = Files.createDirectories(scratch.resolve("durable"));
        AtomicInteger next = new AtomicInteger();
        try {
            return parallel(n, files -> {
                try (FileChannel copy = FileChannel.open(out.resolve(next.incrementAndGet() + ".bin"),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    readAndHash(files, copy);
                    copy.force(true);
                }
            });
        } finally {
            Workspace.deleteTree(out);
        }
    }

    /**
     * The floor's work on one case file: each page read through a {@code FileChannel} and hashed
     * with SHA-256 on its own; with {@code copy}, every buffer also written there as it is read.
     */
    private static void readAndHash(List<Path> files, FileChannel copy) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        MessageDigest md = sha256();
        for (Path p : files) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                buffer.clear();
                while (ch.read(buffer) >= 0) {
                    buffer.flip();
                    md.update(buffer.array(), 0, buffer.limit());
                    while (copy != null && buffer.hasRemaining()) {
                        copy.write(buffer);
                    }
                    buffer.clear();
                }
            }
            md.digest();
        }
    }

    /**
     * Seconds for the delivery check over the whole delivery on one thread: what capture's checks
     * cost without storage, protocol and journal. Divided by capture's threads it bounds, from
     * above, what capture on those threads can reach while it makes the checks.
     *
     * @throws IllegalStateException if the check finds a problem (the figure would mean nothing)
     */
    double renderOnly() {
        long start = System.nanoTime();
        DeliveryCheckReport report = DeliveryCheck.withDefaults().check(corpus);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!report.clean() || report.pages() != pages) {
            throw new IllegalStateException("the delivery check of the benchmark's pages found problems or missed pages: "
                    + report.findings().size() + " findings, " + report.pages() + " of " + pages + " pages");
        }
        return seconds;
    }

    /** Seconds for PDFBox to put every page, as it is, into one PDF per case file, on {@code n} threads. */
    double pdfbox(int n) throws IOException {
        ImageIO.setUseCache(false); // the notes' setting: ImageIO's file cache took most of the time
        Path out = Files.createDirectories(scratch.resolve("pdfbox"));
        AtomicInteger next = new AtomicInteger();
        try {
            return parallel(n, files -> {
                try (PDDocument doc = new PDDocument()) {
                    for (Path p : files) {
                        PDImageXObject image;
                        if (p.toString().endsWith(".jpg")) {
                            try (InputStream in = Files.newInputStream(p)) {
                                image = JPEGFactory.createFromStream(doc, in);
                            }
                        } else {
                            image = CCITTFactory.createFromFile(doc, p.toFile());
                        }
                        float w = image.getWidth() * 72f / 300;
                        float h = image.getHeight() * 72f / 300;
                        PDPage page = new PDPage(new PDRectangle(w, h));
                        doc.addPage(page);
                        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                            cs.drawImage(image, 0, 0, w, h);
                        }
                    }
                    doc.save(out.resolve(next.incrementAndGet() + ".pdf").toFile());
                }
            });
        } finally {
            Workspace.deleteTree(out);
        }
    }

    /**
     * Seconds for {@code tool} to put every page, as it is, into one PDF per case file, one process
     * per case file and {@code n} at a time (a new process takes the next case file as one ends).
     */
    double img2pdf(Img2Pdf tool, int n) throws IOException {
        Path out = Files.createDirectories(scratch.resolve("img2pdf"));
        AtomicInteger next = new AtomicInteger();
        try {
            return parallel(n, files -> tool.convert(files, out.resolve(next.incrementAndGet() + ".pdf")));
        } finally {
            Workspace.deleteTree(out);
        }
    }

    /**
     * What a capture run gives: its seconds, the peak heap sampled during it, the CPU seconds the
     * whole process spent meanwhile (every thread: capture, render, store, JIT, GC; NaN where the JVM
     * does not tell) and the seconds the JIT compilers spent (NaN where the JVM does not tell).
     */
    record Capture(double seconds, long peakHeap, double cpuSeconds, double compileSeconds) {
    }

    /**
     * Why the in-memory store cannot take this delivery's renditions in this JVM's heap, or null
     * if it can: it keeps every rendition on the heap (about the pages' bytes, JPEG and G4 being
     * passed through), and the rest of capture needs room beside them.
     */
    String memoryStoreMissing() {
        long needed = bytes + bytes / 4 + (256L << 20);
        long max = Runtime.getRuntime().maxMemory();
        return max >= needed ? null : String.format(Locale.ROOT, "left out: it keeps the renditions of %,d MB on the"
                + " heap and needs about %,d MiB, this JVM has %,d MiB (java -Xmx…, or fewer --pages)", bytes / 1_000_000,
                needed >> 20, max >> 20);
    }

    /**
     * Captures the delivery into a new store: {@code "fs-fsync"}, {@code "fs-nosync"} or {@code
     * "memory"}. Registration and preparation of the case files are not timed.
     */
    Capture capture(String store) throws IOException {
        Path dir = scratch.resolve("ws-" + store);
        Workspace.deleteTree(dir);
        try {
            return switch (store) {
                case "fs-fsync", "fs-nosync" -> {
                    try (Workspace w = Workspace.create(dir, clock, ids, store.equals("fs-fsync"))) {
                        yield timed(w.lift());
                    }
                }
                case "memory" -> {
                    try (Aktenlift lift = Aktenlift.builder().storage(new InMemoryStorage()).clock(clock).ids(ids)
                            .build()) {
                        yield timed(lift);
                    }
                }
                default -> throw new IllegalArgumentException("no such store: " + store);
            };
        } finally {
            Workspace.deleteTree(dir);
        }
    }

    private Capture timed(Aktenlift lift) throws IOException {
        List<Barcode> barcodes = lift.inventory().issueCaseFileBarcodes(Actor.of("bench", "office"), caseFiles);
        Logistics.registerAndPrepare(lift, clock, barcodes);
        HeapSampler heap = new HeapSampler();
        long cpu0 = processCpuNanos();
        long jit0 = compileMillis();
        long t0 = System.nanoTime();
        IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), corpus);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu1 = processCpuNanos();
        long jit1 = compileMillis();
        long peak = heap.stop();
        if (!report.rejected().isEmpty() || report.captured().size() != caseFiles) {
            throw new IllegalStateException("the generated delivery was not captured whole: " + report.problems());
        }
        return new Capture(seconds, peak, cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9,
                jit0 < 0 || jit1 < 0 ? Double.NaN : (jit1 - jit0) / 1e3);
    }

    /** CPU time of the whole process so far, in nanoseconds, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** Time the JIT compilers have spent so far, in milliseconds, or -1 where the JVM does not tell. */
    static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * The first capture in a fresh JVM: this program again, in a child JVM, with {@code bench
     * --child-capture}; the child prints its seconds on a line of its own.
     *
     * @param jvmOptions options for the child JVM, such as {@code -XX:SharedArchiveFile=…}
     */
    double cold(List<String> jvmOptions) throws IOException {
        Path dir = scratch.resolve("ws-cold");
        Workspace.deleteTree(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("bench", "--child-capture", dir.toString(), "--corpus", corpus.toString(),
                "--case-files", Integer.toString(caseFiles), "--quiet"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Double seconds = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith(CHILD_PREFIX)) {
                    seconds = Double.parseDouble(line.substring(CHILD_PREFIX.length()).trim());
                }
            }
        }
        try {
            int exit = p.waitFor();
            if (exit != 0 || seconds == null) {
                throw new IOException("the child JVM's capture failed (exit " + exit + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the child JVM", e);
        } finally {
            Workspace.deleteTree(dir);
        }
        return seconds;
    }

    /** How the child reports its figure. */
    static final String CHILD_PREFIX = "child capture seconds: ";

    /** The child's side of {@link #cold}: one capture into a new workspace with fsync on. */
    static void child(Path workspace, Path corpus, int caseFiles, Clock clock, IdSource ids, OutputStream out)
            throws IOException {
        try (Workspace w = Workspace.create(workspace, clock, ids, true)) {
            Aktenlift lift = w.lift();
            List<Barcode> barcodes = lift.inventory().issueCaseFileBarcodes(Actor.of("bench", "office"), caseFiles);
            Logistics.registerAndPrepare(lift, clock, barcodes);
            long t0 = System.nanoTime();
            IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), corpus);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!report.rejected().isEmpty() || report.captured().size() != caseFiles) {
                throw new IllegalStateException("the delivery was not captured whole: " + report.problems());
            }
            out.write((CHILD_PREFIX + seconds + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @FunctionalInterface
    private interface CaseFileWork {
        void run(List<Path> pages) throws IOException;
    }

    /** Runs {@code work} over the case files, {@code n} threads taking the next one as they finish. */
    private double parallel(int n, CaseFileWork work) throws IOException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < pagesByCaseFile.size(); ) {
                        try {
                            work.run(pagesByCaseFile.get(i));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause(); // the work's own failure, as it was thrown
            }
            throw new IOException("a benchmark thread failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The 1-minute load average, or -1 where the system does not tell. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Samples used heap every millisecond until stopped. */
    static final class HeapSampler {
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
