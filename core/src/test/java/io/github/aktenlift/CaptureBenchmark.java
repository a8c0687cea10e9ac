package io.github.aktenlift;

import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.IngestReport;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.ProtectionProfile;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentStore;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.spi.storage.StorageCapability;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InMemoryStorage;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture end to end (ingest: checks, hashing, PDF/A rendition, protocol, tracking) on ≥ 2,000
 * generated A4 300 dpi pages, JPEG and G4 separately, against the floor of reading and hashing the
 * same files in the same run. Renditions go to a content store that hashes and discards what it is
 * given, as a real store would hash it, so that the heap figure is capture's and not the test
 * store's. Pages are generated once into {@code target/capture-bench} and reused.
 *
 * <p>Run: {@code mvn -B -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=CaptureBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class CaptureBenchmark {

    private static final Path CORPUS = Path.of("target", "capture-bench");
    private static final int CASE_FILES = 40;
    private static final int SHEETS_PER_DOCUMENT = 10;

    @Test
    void ingestJpegAndG4() throws Exception {
        for (DeliverySpec.Formats formats : List.of(DeliverySpec.Formats.JPEG, DeliverySpec.Formats.G4)) {
            for (int round = 1; round <= 3; round++) {
                run(formats, round);
            }
        }
    }

    private void run(DeliverySpec.Formats formats, int round) throws Exception {
        Path dir = CORPUS.resolve(formats.name().toLowerCase());
        List<String> barcodes = new ArrayList<>();
        try (Office o = new Office(new InMemoryStorage(), new MutableClock(Office.START), Policies.defaults()
                .withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(0, false, false)))) {
            for (int i = 1; i <= CASE_FILES; i++) {
                barcodes.add(o.lift.policies().caseFileBarcodes().generate(i).value());
            }
        }
        if (!Files.exists(dir.resolve("index.json"))) {
            long t0 = System.nanoTime();
            Delivery d = ScanGenerator.writeDelivery(dir, DeliverySpec.builder().deliveryId("BENCH-" + formats)
                    .geometry(PageGeometry.A4_300).formats(formats).barcodes(barcodes).documentsPerFile(5, 5)
                    .sheetsPerDocument(SHEETS_PER_DOCUMENT, SHEETS_PER_DOCUMENT).duplex(false).seed(7).build());
            System.out.printf("generated %d %s pages in %.0f s%n", d.pages(), formats, (System.nanoTime() - t0) / 1e9);
        }
        List<Path> pages;
        try (Stream<Path> s = Files.walk(dir)) {
            pages = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".tif")).sorted().toList();
        }
        long bytes = 0;
        for (Path p : pages) {
            bytes += Files.size(p);
        }

        // the floor: read and SHA-256 every page file, one thread, in this run
        long f0 = System.nanoTime();
        for (Path p : pages) {
            sha256(p);
        }
        double floorSeconds = (System.nanoTime() - f0) / 1e9;

        DiscardingStorage storage = new DiscardingStorage();
        MutableClock clock = new MutableClock(Office.START);
        Policies policies = Policies.defaults().withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(0, false, false))
                .withCapture(CapturePolicy.defaults());
        try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(clock).policies(policies).build()) {
            Actor clerk = Actor.of("clerk", "office");
            for (String bc : barcodes) {
                Barcode b = Barcode.of(bc);
                lift.execute(clerk, new RegisterCaseFile(b, FileReference.of("AZ-" + bc), Office.subject(1), ProtectionLevel.NORMAL));
            }
            Office.shipAndPrepare(lift, barcodes);
            System.gc();
            HeapSampler heap = new HeapSampler();
            long t0 = System.nanoTime();
            IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = heap.stop();
            assertThat(report.rejected()).as("%s", report.problems()).isEmpty();
            assertThat(report.pages()).isEqualTo(pages.size());
            double pps = pages.size() / seconds;
            double floorPps = pages.size() / floorSeconds;
            System.out.printf("%s round %d: %d pages, %.0f MB in, renditions %.0f MB out: capture %.0f pages/s (%.0f MB/s), "
                            + "floor %.0f pages/s (%.0f MB/s), ratio %.0f %%, peak heap %.0f MiB%n",
                    formats, round, pages.size(), bytes / 1e6, storage.bytesPut / 1e6, pps, bytes / 1e6 / seconds,
                    floorPps, bytes / 1e6 / floorSeconds, 100 * pps / floorPps, peak / 1048576.0);
        }
    }

    /** Samples used heap every millisecond (java.lang.management is not readable from the core module's tests). */
    private static final class HeapSampler {
        private volatile boolean running = true;
        private volatile long peak;
        private final Thread thread = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Records and logs in memory; content hashed and dropped, as a store that keeps nothing in heap. */
    private static final class DiscardingStorage implements Storage {
        private final InMemoryStorage delegate = new InMemoryStorage();
        volatile long bytesPut;

        private final ContentStore content = new ContentStore() {
            @Override
            public ContentInfo put(Key key, InputStream data) {
                try {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[1 << 16];
                    long n = 0;
                    for (int r; (r = data.read(buf)) >= 0; ) {
                        md.update(buf, 0, r);
                        n += r;
                    }
                    synchronized (this) {
                        bytesPut += n;
                    }
                    return new ContentInfo(key, n, HexFormat.of().formatHex(md.digest()));
                } catch (IOException | java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public InputStream get(Key key) {
                throw new UnsupportedOperationException("the benchmark store keeps nothing");
            }

            @Override
            public Optional<ContentInfo> head(Key key) {
                return Optional.empty();
            }

            @Override
            public ContentPage list(String prefix, Optional<Key> startAfter, int limit) {
                return new ContentPage(List.of(), Optional.empty());
            }

            @Override
            public void delete(Key key) {
            }
        };

        @Override
        public ContentStore content() {
            return content;
        }

        @Override
        public RecordStore records() {
            return delegate.records();
        }

        @Override
        public LogStore logs() {
            return delegate.logs();
        }

        @Override
        public Set<StorageCapability> capabilities() {
            return Set.of(StorageCapability.STREAMING);
        }

        @Override
        public void close() {
        }
    }
}
