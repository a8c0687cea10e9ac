package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("PAdES seals on a PDF/A-2b rendition")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PadesSealerTest {

    /** The format DSS must report for each level. */
    private static final Map<PadesLevel, String> FORMAT = new EnumMap<>(Map.of(
            PadesLevel.B_B, "PAdES-BASELINE-B", PadesLevel.B_T, "PAdES-BASELINE-T",
            PadesLevel.B_LT, "PAdES-BASELINE-LT", PadesLevel.B_LTA, "PAdES-BASELINE-LTA"));

    @TempDir
    static Path dir;

    SealingKey key;
    TimestampAuthority tsa;
    Path source;
    byte[] original;
    final Map<PadesLevel, Path> sealed = new EnumMap<>(PadesLevel.class);

    @BeforeAll
    void sealOnePdfAtEveryLevel() throws IOException {
        key = Fixtures.key();
        tsa = Fixtures.tsa();
        source = TestPdfs.rendition(dir.resolve("rendition.pdf"), 2, 7);
        original = Files.readAllBytes(source);
        for (PadesLevel level : PadesLevel.values()) {
            Path out = dir.resolve("sealed-" + level + ".pdf");
            SealedFile f = PadesSealer.builder(key).level(level).timestampAuthority(tsa)
                    .reason("Ersetzendes Scannen nach TR-RESISCAN").build().seal(source, out);
            assertThat(f.file()).isEqualTo(out);
            assertThat(f.size()).isEqualTo(Files.size(out));
            sealed.put(level, out);
        }
    }

    @AfterAll
    void close() {
        key.close();
        tsa.close();
    }

    @Nested
    @DisplayName("judged by the EU's DSS")
    class ByDss {

        @ParameterizedTest(name = "{0}")
        @EnumSource(PadesLevel.class)
        @DisplayName("every level is recognised as the PAdES baseline level it claims, intact and TOTAL_PASSED")
        void level(PadesLevel level) {
            // B-B and B-T carry no revocation data: the relying party brings the CA's current CRL, as
            // DSS would fetch it online. B-LT and B-LTA must pass on what they carry alone.
            byte[] crl = level.compareTo(PadesLevel.B_LT) < 0 ? Fixtures.PKI.crl() : null;
            Dss.Result r = Dss.validate(sealed.get(level), Fixtures.PKI.rootCertificate(), crl);
            Dss.Verdict v = r.only();
            assertThat(v.format()).as("%s", v).isEqualTo(FORMAT.get(level));
            assertThat(v.intact()).as("%s", v).isTrue();
            assertThat(v.valid()).as("%s", v).isTrue();
            assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
            int expectedTimestamps = switch (level) {
                case B_B -> 0;
                case B_T, B_LT -> 1;
                case B_LTA -> 2;
            };
            assertThat(r.timestamps()).hasSize(expectedTimestamps);
            assertThat(r.timestamps()).allSatisfy(t -> {
                assertThat(t.intact()).as("%s", t).isTrue();
                assertThat(t.valid()).as("%s", t).isTrue();
                assertThat(t.indication()).as("%s", t).isIn("PASSED", "TOTAL_PASSED");
            });
        }

        @Test
        @DisplayName("without revocation data B-B is INDETERMINATE for that reason only, and the signature still intact")
        void withoutRevocation() {
            Dss.Verdict v = Dss.validate(sealed.get(PadesLevel.B_B), Fixtures.PKI.rootCertificate()).only();
            assertThat(v.intact()).isTrue();
            assertThat(v.valid()).isTrue();
            assertThat(v.indication()).isEqualTo("INDETERMINATE");
            assertThat(v.errors()).contains("No revocation data found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PadesLevel.class)
    @DisplayName("veraPDF still finds PDF/A-2b at every level")
    void pdfa(PadesLevel level) {
        PdfAssertions.assertPdfA2b(source);
        PdfAssertions.assertPdfA2b(sealed.get(level));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PadesLevel.class)
    @DisplayName("the seal is an incremental update: the original bytes come first, unchanged, and the source is untouched")
    void incremental(PadesLevel level) throws IOException {
        byte[] out = Files.readAllBytes(sealed.get(level));
        assertThat(Arrays.copyOf(out, original.length)).isEqualTo(original);
        assertThat(out.length).isGreaterThan(original.length);
        assertThat(Files.readAllBytes(source)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PadesLevel.class)
    @DisplayName("our verifier agrees: intact, chained to the test root, every timestamp's imprint right")
    void verifier(PadesLevel level) {
        VerificationReport r = new SealVerifier(List.of(Fixtures.PKI.rootCertificate()), List.of(Fixtures.PKI.crl()))
                .verifyPdf(sealed.get(level));
        assertThat(r.passed()).as("%s", r).isTrue();
        int timestamps = r.checks().stream().mapToInt(c -> c.timestamps().size()).sum()
                + (int) r.checks().stream().filter(c -> c.kind() == SignatureCheck.Kind.DOCUMENT_TIMESTAMP).count();
        assertThat(timestamps).isEqualTo(level == PadesLevel.B_B ? 0 : level == PadesLevel.B_LTA ? 2 : 1);
    }

    @Test
    @DisplayName("a verifier trusting another root finds the seals intact but not chained")
    void otherRoot() {
        var other = io.github.aktenlift.testkit.pki.TestPki.builder().name("Other")
                .sealKeyType(io.github.aktenlift.testkit.pki.TestPki.KeyType.EC_P256).build();
        VerificationReport r = new SealVerifier(List.of(other.rootCertificate())).verifyPdf(sealed.get(PadesLevel.B_T));
        assertThat(r.broken()).isFalse();
        assertThat(r.passed()).isFalse();
        assertThat(r.checks().get(0).chain()).isEqualTo(Check.FAILED);
    }

    @Nested
    @DisplayName("a batch")
    class Batch {

        @Test
        @DisplayName("asks the key once for a whole delivery, and every product validates on its own")
        void oneCall() throws IOException {
            CountingKey counting = new CountingKey(key);
            List<FileJob> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path in = TestPdfs.rendition(dir.resolve("batch-" + i + ".pdf"), 1, 100 + i);
                jobs.add(new FileJob(in, dir.resolve("batch-" + i + "-sealed.pdf")));
            }
            List<SealedFile> out = PadesSealer.builder(counting).level(PadesLevel.B_LT).timestampAuthority(tsa).build()
                    .sealAll(jobs);
            assertThat(counting.calls).hasValue(1);
            assertThat(counting.digests).hasValue(3);
            assertThat(out).hasSize(3);
            for (SealedFile f : out) {
                Dss.Verdict v = Dss.validate(f.file(), Fixtures.PKI.rootCertificate()).only();
                assertThat(v.format()).isEqualTo("PAdES-BASELINE-LT");
                assertThat(v.indication()).as("%s", v).isEqualTo("TOTAL_PASSED");
            }
            assertThat(out.stream().map(SealedFile::sha256).distinct()).hasSize(3);
        }

        @Test
        @DisplayName("whose key refuses to sign writes nothing, and the typed error names the key")
        void keyRefuses() {
            Path a = TestPdfs.rendition(dir.resolve("k-a.pdf"), 1, 300);
            Path b = TestPdfs.rendition(dir.resolve("k-b.pdf"), 1, 301);
            SealingKey refusing = new CountingKey(key) {
                @Override
                public List<byte[]> sign(io.github.aktenlift.spi.sealing.SignatureAlgorithm algorithm, List<byte[]> digests) {
                    throw new io.github.aktenlift.spi.sealing.SealingException(id(),
                            io.github.aktenlift.spi.sealing.SealingException.Reason.REFUSED, "authorisation expired", null);
                }
            };
            List<FileJob> jobs = List.of(new FileJob(a, dir.resolve("k-a-sealed.pdf")), new FileJob(b, dir.resolve("k-b-sealed.pdf")));
            assertThatThrownBy(() -> PadesSealer.builder(refusing).build().sealAll(jobs))
                    .isInstanceOf(io.github.aktenlift.spi.sealing.SealingException.class)
                    .hasMessageContaining(key.id()).hasMessageContaining("refused");
            assertThat(jobs).allSatisfy(j -> assertThat(j.target()).doesNotExist());
            assertThat(parts()).isEmpty();
        }

        @Test
        @DisplayName("with one target that exists already writes nothing at all")
        void existingTarget() throws IOException {
            Path a = TestPdfs.rendition(dir.resolve("x-a.pdf"), 1, 200);
            Path b = TestPdfs.rendition(dir.resolve("x-b.pdf"), 1, 201);
            Path taken = Files.writeString(dir.resolve("x-b-sealed.pdf"), "already acknowledged");
            CountingKey counting = new CountingKey(key);
            assertThatThrownBy(() -> PadesSealer.builder(counting).build().sealAll(List.of(
                    new FileJob(a, dir.resolve("x-a-sealed.pdf")), new FileJob(b, taken))))
                    .isInstanceOf(SealingFailedException.class)
                    .hasMessageContaining("x-b-sealed.pdf");
            assertThat(dir.resolve("x-a-sealed.pdf")).doesNotExist();
            assertThat(Files.readString(taken)).isEqualTo("already acknowledged");
            assertThat(counting.calls).hasValue(0);
            assertThat(parts()).isEmpty();
        }
    }

    @Test
    @DisplayName("a source that is no PDF is a typed error naming it, and leaves nothing behind")
    void notAPdf() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pdf"), "not a pdf");
        assertThatThrownBy(() -> PadesSealer.builder(key).build().seal(junk, dir.resolve("junk-sealed.pdf")))
                .isInstanceOf(SealingFailedException.class)
                .satisfies(e -> assertThat(((SealingFailedException) e).object()).isEqualTo("junk.pdf"));
        assertThat(dir.resolve("junk-sealed.pdf")).doesNotExist();
        assertThat(parts()).isEmpty();
    }

    @Test
    @DisplayName("a level above B-B without a timestamp authority is refused when the sealer is built")
    void needsTsa() {
        assertThatThrownBy(() -> PadesSealer.builder(key).level(PadesLevel.B_T).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp authority");
    }

    private List<Path> parts() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
