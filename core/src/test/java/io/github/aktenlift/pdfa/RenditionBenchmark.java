package io.github.aktenlift.pdfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.imaging.ImageProblem;
import io.github.aktenlift.imaging.TiffPage;
import io.github.aktenlift.testkit.PageKind;
import io.github.aktenlift.testkit.ScanGenerator;

/**
 * Throughput of the rendition engine against the floor (reading and hashing the same files), and
 * a 5,000-page file rendered in a child JVM with a 256 MiB heap. Tagged out of the default run:
 *
 * <pre>
 * mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups= \
 *     -Dtest=RenditionBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>The corpus (A4 at 300 dpi, {@code -Drendition.pages=2000} pages per format) is generated once
 * into {@code core/target/rendition-bench} and reused by later runs.
 */
@Tag("benchmark")
class RenditionBenchmark {

    static final int PAGES = Integer.getInteger("rendition.pages", 2000);
    static final int DOCUMENT = 50;
    static final int ROUNDS = Integer.getInteger("rendition.rounds", 5);
    static final int BIG = 5000;
    static final Path CORPUS = Path.of("target", "rendition-bench");
    static final Instant CREATED = Instant.parse("2026-11-25T12:00:00Z");
    static final ImageInspector INSPECTOR = new ImageInspector(200_000_000L, 30_000);

