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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * -Dtest=CaptureBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dcapture.formats=G4}
 * (or {@code JPEG}) takes one format, {@code -Dcapture.rounds=N} another number of rounds (10; the summary line takes the medians of the second half),
 * {@code -Dcapture.stages=false} leaves out the per-stage figures.
 *
 * <p>Capture into real storage against its limit — the floor on capture's threads, PDFBox side by
 * side, fsync on and off, cold in a fresh JVM — is measured by the CLI's {@code bench} and {@code
 * CaptureLimitBenchmark} in the examples module: core's tests cannot depend on the filesystem
 * adapter, whose tests depend on core. This benchmark stays for the per-stage CPU figures.
 */
@Tag("benchmark")
class CaptureBenchmark {

    private static final Path CORPUS = Path.of("target", "capture-bench");
    private static final int CASE_FILES = 40;
    private static final int SHEETS_PER_DOCUMENT = 10;

    @Test
    void ingestJpegAndG4() throws Exception {
        int rounds = Integer.getInteger("capture.rounds", 10);
        for (String format : System.getProperty("capture.formats", "JPEG,G4").split(",")) {
            DeliverySpec.Formats formats = DeliverySpec.Formats.valueOf(format.trim());
            List<Round> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                results.add(run(formats, round));
            }
            summary(formats, results);
            if (Boolean.parseBoolean(System.getProperty("capture.stages", "true"))) {
                stages(formats);
            }
        }
    }

    private Round run(DeliverySpec.Formats formats, int round) throws Exception {
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
        String loadBefore = loadAverage();
        long floorCpu = cpuNanos();
        long f0 = System.nanoTime();
        for (Path p : pages) {
            sha256(p);
        }
        double floorSeconds = (System.nanoTime() - f0) / 1e9;
        floorCpu = cpuNanos() - floorCpu;

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
            long cpu = cpuNanos();
            long t0 = System.nanoTime();
            IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            cpu = cpuNanos() - cpu;
            long peak = heap.stop();
            assertThat(report.rejected()).as("%s", report.problems()).isEmpty();
            assertThat(report.pages()).isEqualTo(pages.size());
            double pps = pages.size() / seconds;
            double floorPps = pages.size() / floorSeconds;
            System.out.printf("BENCH %s round %d: %d pages, %.0f MB in, renditions %.0f MB out: capture %.0f pages/s (%.0f MB/s), "
                            + "floor %.0f pages/s (%.0f MB/s), ratio %.0f %%, peak heap %.0f MiB%n",
                    formats, round, pages.size(), bytes / 1e6, storage.bytesPut / 1e6, pps, bytes / 1e6 / seconds,
                    floorPps, bytes / 1e6 / floorSeconds, 100 * pps / floorPps, peak / 1048576.0);
            // CPU time of the whole JVM (JIT and GC threads included) per page: what the machine's
            // other load cannot change; two idle cores would bound the ratio at 2 x floor / capture
            System.out.printf("BENCH %s round %d: CPU per page: capture %.0f µs, floor %.0f µs; load average %s -> %s%n",
                    formats, round, cpu / 1e3 / pages.size(), floorCpu / 1e3 / pages.size(), loadBefore, loadAverage());
            lastProtocol = storage.lastProtocol;
            return new Round(pps, floorPps, cpu / 1e3 / pages.size(), floorCpu / 1e3 / pages.size());
        }
    }

    /**
     * Capture at level high with sealing (issue 14) against the same capture without: the corpus of
     * {@link #ingestJpegAndG4} (JPEG), a local PKCS#12 key (RSA 3072) and the testkit's in-process
     * RFC 3161 authority over loopback HTTP. Four modes, interleaved round by round: no sealing
     * ({@code none}: level normal, no sealer), sealing per case file ({@code batch}: the default
     * {@link io.github.aktenlift.capture.SealBatch#perCaseFile()}, one key call for a case file's
     * renditions, one for its protocol PDF and JSON), per delivery ({@code delivery}:
     * {@link io.github.aktenlift.capture.SealBatch#perDelivery()}, two key calls for the delivery),
     * and one key call per product ({@code per-file}: a sealer that splits every batch). Every PDF
     * gets its own signature timestamp in the sealed modes. {@code -Dcapture.sealedRounds=N}
     * (default 6), {@code -Dcapture.sealedModes=none,batch} a subset; the summary gives the medians of
     * the second half of the rounds (warm).
     */
    @Test
    void sealedAtLevelHigh() throws Exception {
        int rounds = Integer.getInteger("capture.sealedRounds", 6);
        DeliverySpec.Formats formats = DeliverySpec.Formats.JPEG;
        Path dir = CORPUS.resolve(formats.name().toLowerCase());
        run(formats, 0); // generates the corpus if needed, and warms up
        long pages;
        try (Stream<Path> st = Files.walk(dir)) {
            pages = st.filter(p -> p.toString().endsWith(".jpg")).count();
        }
        io.github.aktenlift.testkit.pki.TestPki pki = io.github.aktenlift.testkit.pki.TestPki.create();
        Path keyDir = Files.createTempDirectory("bench-key");
        Path p12 = keyDir.resolve("seal.p12");
        keyDir.toFile().deleteOnExit(); // the key file first: deleteOnExit runs in reverse order
        p12.toFile().deleteOnExit();
        pki.writePkcs12(p12, "seal", io.github.aktenlift.testkit.pki.TestPki.PASSWORD);
        java.util.Map<String, List<Double>> pps = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Double>> cpuPerPage = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Double>> ownCpuPerPage = new java.util.LinkedHashMap<>();
        java.util.concurrent.atomic.AtomicInteger keyCalls = new java.util.concurrent.atomic.AtomicInteger();
        try (io.github.aktenlift.testkit.pki.TestTimestampServer tsa = io.github.aktenlift.testkit.pki.TestTimestampServer.start(pki)) {
            for (int round = 1; round <= rounds; round++) {
                for (String mode : List.of(System.getProperty("capture.sealedModes", "none,batch,delivery,per-file").split(","))) {
                    io.github.aktenlift.spi.sealing.EvidenceSealer sealer = null;
                    if (!mode.equals("none")) {
                        char[] pw = io.github.aktenlift.testkit.pki.TestPki.PASSWORD.toCharArray();
                        io.github.aktenlift.adapters.sealing.PadesEvidenceSealer s = io.github.aktenlift.adapters.sealing
                                .PadesEvidenceSealer.builder()
                                .key(new CountingKey(io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider.open(p12, "seal",
                                        pw, pw, io.github.aktenlift.spi.sealing.RevocationData::none, false), keyCalls))
                                .timestampAuthority(new io.github.aktenlift.adapters.sealing.HttpTimestampAuthority(tsa.uri(),
                                        java.time.Duration.ofSeconds(10), Optional.empty()))
                                .trustAnchors(List.of(pki.rootCertificate())).build();
                        sealer = mode.equals("per-file") ? new OnePerProduct(s) : s;
                    }
                    String loadBefore = loadAverage();
                    keyCalls.set(0);
                    long tsaBefore = tsa.requests();
                    long tsaCpu = tsa.cpuNanos();
                    long kernel = kernelNanos();
                    long cpu = cpuNanos();
                    double seconds = sealedRound(dir, sealer, mode.equals("delivery")
                            ? io.github.aktenlift.capture.SealBatch.perDelivery() : io.github.aktenlift.capture.SealBatch.perCaseFile());
                    cpu = cpuNanos() - cpu;
                    tsaCpu = tsa.cpuNanos() - tsaCpu;
                    kernel = kernelNanos() - kernel;
                    if (sealer != null) {
                        sealer.close();
                    }
                    double r = pages / seconds;
                    pps.computeIfAbsent(mode, k -> new ArrayList<>()).add(r);
                    cpuPerPage.computeIfAbsent(mode, k -> new ArrayList<>()).add(cpu / 1e3 / pages);
                    ownCpuPerPage.computeIfAbsent(mode, k -> new ArrayList<>()).add((cpu - tsaCpu) / 1e3 / pages);
                    System.out.printf("BENCH sealed round %d, %s: %d pages in %.1f s, %.1f pages/s, CPU per page %.0f µs"
                            + " (JVM, all threads, TSA included; %.0f µs of it in the kernel), %.0f µs without the in-process"
                            + " TSA's own; key calls %d, TSA requests %d per delivery; load average %s -> %s%n", round, mode,
                            pages, seconds, r, cpu / 1e3 / pages, kernel / 1e3 / pages, (cpu - tsaCpu) / 1e3 / pages,
                            keyCalls.get(), tsa.requests() - tsaBefore, loadBefore, loadAverage());
                }
            }
            // warm figures, as for unsealed capture: the second half of the rounds (the first carry the JIT
            // compiling the sealing code, PDFBox, Bouncy Castle and the HTTP client)
            int warm = rounds / 2;
            pps.replaceAll((k, v) -> v.subList(warm, v.size()));
            cpuPerPage.replaceAll((k, v) -> v.subList(warm, v.size()));
            ownCpuPerPage.replaceAll((k, v) -> v.subList(warm, v.size()));
            for (String mode : pps.keySet()) {
                System.out.printf("BENCH sealed summary (medians of rounds %d-%d), %s: %.1f pages/s (%.0f %% of none;"
                                + " medians of the rounds' own ratios %.0f %%), CPU per page %.0f µs (CPU ratio none/%s %.0f %%)%n",
                        warm + 1, rounds, mode, medianOf(pps.get(mode)), 100 * medianOf(pps.get(mode)) / medianOf(pps.getOrDefault("none",
                                pps.get(mode))), 100 * medianOf(ratios(pps.get(mode), pps.getOrDefault("none", pps.get(mode)))),
                        medianOf(cpuPerPage.get(mode)), mode, 100 * medianOf(cpuPerPage.getOrDefault("none", cpuPerPage.get(mode)))
                                / medianOf(cpuPerPage.get(mode)));
                System.out.printf("BENCH sealed summary, %s: CPU per page without the in-process TSA's own %.0f µs"
                                + " (CPU ratio none/%s %.0f %%)%n", mode, medianOf(ownCpuPerPage.get(mode)), mode,
                        100 * medianOf(ownCpuPerPage.getOrDefault("none", ownCpuPerPage.get(mode)))
                                / medianOf(ownCpuPerPage.get(mode)));
            }
        }
    }

    private static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            r.add(a.get(i) / b.get(i));
        }
        return r;
    }

    private static double medianOf(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** One ingest of the corpus; case files at level high (sealed) when a sealer is given, else normal. */
    private static double sealedRound(Path dir, io.github.aktenlift.spi.sealing.EvidenceSealer sealer,
            io.github.aktenlift.capture.SealBatch batch) throws Exception {
        ProtectionLevel level = sealer == null ? ProtectionLevel.NORMAL : ProtectionLevel.HIGH;
        Policies policies = Policies.defaults()
                .withProtection(level, new ProtectionProfile(0, false, sealer == null
                        ? io.github.aktenlift.casefile.Sealing.NONE : io.github.aktenlift.casefile.Sealing.SEALED));
        List<String> barcodes = new ArrayList<>();
        for (int i = 1; i <= CASE_FILES; i++) {
            barcodes.add(policies.caseFileBarcodes().generate(i).value());
        }
        Aktenlift.Builder b = Aktenlift.builder().storage(new DiscardingStorage()).clock(new MutableClock(Office.START))
                .policies(policies);
        if (sealer != null) {
            b.sealing(sealer).sealBatch(batch);
        }
        try (Aktenlift lift = b.build()) {
            Actor clerk = Actor.of("clerk", "office");
            for (String bc : barcodes) {
                lift.execute(clerk, new RegisterCaseFile(Barcode.of(bc), FileReference.of("AZ-" + bc), Office.subject(1), level));
            }
            Office.shipAndPrepare(lift, barcodes);
            long t0 = System.nanoTime();
            IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), dir);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(report.rejected()).as("%s", report.problems()).isEmpty();
            return seconds;
        }
    }

    /** Counts the calls to a key: how often a remote key would be asked (and authorised) per delivery. */
    private static final class CountingKey implements io.github.aktenlift.spi.sealing.SealingKey {
        private final io.github.aktenlift.spi.sealing.SealingKey inner;
        private final java.util.concurrent.atomic.AtomicInteger calls;

        CountingKey(io.github.aktenlift.spi.sealing.SealingKey inner, java.util.concurrent.atomic.AtomicInteger calls) {
            this.inner = inner;
            this.calls = calls;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public List<java.security.cert.X509Certificate> certificateChain() {
            return inner.certificateChain();
        }

        @Override
        public Set<io.github.aktenlift.spi.sealing.SignatureAlgorithm> algorithms() {
            return inner.algorithms();
        }

        @Override
        public boolean qualified() {
            return inner.qualified();
        }

        @Override
        public List<byte[]> sign(io.github.aktenlift.spi.sealing.SignatureAlgorithm algorithm, List<byte[]> digests) {
            calls.incrementAndGet();
            return inner.sign(algorithm, digests);
        }

        @Override
        public io.github.aktenlift.spi.sealing.RevocationData revocationData() {
            return inner.revocationData();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A sealer that signs every product with a key call of its own: per-file signing, for comparison. */
    private static final class OnePerProduct implements io.github.aktenlift.spi.sealing.EvidenceSealer {
        private final io.github.aktenlift.spi.sealing.EvidenceSealer inner;

        OnePerProduct(io.github.aktenlift.spi.sealing.EvidenceSealer inner) {
            this.inner = inner;
        }

        @Override
        public io.github.aktenlift.spi.sealing.Sealed seal(List<io.github.aktenlift.spi.sealing.SealJob> pdfs, List<Path> detached) {
            String level = "B-T";
            for (io.github.aktenlift.spi.sealing.SealJob j : pdfs) {
                level = inner.seal(List.of(j), List.of()).pdfLevel();
            }
            List<byte[]> seals = new ArrayList<>();
            for (Path d : detached) {
                seals.addAll(inner.seal(List.of(), List.of(d)).detachedSeals());
            }
            return new io.github.aktenlift.spi.sealing.Sealed(level, seals);
        }

        @Override
        public Optional<io.github.aktenlift.spi.sealing.PreparedSeals> preparedSeals() {
            return inner.preparedSeals();
        }

        @Override
        public List<byte[]> signPrepared(List<byte[]> digests, List<byte[]> files) {
            List<byte[]> out = new ArrayList<>();
            for (byte[] d : digests) {
                out.addAll(inner.signPrepared(List.of(d), List.of()));
            }
            for (byte[] f : files) {
                out.addAll(inner.signPrepared(List.of(), List.of(f)));
            }
            return out;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public boolean seals() {
            return inner.seals();
        }

        @Override
        public boolean timestamps() {
            return inner.timestamps();
        }

        @Override
        public io.github.aktenlift.spi.sealing.Qualification qualification() {
            return inner.qualification();
        }

        @Override
        public void renew(io.github.aktenlift.spi.sealing.SealJob job) {
            inner.renew(job);
        }

        @Override
        public byte[] timestamp(byte[] sha256) {
            return inner.timestamp(sha256);
        }

        @Override
        public io.github.aktenlift.spi.sealing.EvidenceReport verifyPdf(String object, Path pdf) {
            return inner.verifyPdf(object, pdf);
        }

        @Override
        public io.github.aktenlift.spi.sealing.EvidenceReport verifyDetachedSeal(String object, Path data, byte[] cms) {
            return inner.verifyDetachedSeal(object, data, cms);
        }

        @Override
        public io.github.aktenlift.spi.sealing.EvidenceReport verifyTimestamp(String object, byte[] sha256, byte[] token) {
            return inner.verifyTimestamp(object, sha256, token);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** One round's figures: throughput of capture and floor, and the JVM's CPU per page for each. */
    private record Round(double capturePps, double floorPps, double captureCpuMicros, double floorCpuMicros) {
        double ratio() {
            return capturePps / floorPps;
        }
    }

    /**
     * The warm figures: medians over the second half of the rounds, when the JIT has compiled
     * what runs per page and per case file (rounds 1 to 5 still carry C2 compilations of code
     * that runs once per document or case file).
     */
    private static void summary(DeliverySpec.Formats formats, List<Round> rounds) {
        List<Round> warm = rounds.subList(rounds.size() / 2, rounds.size());
        double[] ratio = warm.stream().mapToDouble(Round::ratio).sorted().toArray();
        System.out.printf("BENCH %s warm rounds %d-%d: capture %.0f pages/s, floor %.0f pages/s, ratio median %.0f %% "
                        + "(%.0f-%.0f %%); CPU per page: capture %.0f µs, floor %.0f µs, CPU bound (2 cores) %.0f %%%n",
                formats, rounds.size() - warm.size() + 1, rounds.size(), median(warm, Round::capturePps),
                median(warm, Round::floorPps), 100 * median(warm, Round::ratio), 100 * ratio[0], 100 * ratio[ratio.length - 1],
                median(warm, Round::captureCpuMicros), median(warm, Round::floorCpuMicros),
                100 * 2 * median(warm, Round::floorCpuMicros) / median(warm, Round::captureCpuMicros));
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
        double[] v = rounds.stream().mapToDouble(figure).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private byte[] lastProtocol;

    /**
     * A 5,000-page case file (JPEG and G4 pages, A4 at 200 dpi, 100 documents of 50 sheets)
     * captured in a child JVM with {@code -Xmx256m}: once as one rendition for the case file, once
     * as one per document. Generated once into {@code target/capture-bench/big5000} (about six
     * minutes on two cores).
     */
    @Test
    void fiveThousandPagesIn256MiB() throws Exception {
        Path dir = CORPUS.resolve("big5000");
        if (!Files.exists(dir.resolve("index.json"))) {
            long t0 = System.nanoTime();
            Delivery d = ScanGenerator.writeDelivery(dir, DeliverySpec.builder().deliveryId("BIG-5000")
                    .geometry(PageGeometry.a4(200)).formats(DeliverySpec.Formats.MIXED).barcodes(barcode(1))
                    .documentsPerFile(100, 100).sheetsPerDocument(50, 50).duplex(false).seed(5).build());
            System.out.printf("generated %d pages in %.0f s%n", d.pages(), (System.nanoTime() - t0) / 1e9);
        }
        for (String mode : List.of("PER_CASE_FILE", "PER_DOCUMENT")) {
            String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(launcher, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BigCaseFile.class.getName(), dir.toString(), mode).redirectErrorStream(true);
            Process child = pb.start();
            // relayed line by line: surefire's forked JVM must not have its native stdout written to
            try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                output.lines().filter(l -> l.startsWith("BENCH")).forEach(System.out::println);
            }
            assertThat(child.waitFor()).as("the child JVM's exit code").isZero();
        }
    }

    private static String barcode(int n) {
        try (Office o = new Office()) {
            return o.lift.policies().caseFileBarcodes().generate(n).value();
        }
    }

    /** The child JVM's entry point: ingests the delivery in a directory, one case file. */
    static final class BigCaseFile {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            String bc = barcode(1);
            Policies policies = Policies.defaults()
                    .withProtection(ProtectionLevel.NORMAL, new ProtectionProfile(0, false, false))
                    .withCapture(CapturePolicy.defaults().withRenditionMode(
                            io.github.aktenlift.capture.RenditionMode.valueOf(args[1])));
            DiscardingStorage storage = new DiscardingStorage();
            try (Aktenlift lift = Aktenlift.builder().storage(storage).clock(new MutableClock(Office.START))
                    .policies(policies).build()) {
                lift.execute(Actor.of("clerk", "office"), new RegisterCaseFile(Barcode.of(bc), FileReference.of("AZ-5000"),
                        Office.subject(1), ProtectionLevel.NORMAL));
                Office.shipAndPrepare(lift, List.of(bc));
                System.gc();
                HeapSampler heap = new HeapSampler();
                long t0 = System.nanoTime();
                IngestReport report = lift.capture().ingest(Actor.of("scan", "scan-center"), dir);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long peak = heap.stop();
                if (!report.rejected().isEmpty() || report.pages() != 5000) {
                    throw new AssertionError("not captured whole: " + report.problems());
                }
                System.out.printf("BENCH 5,000-page case file, %s, -Xmx256m: %.1f s (%.0f pages/s), renditions and protocol "
                                + "%.0f MB, peak used heap %d MiB of max %d MiB%n", args[1], seconds, 5000 / seconds,
                        storage.bytesPut / 1e6, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        }
    }

    /** CPU time of this JVM, all threads, so far. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The process's CPU time in the kernel (Linux: {@code stime} of /proc/self/stat, in clock ticks of 10 ms), or 0. */
    private static long kernelNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The one-minute load average (Linux), to say how busy the machine was. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Where a page's time goes: each stage of capture alone, on one thread, over the same pages,
     * after the rounds have warmed the JVM up. Medians of five passes, in µs per page.
     */
    private void stages(DeliverySpec.Formats formats) throws Exception {
        Path dir = CORPUS.resolve(formats.name().toLowerCase());
        List<Path> pages;
        try (Stream<Path> s = Files.walk(dir)) {
            pages = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".tif")).sorted().toList();
        }
        io.github.aktenlift.imaging.ImageInspector inspector = new io.github.aktenlift.imaging.ImageInspector(
                CapturePolicy.defaults().maxPixels(), CapturePolicy.defaults().maxDimension());
        List<io.github.aktenlift.imaging.ImageInfo> infos = new ArrayList<>();
        for (Path p : pages) {
            infos.add(inspector.inspect(p));
        }
        List<io.github.aktenlift.pdfa.RenditionRequest> documents = new ArrayList<>();
        for (int i = 0; i < pages.size(); i += SHEETS_PER_DOCUMENT) {
            List<io.github.aktenlift.pdfa.PageSource> sources = new ArrayList<>();
            for (int j = i; j < Math.min(pages.size(), i + SHEETS_PER_DOCUMENT); j++) {
                sources.add(io.github.aktenlift.pdfa.PageSource.of(pages.get(j), infos.get(j)));
            }
            documents.add(new io.github.aktenlift.pdfa.RenditionRequest("BENCH " + i, "LETTER", null, "AZ-1", "F00000001E",
                    Office.START, sources));
        }
        io.github.aktenlift.pdfa.PdfARenderer renderer = new io.github.aktenlift.pdfa.PdfARenderer();
        java.util.Map<String, Stage> stages = new java.util.LinkedHashMap<>();
        stages.put("floor: read + SHA-256", () -> {
            for (Path p : pages) {
                sha256(p);
            }
        });
        stages.put("inspect headers", () -> {
            for (Path p : pages) {
                inspector.inspect(p);
            }
        });
        stages.put("walk compressed data", () -> {
            for (int i = 0; i < pages.size(); i++) {
                if (formats == DeliverySpec.Formats.JPEG) {
                    io.github.aktenlift.imaging.JpegStreamCheck.verify(pages.get(i));
                } else {
                    io.github.aktenlift.imaging.G4StreamCheck.verify(pages.get(i), infos.get(i));
                }
            }
        });
        stages.put("render (read, SHA-256 of the source, write)", () -> {
            for (io.github.aktenlift.pdfa.RenditionRequest r : documents) {
                renderer.render(r, OutputStream.nullOutputStream(), false);
            }
        });
        stages.put("SHA-256 of the rendition (the store's)", () -> {
            for (io.github.aktenlift.pdfa.RenditionRequest r : documents) {
                renderer.render(r, new HashingSink(), false);
            }
        });
        byte[] protocol = lastProtocol;
        Files.write(CORPUS.resolve("protocol-" + formats.name().toLowerCase() + ".json"), protocol);
        io.github.aktenlift.capture.protocol.ScanProtocol protocolTree =
                io.github.aktenlift.capture.protocol.ScanProtocolCodec.read(protocol, "protocol");
        stages.put("scan protocol PDF (one per 50 pages)", () -> {
            for (int i = 0; i < CASE_FILES; i++) {
                io.github.aktenlift.capture.protocol.ProtocolReport.write(protocolTree, Office.START, OutputStream.nullOutputStream());
            }
        });
        java.util.Map<String, double[]> times = new java.util.LinkedHashMap<>();
        for (int pass = 0; pass < 6; pass++) {
            for (java.util.Map.Entry<String, Stage> e : stages.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().run();
                double us = (System.nanoTime() - t0) / 1e3 / pages.size();
                if (pass > 0) {
                    times.computeIfAbsent(e.getKey(), k -> new double[5])[pass - 1] = us;
                }
            }
        }
        double render = 0;
        for (java.util.Map.Entry<String, double[]> e : times.entrySet()) {
            double[] t = e.getValue().clone();
            java.util.Arrays.sort(t);
            System.out.printf("BENCH %s stage, one thread: %-48s %8.1f µs/page (%.1f–%.1f)%n", formats, e.getKey(), t[2],
                    t[0], t[4]);
            if (e.getKey().startsWith("render")) {
                render = t[2];
            }
            if (e.getKey().startsWith("SHA-256 of the rendition")) {
                System.out.printf("BENCH %s stage, one thread: %-48s %8.1f µs/page%n", formats,
                        "  of which the store's SHA-256", t[2] - render);
            }
        }
    }

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }

    /** Hashes what is written and keeps nothing. */
    private static final class HashingSink extends OutputStream {
        private final MessageDigest md;

        HashingSink() throws java.security.NoSuchAlgorithmException {
            md = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(int b) {
            md.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
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
        volatile byte[] lastProtocol;

        private final ContentStore content = new ContentStore() {
            @Override
            public ContentInfo put(Key key, InputStream data) {
                try {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[1 << 16];
                    long n = 0;
                    // the scan protocol's JSON is kept (the last one), so that the stage figures can lay it out again
                    java.io.ByteArrayOutputStream json = key.value().endsWith(".json") ? new java.io.ByteArrayOutputStream() : null;
                    for (int r; (r = data.read(buf)) >= 0; ) {
                        md.update(buf, 0, r);
                        n += r;
                        if (json != null) {
                            json.write(buf, 0, r);
                        }
                    }
                    synchronized (this) {
                        bytesPut += n;
                    }
                    if (json != null) {
                        lastProtocol = json.toByteArray();
                    }
                    return new ContentInfo(key, n, HexFormat.of().formatHex(md.digest()));
                } catch (IOException | java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public ContentInfo create(Key key, InputStream data) {
                return put(key, data);
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
