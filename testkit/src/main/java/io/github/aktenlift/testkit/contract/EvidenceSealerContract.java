package io.github.aktenlift.testkit.contract;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.EvidenceException;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.PreparedSeals;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealJob;
import io.github.aktenlift.spi.sealing.Sealed;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import io.github.aktenlift.testkit.pki.TestPki;
import io.github.aktenlift.testkit.pki.TestSealingKey;
import io.github.aktenlift.testkit.pki.TestTimestampServer;
import io.github.aktenlift.testkit.pki.TestTimestampServer.Behaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The contract every {@link EvidenceSealer} must pass, with every kind of {@link SealingKey} it is
 * meant to work with. Extend it, build the sealer under test from the parts the suite hands over,
 * and say how to reach an RFC 3161 endpoint:
 *
 * <pre>{@code
 * class PadesEvidenceSealerContractTest extends EvidenceSealerContract {
 *     protected EvidenceSealer createSealer(Optional<SealingKey> key, Optional<TimestampAuthority> tsa,
 *             List<X509Certificate> trustAnchors) {
 *         var b = PadesEvidenceSealer.builder().trustAnchors(trustAnchors);
 *         key.ifPresent(b::key);
 *         tsa.ifPresent(b::timestampAuthority);
 *         return b.build();
 *     }
 *     protected TimestampAuthority createAuthority(URI endpoint, Duration timeout) {
 *         return new HttpTimestampAuthority(endpoint, timeout, Optional.empty());
 *     }
 * }
 * }</pre>
 *
 * <p>The key is {@link #createKey()}'s: by default the testkit's {@link TestSealingKey}; a subclass
 * per key provider (PKCS#12, PKCS#11, a remote service) overrides it. The suite puts a thin layer
 * between sealer and key that counts the calls and can make them fail, so that it can pin what the
 * SPI promises: one key call per {@link EvidenceSealer#seal} and per
 * {@link EvidenceSealer#signPrepared}, whatever the number of products; typed errors for a key that
 * refuses or is unreachable and for an authority that hangs, answers garbage or rejects; nothing
 * left at any target after a failure; a retry that succeeds. The authority is the testkit's
 * {@link TestTimestampServer}, reached through {@link #createAuthority}.
 *
 * <p>Every seal is checked twice: by the sealer's own verification, and independently with Bouncy
 * Castle (byte range, CMS signature with the key's certificate, signature timestamp over the
 * signature value). A subclass whose module has a full validator (the EU's DSS) adds it in
 * {@link #judge}.
 *
 * <p>{@link EvidenceSealer#preparedSeals()} is a capability: a sealer that declares it is held to
 * {@link EvidenceSealer#signPrepared} (the suite prepares PDFs itself, as the description says, and
 * the finished seals must verify); one that does not must refuse {@code signPrepared} with
 * {@link UnsupportedOperationException}.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EvidenceSealerContract {

    /** The timeout of the authority client in the test of an authority that does not answer. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The timeout of the authority client everywhere else: long, so that a busy machine fails no test. */
    private static final Duration PATIENT = Duration.ofSeconds(30);

    /** The sealer under test, with key and authority; fresh for each test and closed after it. */
    protected EvidenceSealer sealer;

    private TestPki pki;
    private TestTimestampServer server;
    private Switch key;
    private List<X509Certificate> anchors;

    /** Creates the suite. */
    protected EvidenceSealerContract() {
    }

    /**
     * Builds the sealer under test.
     *
     * @param key the key, if the sealer is to seal; the sealer closes it
     * @param tsa the timestamp authority, if it is to timestamp; the sealer closes it
     * @param trustAnchors the certificates its verification trusts
     * @return the sealer
     * @throws Exception if it cannot be built
     */
    protected abstract EvidenceSealer createSealer(Optional<SealingKey> key, Optional<TimestampAuthority> tsa,
            List<X509Certificate> trustAnchors) throws Exception;

    /**
     * @param endpoint an RFC 3161 HTTP endpoint
     * @param timeout how long the client waits for an answer at most
     * @return a client of it, as the sealer would get it in production
     * @throws Exception if it cannot be created
     */
    protected abstract TimestampAuthority createAuthority(URI endpoint, Duration timeout) throws Exception;

    /**
     * The key to seal with; override per key provider. Its chain must end with the root that
     * {@link #trustAnchor(SealingKey)} names.
     *
     * @return a new, open key
     * @throws Exception if it cannot be opened
     */
    protected SealingKey createKey() throws Exception {
        return TestSealingKey.of(pki);
    }

    /**
     * The test PKI whose TSA certificate signs the suite's timestamps and whose sealing key
     * {@link #createKey()} uses by default. Called once per class. Override it to share one PKI with
     * the keys a subclass opens (a PKCS#12 file or a token holding that PKI's sealing key), so that
     * seal and timestamps chain to one root.
     *
     * @return the PKI; a new one by default
     */
    protected TestPki pki() {
        return TestPki.builder().name("Sealer Contract").build();
    }

    /**
     * @param key the key under test
     * @return the trust anchor of its chain; the last certificate of the chain by default
     */
    protected X509Certificate trustAnchor(SealingKey key) {
        List<X509Certificate> chain = key.certificateChain();
        return chain.get(chain.size() - 1);
    }

    /**
     * A full validator's verdict on a sealed PDF, for subclasses whose module has one (the EU's
     * DSS); the suite's own checks run whether or not it is overridden.
     *
     * @param sealedPdf a PDF the sealer under test sealed
     * @param level the PAdES baseline level the sealer reported, for example {@code B-T}
     * @param trustAnchors the seal's root first, then the timestamps' if it is another
     * @throws Exception if the validator rejects it
     */
    protected void judge(Path sealedPdf, String level, List<X509Certificate> trustAnchors) throws Exception {
        // no full validator in the testkit; PdfSeals.check is the independent check
    }

    @BeforeAll
    void startAuthority() {
        pki = pki();
        server = TestTimestampServer.start(pki);
    }

    @AfterAll
    void stopAuthority() {
        server.close();
    }

    @BeforeEach
    void open() throws Exception {
        server.behave(Behaviour.GRANT);
        key = new Switch(createKey());
        anchors = List.copyOf(new java.util.LinkedHashSet<>(List.of(trustAnchor(key), pki.rootCertificate())));
        sealer = createSealer(Optional.of(key), Optional.of(createAuthority(server.uri(), PATIENT)), anchors);
    }

    @AfterEach
    void close() {
        sealer.close();
    }

    @Test
    @DisplayName("a sealer with key and authority says so; one without a key or without an authority refuses what needs it")
    void capabilities() throws Exception {
        assertThat(sealer.id()).isNotBlank();
        assertThat(sealer.seals()).isTrue();
        assertThat(sealer.timestamps()).isTrue();
        assertThat(sealer.qualification()).isNotNull();
        assertThat(sealer.qualification().reasons()).isNotNull();
        try (EvidenceSealer keyOnly = createSealer(Optional.of(new Switch(createKey())), Optional.empty(), anchors)) {
            assertThat(keyOnly.seals()).isTrue();
            assertThat(keyOnly.timestamps()).isFalse();
            assertThatThrownBy(() -> keyOnly.timestamp(new byte[32])).isInstanceOf(IllegalStateException.class);
        }
        try (EvidenceSealer tsaOnly = createSealer(Optional.empty(), Optional.of(createAuthority(server.uri(), PATIENT)),
                anchors)) {
            assertThat(tsaOnly.seals()).isFalse();
            assertThat(tsaOnly.timestamps()).isTrue();
            assertThatThrownBy(() -> tsaOnly.seal(List.of(), List.of())).isInstanceOf(IllegalStateException.class);
            assertThat(tsaOnly.verifyTimestamp("t", PdfSeals.sha256(new byte[] {1}),
                    tsaOnly.timestamp(PdfSeals.sha256(new byte[] {1}))).passed()).isTrue();
        }
    }

    @Test
    @DisplayName("a batch of PDFs and detached files is sealed with one key call; each seal verifies on its own")
    void sealsWithOneKeyCall(@TempDir Path dir) throws Exception {
        List<SealJob> jobs = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path source = PdfSeals.write(dir.resolve("r" + i + ".pdf"), "rendition " + i);
            originals.add(Files.readAllBytes(source));
            jobs.add(new SealJob(source, dir.resolve("r" + i + ".sealed.pdf")));
        }
        List<Path> detached = List.of(Files.writeString(dir.resolve("p.json"), "{\"protocol\":1}"),
                Files.writeString(dir.resolve("q.json"), "{\"protocol\":2}"));
        int before = key.calls.get();
        Sealed sealed = sealer.seal(jobs, detached);
        assertThat(key.calls.get() - before).as("key calls for 3 PDFs and 2 files").isEqualTo(1);
        assertThat(sealed.pdfLevel()).isIn("B-T", "B-LT");
        assertThat(sealed.detachedSeals()).hasSize(2);
        for (int i = 0; i < jobs.size(); i++) {
            SealJob j = jobs.get(i);
            assertThat(Files.readAllBytes(j.source())).as("source %d unchanged", i).isEqualTo(originals.get(i));
            byte[] out = Files.readAllBytes(j.target());
            assertThat(Arrays.copyOf(out, originals.get(i).length)).as("sealed %d starts with its source", i)
                    .isEqualTo(originals.get(i));
            PdfSeals.Check check = PdfSeals.check(j.target(), key.certificateChain().get(0));
            assertThat(check.intact()).as("seal %d verifies with the key's certificate", i).isTrue();
            assertThat(check.timestamped()).as("seal %d carries a timestamp over its signature value", i).isTrue();
            assertThat(check.signingTimeAttribute()).as("PAdES: no signing-time attribute").isFalse();
            EvidenceReport report = sealer.verifyPdf(j.target().getFileName().toString(), j.target());
            assertThat(report.verdict()).as("%s", report).isEqualTo(EvidenceReport.Verdict.PASSED);
            assertThat(report.seals()).isGreaterThanOrEqualTo(2);
            judge(j.target(), sealed.pdfLevel(), anchors);
        }
        for (int i = 0; i < detached.size(); i++) {
            byte[] cms = sealed.detachedSeals().get(i);
            PdfSeals.Check check = PdfSeals.checkCms(Files.readAllBytes(detached.get(i)), cms, key.certificateChain().get(0));
            assertThat(check.intact()).as("detached seal %d", i).isTrue();
            assertThat(check.timestamped()).isTrue();
            assertThat(check.signingTimeAttribute()).as("CAdES: a signing-time attribute").isTrue();
            assertThat(sealer.verifyDetachedSeal("d" + i, detached.get(i), cms).verdict()).isEqualTo(EvidenceReport.Verdict.PASSED);
        }
    }

    @Test
    @DisplayName("without an authority the seals are B-B, without a timestamp, and still verify")
    void keyOnly(@TempDir Path dir) throws Exception {
        try (EvidenceSealer keyOnly = createSealer(Optional.of(new Switch(createKey())), Optional.empty(), anchors)) {
            SealJob job = new SealJob(PdfSeals.write(dir.resolve("a.pdf"), "a"), dir.resolve("a.sealed.pdf"));
            assertThat(keyOnly.seal(List.of(job), List.of()).pdfLevel()).isEqualTo("B-B");
            PdfSeals.Check check = PdfSeals.check(job.target(), key.certificateChain().get(0));
            assertThat(check.intact()).isTrue();
            assertThat(check.timestamped()).isFalse();
            assertThat(keyOnly.verifyPdf("a", job.target()).verdict()).isEqualTo(EvidenceReport.Verdict.PASSED);
            judge(job.target(), "B-B", anchors);
        }
    }

    @Test
    @DisplayName("a changed byte breaks a seal; a PDF without seal is broken; another trust anchor makes a seal untrusted")
    void tamperAndTrust(@TempDir Path dir) throws Exception {
        SealJob job = new SealJob(PdfSeals.write(dir.resolve("a.pdf"), "the original text"), dir.resolve("a.sealed.pdf"));
        Path json = Files.writeString(dir.resolve("a.json"), "{\"a\":1}");
        Sealed sealed = sealer.seal(List.of(job), List.of(json));
        byte[] bytes = Files.readAllBytes(job.target());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("original");
        bytes[at] = 'O';
        Path changed = Files.write(dir.resolve("changed.pdf"), bytes);
        assertThat(sealer.verifyPdf("changed", changed).verdict()).isEqualTo(EvidenceReport.Verdict.BROKEN);
        assertThat(PdfSeals.check(changed, key.certificateChain().get(0)).intact()).as("the suite's own check agrees").isFalse();
        assertThat(sealer.verifyPdf("unsealed", job.source()).verdict()).isEqualTo(EvidenceReport.Verdict.BROKEN);
        Path otherJson = Files.writeString(dir.resolve("b.json"), "{\"a\":2}");
        assertThat(sealer.verifyDetachedSeal("b", otherJson, sealed.detachedSeals().get(0)).verdict())
                .isEqualTo(EvidenceReport.Verdict.BROKEN);
        TestPki stranger = TestPki.builder().name("Stranger").sealKeyType(TestPki.KeyType.EC_P256).build();
        try (EvidenceSealer distrusting = createSealer(Optional.empty(),
                Optional.of(createAuthority(server.uri(), PATIENT)), List.of(stranger.rootCertificate()))) {
            assertThat(distrusting.verifyPdf("a", job.target()).verdict()).isEqualTo(EvidenceReport.Verdict.UNTRUSTED);
        }
    }

    @Test
    @DisplayName("a key that is unreachable or refuses: a typed error naming the key, no target left, and a retry succeeds")
    void keyFailures(@TempDir Path dir) throws Exception {
        for (SealingException.Reason reason : SealingException.Reason.values()) {
            SealJob job = new SealJob(PdfSeals.write(dir.resolve(reason + ".pdf"), "x"), dir.resolve(reason + ".sealed.pdf"));
            Path json = Files.writeString(dir.resolve(reason + ".json"), "{}");
            key.fail.set(reason);
            Set<Path> files = files(dir);
            SealingException e = catchThrowableOfType(SealingException.class, () -> sealer.seal(List.of(job), List.of(json)));
            assertThat(e).as("%s: a SealingException", reason).isNotNull();
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.keyId()).isEqualTo(key.id());
            assertThat(e.isTransient()).isEqualTo(reason == SealingException.Reason.UNAVAILABLE);
            assertThat(files(dir)).as("no half-sealed target, no temporary file left").isEqualTo(files);
            key.fail.set(null);
            assertThat(sealer.seal(List.of(job), List.of(json)).detachedSeals()).hasSize(1);
            assertThat(sealer.verifyPdf("retried", job.target()).passed()).isTrue();
        }
    }

    @Test
    @DisplayName("an authority that hangs, answers garbage, rejects or fails: a typed error, no target left, and a retry succeeds")
    void authorityFailures(@TempDir Path dir) throws Exception {
        List<Case> cases = List.of(new Case(Behaviour.HANG, TimestampException.Reason.TIMEOUT),
                new Case(Behaviour.GARBAGE, TimestampException.Reason.MALFORMED),
                new Case(Behaviour.WRONG_IMPRINT, TimestampException.Reason.MALFORMED),
                new Case(Behaviour.REJECT, TimestampException.Reason.REJECTED),
                new Case(Behaviour.SERVER_ERROR, TimestampException.Reason.UNAVAILABLE));
        try (EvidenceSealer impatient = createSealer(Optional.of(new Switch(createKey())),
                Optional.of(createAuthority(server.uri(), TIMEOUT)), anchors)) {
            for (Case c : cases) {
                authorityFails(impatient, dir, c);
            }
        }
    }

    /** How the authority misbehaves, and the reason the sealer must give. */
    private record Case(Behaviour behaviour, TimestampException.Reason reason) {
    }

    private void authorityFails(EvidenceSealer impatient, Path dir, Case c) throws Exception {
        String name = c.behaviour().name();
        SealJob job = new SealJob(PdfSeals.write(dir.resolve(name + ".pdf"), name), dir.resolve(name + ".sealed.pdf"));
        server.behave(c.behaviour());
        Set<Path> files = files(dir);
        long start = System.nanoTime();
        TimestampException e = catchThrowableOfType(TimestampException.class, () -> impatient.seal(List.of(job), List.of()));
        assertThat(e).as("%s: a TimestampException", name).isNotNull();
        assertThat(e.reason()).as(name).isEqualTo(c.reason());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(name).isLessThan(TIMEOUT.multipliedBy(5));
        assertThat(files(dir)).as("%s: no half-sealed target, no temporary file left", name).isEqualTo(files);
        TimestampException direct = catchThrowableOfType(TimestampException.class, () -> impatient.timestamp(new byte[32]));
        assertThat(direct).as("%s: timestamp() fails typed too", name).isNotNull();
        assertThat(direct.reason()).isEqualTo(c.reason());
        server.behave(Behaviour.GRANT);
        sealer.seal(List.of(job), List.of());
        assertThat(sealer.verifyPdf(name, job.target()).passed()).as("%s: the retry seals", name).isTrue();
    }

    @Test
    @DisplayName("a target that exists is refused and left as it is; a seal is never written over its source")
    void targetsAreNew(@TempDir Path dir) throws Exception {
        Path source = PdfSeals.write(dir.resolve("a.pdf"), "a");
        Path target = Files.writeString(dir.resolve("taken.pdf"), "already here");
        assertThatThrownBy(() -> sealer.seal(List.of(new SealJob(source, target)), List.of()))
                .isInstanceOfAny(EvidenceException.class, IllegalArgumentException.class);
        assertThat(Files.readString(target)).isEqualTo("already here");
        assertThatThrownBy(() -> new SealJob(source, source)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(List.of(new SealJob(dir.resolve("missing.pdf"), dir.resolve("m.sealed.pdf"))),
                List.of())).isInstanceOfAny(EvidenceException.class, IllegalArgumentException.class);
        assertThat(dir.resolve("m.sealed.pdf")).doesNotExist();
    }

    @Test
    @DisplayName("a timestamp covers the digest it was asked for; another digest or a wrong length is refused")
    void timestamps() {
        byte[] digest = PdfSeals.sha256("checkpoint".getBytes(StandardCharsets.UTF_8));
        byte[] token = sealer.timestamp(digest);
        assertThat(sealer.verifyTimestamp("checkpoint", digest, token).verdict()).isEqualTo(EvidenceReport.Verdict.PASSED);
        byte[] other = PdfSeals.sha256("another".getBytes(StandardCharsets.UTF_8));
        assertThat(sealer.verifyTimestamp("checkpoint", other, token).verdict()).isEqualTo(EvidenceReport.Verdict.BROKEN);
        assertThatThrownBy(() -> sealer.timestamp(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("prepared PDFs and file digests: one key call for all, CMS within the reserve, the filled PDFs and the"
            + " detached seals verify")
    void prepared(@TempDir Path dir) throws Exception {
        Optional<PreparedSeals> spec = sealer.preparedSeals();
        if (spec.isEmpty()) {
            // not offered: the call must say so rather than do something else
            assertThatThrownBy(() -> sealer.signPrepared(List.of(new byte[32]))).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        PreparedSeals s = spec.get();
        List<PdfSeals.Prepared> pdfs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pdfs.add(PdfSeals.prepare(dir.resolve("p" + i + ".pdf"), "prepared " + i, s));
        }
        List<byte[]> files = List.of("{\"protocol\":1}".getBytes(StandardCharsets.UTF_8),
                "{\"protocol\":2}".getBytes(StandardCharsets.UTF_8));
        int before = key.calls.get();
        List<byte[]> cms = sealer.signPrepared(pdfs.stream().map(PdfSeals.Prepared::digest).toList(),
                files.stream().map(f -> s.digest().newDigest().digest(f)).toList());
        assertThat(key.calls.get() - before).as("key calls for 4 prepared PDFs and 2 files").isEqualTo(1);
        assertThat(cms).hasSize(6);
        for (int i = 0; i < files.size(); i++) {
            PdfSeals.Check check = PdfSeals.checkCms(files.get(i), cms.get(4 + i), key.certificateChain().get(0));
            assertThat(check.intact()).as("detached seal %d over its file", i).isTrue();
            assertThat(check.timestamped()).isEqualTo(sealer.timestamps());
            assertThat(check.signingTimeAttribute()).as("CAdES: a signing-time attribute").isTrue();
        }
        for (int i = 0; i < pdfs.size(); i++) {
            assertThat(cms.get(i).length).as("CMS %d within the reserve", i).isLessThanOrEqualTo(s.reserveBytes());
            PdfSeals.fill(pdfs.get(i), cms.get(i));
            Path pdf = pdfs.get(i).file();
            PdfSeals.Check check = PdfSeals.check(pdf, key.certificateChain().get(0));
            assertThat(check.intact()).as("prepared seal %d", i).isTrue();
            assertThat(check.timestamped()).isEqualTo(sealer.timestamps());
            assertThat(check.signingTimeAttribute()).isFalse();
            assertThat(sealer.verifyPdf("p" + i, pdf).verdict()).isEqualTo(EvidenceReport.Verdict.PASSED);
            judge(pdf, s.pdfLevel(), anchors);
        }
        assertThatThrownBy(() -> sealer.signPrepared(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.signPrepared(List.of(new byte[s.digest().length() - 1])))
                .isInstanceOf(IllegalArgumentException.class);
        key.fail.set(SealingException.Reason.UNAVAILABLE);
        assertThatThrownBy(() -> sealer.signPrepared(List.of(pdfs.get(0).digest()))).isInstanceOf(SealingException.class);
        key.fail.set(null);
        server.behave(Behaviour.GARBAGE);
        assertThatThrownBy(() -> sealer.signPrepared(List.of(pdfs.get(0).digest()))).isInstanceOf(TimestampException.class);
    }

    @Test
    @DisplayName("renewal adds a document timestamp to a sealed PDF as a new file; the source stays as it is")
    void renews(@TempDir Path dir) throws Exception {
        SealJob job = new SealJob(PdfSeals.write(dir.resolve("a.pdf"), "a"), dir.resolve("a.sealed.pdf"));
        sealer.seal(List.of(job), List.of());
        byte[] sealedBytes = Files.readAllBytes(job.target());
        Path renewed = dir.resolve("a.renewed.pdf");
        sealer.renew(new SealJob(job.target(), renewed));
        assertThat(Files.readAllBytes(job.target())).isEqualTo(sealedBytes);
        assertThat(Arrays.copyOf(Files.readAllBytes(renewed), sealedBytes.length)).isEqualTo(sealedBytes);
        EvidenceReport before = sealer.verifyPdf("sealed", job.target());
        EvidenceReport after = sealer.verifyPdf("renewed", renewed);
        assertThat(after.verdict()).as("%s", after).isEqualTo(EvidenceReport.Verdict.PASSED);
        assertThat(after.seals()).isGreaterThan(before.seals());
        DigestAlgorithm d = sealer.renewalDigest();
        try {
            assertThat(sealer.newestTimestampDigest(renewed)).contains(d.jcaName());
            assertThat(sealer.newestTimestampDigest(job.source())).isEmpty();
        } catch (UnsupportedOperationException optional) {
            // the SPI lets a sealer not tell (its default); renewal by age works without it
        }
    }

    private static Set<Path> files(Path dir) throws java.io.IOException {
        try (var list = Files.list(dir)) {
            return new java.util.TreeSet<>(list.toList());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent callers each get their own intact seals")
    void concurrent(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    SealJob job = new SealJob(PdfSeals.write(dir.resolve("c" + n + ".pdf"), "concurrent " + n),
                            dir.resolve("c" + n + ".sealed.pdf"));
                    sealer.seal(List.of(job), List.of());
                    return job.target();
                }));
            }
            for (Future<Path> f : results) {
                Path pdf = f.get();
                assertThat(PdfSeals.check(pdf, key.certificateChain().get(0)).intact()).as("%s", pdf.getFileName()).isTrue();
                assertThat(sealer.verifyPdf("c", pdf).passed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("closing twice is harmless, and closes the key")
    void closes() {
        sealer.close();
        sealer.close();
        assertThat(key.closed.get()).isTrue();
    }

    /** The layer between sealer and key: counts the calls and fails them on demand. */
    private static final class Switch implements SealingKey {
        private final SealingKey inner;
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicReference<SealingException.Reason> fail = new AtomicReference<>();
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Switch(SealingKey inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return inner.certificateChain();
        }

        @Override
        public Set<SignatureAlgorithm> algorithms() {
            return inner.algorithms();
        }

        @Override
        public boolean qualified() {
            return inner.qualified();
        }

        @Override
        public List<byte[]> sign(SignatureAlgorithm algorithm, List<byte[]> digests) {
            calls.incrementAndGet();
            SealingException.Reason r = fail.get();
            if (r != null) {
                throw new SealingException(inner.id(), r, "the suite made it fail", null);
            }
            return inner.sign(algorithm, digests);
        }

        @Override
        public RevocationData revocationData() {
            return inner.revocationData();
        }

        @Override
        public void close() {
            closed.set(true);
            inner.close();
        }
    }
}
