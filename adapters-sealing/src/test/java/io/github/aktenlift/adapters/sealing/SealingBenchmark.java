package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.testkit.pki.TestPki;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seals per second for one local key, per file and per batch, next to the floor: SHA-256 of the
 * same bytes. Not part of the default run:
 * {@code mvn -B -pl adapters-sealing -am test -Dgroups=benchmark -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false -Dtest='SealingBenchmark'}.
 */
@Tag("benchmark")
class SealingBenchmark {

    private static final int FILES = 40;
    private static final int PAGES = 4;

    @TempDir
    Path dir;

    @Test
    @DisplayName("seals/s per file and per batch, B-B and B-T, RSA-3072 and EC P-256, against SHA-256 of the same bytes")
    void throughput() throws IOException {
        List<Path> sources = new ArrayList<>();
        byte[] page = textJpeg(1240, 1754, 1);
        for (int i = 0; i < FILES; i++) {
            sources.add(pdf(dir.resolve("r" + i + ".pdf"), PAGES, page));
        }
        long bytes = 0;
        for (Path p : sources) {
            bytes += Files.size(p);
        }
        System.out.printf(Locale.ROOT, "%d renditions of %d pages, %.1f MB in all%n", FILES, PAGES, bytes / 1e6);
        double floor = 0;
        for (int round = 0; round < 3; round++) {
            long t = System.nanoTime();
            for (Path p : sources) {
                sha256(p);
            }
            floor = FILES / seconds(t);
        }
        System.out.printf(Locale.ROOT, "floor  SHA-256 of the same files:            %8.1f files/s%n", floor);

        TestPki ec = TestPki.builder().name("Bench EC").sealKeyType(TestPki.KeyType.EC_P256).build();
        Path ecP12 = dir.resolve("ec.p12");
        ec.writePkcs12(ecP12, "seal", TestPki.PASSWORD);
        try (SealingKey rsa = Fixtures.key();
             SealingKey ecKey = Pkcs12SealingKeyProvider.open(ecP12, "seal", TestPki.PASSWORD.toCharArray(),
                     TestPki.PASSWORD.toCharArray(), () -> RevocationData.ofCrls(List.of(ec.crl())), false);
             TimestampAuthority tsa = Fixtures.tsa()) {
            int run = 0;
            for (SealingKey key : List.of(rsa, ecKey)) {
                String name = key == rsa ? "RSA-3072" : "EC P-256";
                for (PadesLevel level : List.of(PadesLevel.B_B, PadesLevel.B_T)) {
                    PadesSealer sealer = PadesSealer.builder(key).level(level).timestampAuthority(tsa).build();
                    // warm-up round, then the measured one
                    for (int round = 0; round < 2; round++) {
                        run++;
                        long t = System.nanoTime();
                        for (int i = 0; i < FILES; i++) {
                            sealer.seal(sources.get(i), dir.resolve("f" + run + "-" + i + ".pdf"));
                        }
                        double perFile = FILES / seconds(t);
                        run++;
                        List<FileJob> jobs = new ArrayList<>();
                        for (int i = 0; i < FILES; i++) {
                            jobs.add(new FileJob(sources.get(i), dir.resolve("b" + run + "-" + i + ".pdf")));
                        }
                        t = System.nanoTime();
                        sealer.sealAll(jobs);
                        double batch = FILES / seconds(t);
                        if (round == 1) {
                            System.out.printf(Locale.ROOT, "%-4s %-8s per file %8.1f seals/s   batch %8.1f seals/s"
                                    + "   (%.0f %% and %.0f %% of the floor)%n", level, name, perFile, batch,
                                    100 * perFile / floor, 100 * batch / floor);
                        }
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a 100 MB rendition is sealed to B-LTA with live heap far below its size")
    void boundedMemory() throws IOException {
        byte[] page = noiseJpeg(2480, 3508, 2);
        int pages = (int) Math.ceil(100e6 / page.length);
        Path big = pdf(dir.resolve("big.pdf"), pages, page);
        long size = Files.size(big);
        try (SealingKey key = Fixtures.key(); TimestampAuthority tsa = Fixtures.tsa()) {
            PadesSealer sealer = PadesSealer.builder(key).level(PadesLevel.B_LTA).timestampAuthority(tsa).build();
            sealer.seal(TestPdfs.rendition(dir.resolve("warm.pdf"), 1, 1), dir.resolve("warm-sealed.pdf"));
            System.gc();
            long before = heapUsed();
            long[] peak = {before};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], heapUsedAfterGc());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long t = System.nanoTime();
            sealer.seal(big, dir.resolve("big-sealed.pdf"));
            double s = seconds(t);
            sampler.interrupt();
            long growth = Math.max(0, peak[0] - before);
            System.out.printf(Locale.ROOT, "B-LTA of a %.0f MB rendition (%d pages): %.2f s, %.0f MB/s, live heap growth after GC"
                    + " at most %.1f MB%n", size / 1e6, pages, s, size / 1e6 / s, growth / 1e6);
            assertThat(growth).isLessThan(size / 4);
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long heapUsedAfterGc() {
        long total = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                total += p.getCollectionUsage().getUsed();
            }
        }
        return total;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sha256(Path p) throws IOException {
        MessageDigest md = io.github.aktenlift.spi.sealing.DigestAlgorithm.SHA256.newDigest();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        md.digest();
    }

    private static byte[] noiseJpeg(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Random r = new Random(seed);
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            r.nextBytes(row);
            img.getRaster().setDataElements(0, y, w, 1, row);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** A 150 dpi grey page with lines of "text": about the size of a scanned letter page. */
    private static byte[] textJpeg(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        Random r = new Random(seed);
        for (int y = 120; y < h - 120; y += 28) {
            int x = 100;
            while (x < w - 160) {
                int word = 20 + r.nextInt(90);
                g.setColor(new java.awt.Color(30 + r.nextInt(40), 30 + r.nextInt(40), 30 + r.nextInt(40)));
                g.fillRect(x, y, word, 14);
                x += word + 12;
            }
        }
        for (int i = 0; i < w * h / 50; i++) {
            img.getRaster().setSample(r.nextInt(w), r.nextInt(h), 0, 200 + r.nextInt(56));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** A PDF with the same JPEG on every page, each page its own image object (as a scan would be). */
    private static Path pdf(Path file, int pages, byte[] jpeg) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage p = new PDPage(PDRectangle.A4);
                doc.addPage(p);
                try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                    cs.drawImage(JPEGFactory.createFromByteArray(doc, jpeg), 0, 0, PDRectangle.A4.getWidth(),
                            PDRectangle.A4.getHeight());
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }
}