    @Test
    void benchmark() throws Exception {
        System.out.printf("BENCH machine: %d cores, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        List<Path> jpeg = corpus("jpeg", "jpg", PAGES);
        List<Path> g4 = corpus("g4", "tif", PAGES);
        for (List<Path> set : List.of(jpeg, g4)) {
            String name = set.get(0).toString().endsWith(".jpg") ? "JPEG" : "G4";
            long bytes = 0;
            for (Path p : set) {
                bytes += Files.size(p);
            }
            long t0 = System.nanoTime();
            List<PageSource> sources = inspect(set);
            long inspect = System.nanoTime() - t0;
            System.out.printf("BENCH %s: %d pages, %,d bytes (%.0f KiB/page); header inspection %.0f pages/s%n",
                    name, set.size(), bytes, bytes / 1024.0 / set.size(), set.size() / (inspect / 1e9));
            for (int threads : new int[] {1, 2}) {
                long[] floor = new long[ROUNDS];
                long[] own = new long[ROUNDS];
                long[] ownFile = new long[ROUNDS];
                long[] pdfbox = new long[ROUNDS];
                long[] copy = new long[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    floor[r] = time(threads, sources, RenditionBenchmark::floor);
                    copy[r] = time(threads, sources, RenditionBenchmark::copyAndHash);
                    own[r] = time(threads, sources, docs -> ownWriter(docs, false));
                    ownFile[r] = time(threads, sources, docs -> ownWriter(docs, true));
                    pdfbox[r] = time(threads, sources, RenditionBenchmark::pdfboxRawStreams);
                }
                report(name, threads, "floor (read + SHA-256)", set.size(), bytes, floor, floor);
                report(name, threads, "copy + SHA-256 → file (floor with a write)", set.size(), bytes,
                        copy, floor);
                report(name, threads, "own writer → null stream", set.size(), bytes, own, floor);
                report(name, threads, "own writer → file", set.size(), bytes, ownFile, floor);
                report(name, threads, "PDFBox raw COSStreams, temp-file cache → null", set.size(), bytes,
                        pdfbox, floor);
            }
        }
        bigFileInChildJvm(jpeg, g4);
    }

    /**
     * Prints the median throughput and the median of the per-round ratios to the floor: rounds are
     * interleaved, so a ratio within one round is steadier than a ratio of medians on a shared machine.
     */
    static void report(String set, int threads, String what, int pages, long bytes, long[] nanos,
                       long[] floor) {
        double s = median(nanos) / 1e9;
        double[] ratios = new double[nanos.length];
        for (int r = 0; r < nanos.length; r++) {
            ratios[r] = 100.0 * floor[r] / nanos[r];
        }
        Arrays.sort(ratios);
        System.out.printf("BENCH %-4s %d thread(s) %-46s %7.0f pages/s %7.0f MB/s  %5.1f %% of floor"
                        + " (rounds %.0f–%.0f %%)%n", set, threads, what, pages / s, bytes / 1e6 / s,
                ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    interface Job {
        void run(List<PageSource> document) throws Exception;
    }

    /** Runs the job over 50-page documents on {@code threads} threads; returns wall-clock nanos. */
    static long time(int threads, List<PageSource> sources, Job job) throws Exception {
        List<List<PageSource>> documents = new ArrayList<>();
        for (int i = 0; i < sources.size(); i += DOCUMENT) {
            documents.add(sources.subList(i, Math.min(sources.size(), i + DOCUMENT)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (List<PageSource> d : documents) {
                futures.add(pool.submit(() -> {
                    job.run(d);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return System.nanoTime() - t0;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[256 * 1024]);

    /** The floor: read every file and take its SHA-256. */
    static void floor(List<PageSource> document) throws IOException {
        byte[] buffer = BUFFER.get();
        MessageDigest md = PdfOutput.sha256();
        for (PageSource p : document) {
            try (FileChannel ch = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.wrap(buffer);
                int n;
                while ((n = ch.read(b.clear())) > 0) {
                    md.update(buffer, 0, n);
                }
            }
            md.digest();
        }
    }

    /** The floor with a write: each 50-page document's files concatenated into one file, hashed. */
    static void copyAndHash(List<PageSource> document) throws IOException {
        byte[] buffer = BUFFER.get();
        MessageDigest md = PdfOutput.sha256();
        Path out = CORPUS.resolve("copy-" + Thread.currentThread().getId() + ".bin");
        try (OutputStream o = Files.newOutputStream(out)) {
            for (PageSource p : document) {
                try (FileChannel ch = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                    ByteBuffer b = ByteBuffer.wrap(buffer);
                    int n;
                    while ((n = ch.read(b.clear())) > 0) {
                        md.update(buffer, 0, n);
                        o.write(buffer, 0, n);
                    }
                }
                md.digest();
            }
        }
    }

    static final AtomicLong OUT = new AtomicLong();

    static void ownWriter(List<PageSource> document, boolean toFile) throws IOException {
        RenditionRequest request = new RenditionRequest("Benchmark", "LETTER", null, "AZ-1", "AKT-1",
                CREATED, document);
        if (toFile) {
            Path out = CORPUS.resolve("out-" + Thread.currentThread().getId() + ".pdf");
            try (OutputStream o = Files.newOutputStream(out)) {
                OUT.addAndGet(new PdfARenderer().render(request, o).size());
            }
        } else {
            OUT.addAndGet(new PdfARenderer().render(request, OutputStream.nullOutputStream()).size());
        }
    }

    /**
     * Design (a) for comparison: PDFBox with image XObjects over COSStreams filled with the
     * original bytes (no JPEGFactory/CCITTFactory), each source hashed while it is copied, the
     * document on a temp-file-only stream cache. Metadata is left out: it does not change the cost.
     */
    static void pdfboxRawStreams(List<PageSource> document) throws IOException {
        byte[] buffer = BUFFER.get();
        try (PDDocument doc = new PDDocument(MemoryUsageSetting.setupTempFileOnly().streamCache)) {
            for (PageSource p : document) {
                ImageInfo info = p.info();
                MessageDigest md = PdfOutput.sha256();
                COSStream stream = doc.getDocument().createCOSStream();
                int w = info.width();
                int h = info.height();
                stream.setItem(COSName.TYPE, COSName.XOBJECT);
                stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
                stream.setInt(COSName.WIDTH, w);
                stream.setInt(COSName.HEIGHT, h);
                try (OutputStream raw = stream.createRawOutputStream()) {
                    if (info.pages().isEmpty()) {
                        stream.setItem(COSName.FILTER, COSName.DCT_DECODE);
                        stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
                        stream.setInt(COSName.BITS_PER_COMPONENT, 8);
                        try (InputStream in = new DigestInputStream(Files.newInputStream(p.file()), md)) {
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                raw.write(buffer, 0, n);
                            }
                        }
                    } else {
                        TiffPage t = info.pages().get(0);
                        stream.setItem(COSName.FILTER, COSName.CCITTFAX_DECODE);
                        stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
                        stream.setInt(COSName.BITS_PER_COMPONENT, 1);
                        org.apache.pdfbox.cos.COSDictionary parms = new org.apache.pdfbox.cos.COSDictionary();
                        parms.setInt(COSName.K, -1);
                        parms.setInt(COSName.COLUMNS, w);
                        parms.setInt(COSName.ROWS, h);
                        stream.setItem(COSName.DECODE_PARMS, parms);
                        byte[] all = Files.readAllBytes(p.file());
                        md.update(all);
                        raw.write(all, t.stripOffsets().get(0).intValue(), t.stripByteCounts().get(0).intValue());
                    }
                }
                md.digest();
                PDImageXObject image = new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(stream), null);
                float pw = (float) (w / info.pages().stream().findFirst().map(TiffPage::dpiX).orElse(info.dpiX()) * 72);
                float ph = (float) (h / info.pages().stream().findFirst().map(TiffPage::dpiY).orElse(info.dpiY()) * 72);
                PDPage page = new PDPage(new PDRectangle(pw, ph));
                doc.addPage(page);
                try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                    c.drawImage(image, 0, 0, pw, ph);
                }
            }
            doc.save(new BufferedOutputStream(OutputStream.nullOutputStream(), 65536),
                    CompressParameters.NO_COMPRESSION);
        }
    }

    static List<PageSource> inspect(List<Path> files) throws ImageProblem {
        List<PageSource> sources = new ArrayList<>(files.size());
        for (Path f : files) {
            sources.add(PageSource.of(f, INSPECTOR.inspect(f)));
        }
        return sources;
    }

    /** Generates (once) {@code count} A4 300 dpi pages of one format, on all cores. */
    static List<Path> corpus(String format, String extension, int count) throws Exception {
        Path dir = CORPUS.resolve(format);
        Path done = dir.resolve("complete-" + count);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(dir.resolve(String.format("p%05d.%s", i, extension)));
        }
        if (Files.exists(done)) {
            return files;
        }
        Files.createDirectories(dir);
        ScanGenerator generator = ScanGenerator.withSeed(2026);
        PageKind[] kinds = {PageKind.TEXT, PageKind.LETTER, PageKind.TEXT, PageKind.BLANK};
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int page = i;
                futures.add(pool.submit(() -> {
                    if (extension.equals("jpg")) {
                        generator.writeJpeg(files.get(page), page, kinds[page % kinds.length]);
                    } else {
                        generator.writeG4(files.get(page), page, kinds[page % kinds.length]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Files.createFile(done);
        System.out.printf("BENCH generated %d %s pages in %.0f s%n", count, format, (System.nanoTime() - t0) / 1e9);
        return files;
    }

    /** Renders a 5,000-page file (JPEG and G4 pages alternating) in a child JVM with -Xmx256m. */
    static void bigFileInChildJvm(List<Path> jpeg, List<Path> g4) throws Exception {
        Path list = CORPUS.resolve("big-pages.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            List<Path> set = i % 2 == 0 ? jpeg : g4;
            lines.add(set.get((i / 2) % set.size()).toAbsolutePath().toString());
        }
        Files.write(list, lines);
        Path out = CORPUS.resolve("big.pdf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BigFile.class.getName(), list.toString(), out.toString()).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process child = pb.start();
        // relayed line by line: surefire's forked JVM must not have its native stdout written to
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().forEach(System.out::println);
        }
        int exit = child.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BENCH 5,000-page file in a child JVM with -Xmx256m: exit %d, %.1f s wall (JVM start included)%n",
                exit, s);
        assertThat(exit).isZero();
        Files.deleteIfExists(out);
    }

    /** The child JVM's entry point: renders the listed pages into one PDF. */
    static final class BigFile {
        public static void main(String[] args) throws Exception {
            List<Path> files = Files.readAllLines(Path.of(args[0])).stream().map(Path::of).toList();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                Runtime rt = Runtime.getRuntime();
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            List<PageSource> pages = inspect(files);
            long t1 = System.nanoTime();
            io.github.aktenlift.rendition.RenditionResult result;
            try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
                result = new PdfARenderer().render(new RenditionRequest("Großakte", "CASE_FILE", null,
                        "AZ-5000", "AKT-5000", CREATED, pages), out);
            }
            long t2 = System.nanoTime();
            System.out.printf("BENCH child: %d pages, %,d bytes PDF, inspect %.1f s, render %.1f s "
                            + "(%.0f pages/s, %.0f MB/s), peak used heap %d MiB of max %d MiB%n",
                    result.pages().size(), result.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    result.pages().size() / ((t2 - t1) / 1e9), result.size() / 1e6 / ((t2 - t1) / 1e9),
                    peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
