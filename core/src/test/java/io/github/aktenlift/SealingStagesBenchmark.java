package io.github.aktenlift;

import io.github.aktenlift.adapters.sealing.HttpTimestampAuthority;
import io.github.aktenlift.adapters.sealing.PadesEvidenceSealer;
import io.github.aktenlift.adapters.sealing.Pkcs12SealingKeyProvider;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.imaging.ImageInfo;
import io.github.aktenlift.imaging.ImageInspector;
import io.github.aktenlift.pdfa.ByteRangeOutput;
import io.github.aktenlift.pdfa.PageSource;
import io.github.aktenlift.pdfa.PdfARenderer;
import io.github.aktenlift.pdfa.RenditionRequest;
import io.github.aktenlift.pdfa.ReportPdf;
import io.github.aktenlift.pdfa.Revision;
import io.github.aktenlift.pdfa.SealPlaceholder;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.PreparedSeals;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a sealed page's time goes (issue 14): the steps sealed capture adds to unsealed capture,
 * each alone on one thread over the JPEG corpus of {@link CaptureBenchmark} (run that first: it
 * generates {@code target/capture-bench}), warm, median of five passes, in µs of wall time per page.
 * Renditions of ten pages, case files of fifty, as in the capture benchmark; the key is a PKCS#12
 * RSA-3072 key, the authority the testkit's in-process one over loopback HTTP.
 *
 * <p>Run: {@code mvn -B -o -pl core -am test -Dgroups=benchmark -Dsurefire.excludedGroups=
 * -Dtest=SealingStagesBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class SealingStagesBenchmark {

    private static final int PAGES_PER_RENDITION = 10;
    private static final int PAGES_PER_CASE_FILE = 50;

    @FunctionalInterface
    private interface Stage {
        void run() throws Exception;
    }

    @Test
    void stages() throws Exception {
        Path dir = Path.of("target", "capture-bench", "jpeg");
        List<Path> pages;
        try (Stream<Path> s = Files.walk(dir)) {
            pages = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(500).toList();
        }
        if (pages.size() < 500) {
            throw new IllegalStateException("run CaptureBenchmark first: it generates the corpus in " + dir);
        }
        ImageInspector inspector = new ImageInspector(CapturePolicy.defaults().maxPixels(), CapturePolicy.defaults().maxDimension());
        List<RenditionRequest> renditions = new ArrayList<>();
        for (int i = 0; i < pages.size(); i += PAGES_PER_RENDITION) {
            List<PageSource> sources = new ArrayList<>();
            for (Path p : pages.subList(i, i + PAGES_PER_RENDITION)) {
                ImageInfo info = inspector.inspect(p);
                sources.add(PageSource.of(p, info));
            }
            renditions.add(new RenditionRequest("BENCH " + i, "LETTER", null, "AZ-1", "F00000001E", Office.START, sources));
        }
        int caseFiles = pages.size() / PAGES_PER_CASE_FILE;
        Path scratch = Files.createTempDirectory("bench-seal-stages");
        TestPki pki = TestPki.create();
        Path p12 = scratch.resolve("seal.p12");
        pki.writePkcs12(p12, "seal", TestPki.PASSWORD);
        char[] pw = TestPki.PASSWORD.toCharArray();
        ByteArrayOutputStream noteBytes = new ByteArrayOutputStream();
        ReportPdf.render("Transfervermerk", List.of(new ReportPdf.Section("Seiten", rows(PAGES_PER_CASE_FILE))), Office.START,
                noteBytes);
        byte[] note = noteBytes.toByteArray();
        PdfARenderer renderer = new PdfARenderer();
        try (TestTimestampServer tsa = TestTimestampServer.start(pki);
             EvidenceSealer sealer = PadesEvidenceSealer.builder()
                     .key(Pkcs12SealingKeyProvider.open(p12, "seal", pw, pw, RevocationData::none, false))
                     .timestampAuthority(new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(30), Optional.empty()))
                     .trustAnchors(List.of(pki.rootCertificate())).build()) {
            PreparedSeals spec = sealer.preparedSeals().orElseThrow();
            SealPlaceholder.Signature signature = new SealPlaceholder.Signature(Office.START, spec.reason(), spec.reserveBytes());
            Map<String, Stage> stages = new LinkedHashMap<>();
            SealPlaceholder.Note embedded = SealPlaceholder.Note.of(note, Office.START);
            stages.put("unsealed: render into the store's hash", () -> {
                for (RenditionRequest r : renditions) {
                    renderer.render(r, new Sha256Sink(), false);
                }
            });
            stages.put("sealed, in memory: render, digest, note + placeholder, store's hash", () -> {
                for (RenditionRequest r : renditions) {
                    java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream(9 << 20);
                    Revision[] rev = new Revision[1];
                    try (ByteRangeOutput out = new ByteRangeOutput(held, spec.digest().newDigest())) {
                        renderer.render(r, out, false, x -> rev[0] = x);
                        SealPlaceholder.append(out, rev[0], Optional.of(embedded), signature);
                    }
                    held.writeTo(new Sha256Sink());
                }
            });
            stages.put("sealed, in a file: the same through a scratch file", () -> {
                for (RenditionRequest r : renditions) {
                    Path f = scratch.resolve("r.pdf");
                    Revision[] rev = new Revision[1];
                    try (ByteRangeOutput out = new ByteRangeOutput(new BufferedOutputStream(Files.newOutputStream(f),
                            256 * 1024), spec.digest().newDigest())) {
                        renderer.render(r, out, false, x -> rev[0] = x);
                        SealPlaceholder.append(out, rev[0], Optional.of(embedded), signature);
                    }
                    try (InputStream in = Files.newInputStream(f)) {
                        in.transferTo(new Sha256Sink());
                    }
                    Files.delete(f);
                }
            });
            stages.put("transfer note PDF, one per case file", () -> {
                for (int i = 0; i < caseFiles; i++) {
                    ReportPdf.render("Transfervermerk", List.of(new ReportPdf.Section("Seiten", rows(PAGES_PER_CASE_FILE))),
                            Office.START, OutputStream.nullOutputStream());
                }
            });
            stages.put("key + timestamps: 7 seals per case file, one call", () -> {
                for (int i = 0; i < caseFiles; i++) {
                    List<byte[]> digests = new ArrayList<>();
                    for (int j = 0; j < 6; j++) {
                        digests.add(spec.digest().newDigest().digest(new byte[] {(byte) i, (byte) j}));
                    }
                    sealer.signPrepared(digests, List.of(spec.digest().newDigest().digest(new byte[] {(byte) i})));
                }
            });
            Map<String, double[]> times = new LinkedHashMap<>();
            for (int pass = 0; pass < 6; pass++) {
                for (Map.Entry<String, Stage> e : stages.entrySet()) {
                    long t0 = System.nanoTime();
                    e.getValue().run();
                    if (pass > 0) {
                        times.computeIfAbsent(e.getKey(), k -> new double[5])[pass - 1] = (System.nanoTime() - t0) / 1e3 / pages.size();
                    }
                }
            }
            for (Map.Entry<String, double[]> e : times.entrySet()) {
                double[] t = e.getValue().clone();
                Arrays.sort(t);
                System.out.printf("BENCH sealing stage, one thread: %-52s %8.1f µs/page (%.1f–%.1f)%n", e.getKey(), t[2], t[0], t[4]);
            }
        } finally {
            try (Stream<Path> s = Files.list(scratch)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private static List<ReportPdf.Row> rows(int pages) {
        List<ReportPdf.Row> rows = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            rows.add(new ReportPdf.Row("Seite " + i, "p" + i + ".jpg · JPEG→DCT passthrough · SHA-256 "
                    + "3f1a6c2b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"));
        }
        return rows;
    }

    /** What a store does with what it is given: hash it. */
    private static final class Sha256Sink extends OutputStream {
        private final MessageDigest md;

        Sha256Sink() throws java.security.NoSuchAlgorithmException {
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
}
