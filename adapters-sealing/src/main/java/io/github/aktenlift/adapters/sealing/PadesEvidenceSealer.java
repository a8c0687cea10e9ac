package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.EvidenceException;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.PreparedSeals;
import io.github.aktenlift.spi.sealing.Qualification;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealJob;
import io.github.aktenlift.spi.sealing.Sealed;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.TimestampAuthority;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The sealing adapter's {@link EvidenceSealer}: {@link PadesSealer} and the detached CAdES seal in
 * one key call, {@link DocumentTimestamper} for renewal, {@link SealVerifier} for checks. The level
 * follows what is configured: B-B with a key alone, B-T with a timestamp authority, B-LT when the
 * key also supplies revocation data (asked once, when the sealer is built).
 *
 * <p>Trust anchors: those given to the builder; if none, the root (last certificate) of the key's
 * chain, which is convenient for a PKI whose seal and timestamp certificates share a root (a test
 * PKI); an operator names the anchors of the trust service providers explicitly.
 *
 * <p>Thread-safe. Closing closes the key and the authority.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PadesEvidenceSealer implements EvidenceSealer {

    private final Optional<SealingKey> key;
    private final Optional<TimestampAuthority> tsa;
    private final Optional<PadesSealer> sealer;
    private final SealVerifier verifier;
    private final Clock clock;
    private final DigestAlgorithm renewalDigest;
    private final String id;
    private final String reason;

    private PadesEvidenceSealer(Builder b) {
        this.key = Optional.ofNullable(b.key);
        this.tsa = Optional.ofNullable(b.tsa);
        this.clock = b.clock;
        this.renewalDigest = b.renewalDigest;
        this.reason = b.reason;
        if (key.isEmpty() && tsa.isEmpty()) {
            throw new IllegalArgumentException("an evidence sealer needs a sealing key, a timestamp authority, or both");
        }
        this.sealer = key.map(k -> {
            PadesSealer.Builder sb = PadesSealer.builder(k).clock(clock).reason(b.reason);
            tsa.ifPresent(sb::timestampAuthority);
            PadesLevel level = tsa.isEmpty() ? PadesLevel.B_B : k.revocationData().isEmpty() ? PadesLevel.B_T : PadesLevel.B_LT;
            return sb.level(level).build();
        });
        Set<X509Certificate> anchors = new LinkedHashSet<>(b.trustAnchors);
        if (anchors.isEmpty()) {
            key.ifPresent(k -> anchors.add(k.certificateChain().get(k.certificateChain().size() - 1)));
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor: name the certificates to trust");
        }
        this.verifier = new SealVerifier(anchors);
        this.id = "pades:" + key.map(SealingKey::id).orElse("-") + "|" + tsa.map(TimestampAuthority::id).orElse("-");
    }

    /** @return a builder; give it a key, an authority, or both */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean seals() {
        return key.isPresent();
    }

    @Override
    public boolean timestamps() {
        return tsa.isPresent();
    }

    @Override
    public Qualification qualification() {
        return key.map(Qualifications::of).orElse(new Qualification(false, List.of("no sealing key configured")));
    }

    /** @return the PAdES level {@link #seal} produces, for example {@code B-T}; empty without a key */
    public Optional<String> level() {
        return sealer.map(s -> s.level().name().replace('_', '-'));
    }

    @Override
    public Sealed seal(List<SealJob> pdfs, List<Path> detached) {
        PadesSealer s = sealer.orElseThrow(() -> new IllegalStateException("no sealing key configured"));
        List<byte[]> seals = new ArrayList<>(detached.size());
        try {
            s.sealAll(pdfs.stream().map(j -> new FileJob(j.source(), j.target())).toList(), detached, seals);
        } catch (SealingFailedException e) {
            throw new EvidenceException(e.getMessage(), e);
        }
        return new Sealed(level().orElseThrow(), seals);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Present at levels B-B and B-T, whose seal is complete with the CMS in its placeholder; a
     * key with revocation data (B-LT) seals through {@link #seal}, which appends the DSS dictionary.
     */
    @Override
    public Optional<PreparedSeals> preparedSeals() {
        return sealer.filter(s -> s.level().compareTo(PadesLevel.B_LT) < 0)
                .map(s -> new PreparedSeals(s.algorithm().digest(), s.reserve(), level().orElseThrow(), Optional.of(reason)));
    }

    @Override
    public List<byte[]> signPrepared(List<byte[]> byteRangeDigests, List<byte[]> fileDigests) {
        PadesSealer s = sealer.orElseThrow(() -> new IllegalStateException("no sealing key configured"));
        if (preparedSeals().isEmpty()) {
            throw new UnsupportedOperationException(id + " seals at " + s.level() + ", which needs the whole file");
        }
        try {
            return s.signDigests(byteRangeDigests, fileDigests);
        } catch (SealingFailedException e) {
            throw new EvidenceException(e.getMessage(), e);
        }
    }

    @Override
    public void renew(SealJob job) {
        TimestampAuthority t = tsa.orElseThrow(() -> new IllegalStateException("no timestamp authority configured"));
        RevocationData revocation = key.map(SealingKey::revocationData).orElse(RevocationData.none());
        try {
            new DocumentTimestamper(t, renewalDigest).renew(job.source(), job.target(), revocation);
        } catch (SealingFailedException e) {
            throw new EvidenceException(e.getMessage(), e);
        }
    }

    @Override
    public DigestAlgorithm renewalDigest() {
        return renewalDigest;
    }

    @Override
    public Optional<String> newestTimestampDigest(Path pdf) {
        try {
            return verifier.newestTimestampDigest(pdf);
        } catch (IOException e) {
            throw new EvidenceException(pdf.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] timestamp(byte[] sha256) {
        DigestAlgorithm.SHA256.checkLength(sha256);
        return tsa.orElseThrow(() -> new IllegalStateException("no timestamp authority configured"))
                .timestamp(DigestAlgorithm.SHA256, sha256);
    }

    @Override
    public EvidenceReport verifyPdf(String object, Path pdf) {
        return report(object, verifier.verifyPdf(pdf));
    }

    @Override
    public EvidenceReport verifyDetachedSeal(String object, Path data, byte[] cms) {
        return report(object, verifier.verifyDetachedSeal(data, cms));
    }

    @Override
    public EvidenceReport verifyTimestamp(String object, byte[] sha256, byte[] token) {
        return report(object, verifier.verifyTimestamp(object, sha256, token));
    }

    /** Turns the verifier's detailed report into the SPI's verdict. */
    static EvidenceReport report(String object, VerificationReport r) {
        List<String> findings = new ArrayList<>(r.findings());
        collect(r.checks(), findings);
        EvidenceReport.Verdict verdict = r.broken() || r.checks().isEmpty() ? EvidenceReport.Verdict.BROKEN
                : r.passed() ? EvidenceReport.Verdict.PASSED : EvidenceReport.Verdict.UNTRUSTED;
        return new EvidenceReport(object, verdict, count(r.checks()), findings);
    }

    private static void collect(List<SignatureCheck> checks, List<String> out) {
        for (SignatureCheck c : checks) {
            c.findings().forEach(f -> out.add(c.name() + ": " + f));
            collect(c.timestamps(), out);
        }
    }

    private static int count(List<SignatureCheck> checks) {
        int n = 0;
        for (SignatureCheck c : checks) {
            n += 1 + count(c.timestamps());
        }
        return n;
    }

    @Override
    public void close() {
        key.ifPresent(SealingKey::close);
        tsa.ifPresent(TimestampAuthority::close);
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * Builds a {@link PadesEvidenceSealer}.
     *
     * @since 0.2
     */
    public static final class Builder {
        private SealingKey key;
        private TimestampAuthority tsa;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private String reason = "Ersetzendes Scannen nach BSI TR-03138 (TR-RESISCAN)";
        private DigestAlgorithm renewalDigest = DigestAlgorithm.SHA256;

        private Builder() {
        }

        /**
         * @param key the sealing key; the sealer closes it
         * @return this builder
         */
        public Builder key(SealingKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * @param tsa the timestamp authority; the sealer closes it
         * @return this builder
         */
        public Builder timestampAuthority(TimestampAuthority tsa) {
            this.tsa = Objects.requireNonNull(tsa, "tsa");
            return this;
        }

        /**
         * @param anchors the certificates the verifier trusts (roots of the seal and timestamp chains)
         * @return this builder
         */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            anchors.forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "trust anchor")));
            return this;
        }

        /**
         * @param clock the clock of the claimed signing time
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param reason the seals' {@code /Reason}; never personal data
         * @return this builder
         */
        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /**
         * @param digest the imprint digest of renewal timestamps (default SHA-256); configure a
         *     stronger one when the one existing evidence rests on weakens
         * @return this builder
         * @since 0.2
         */
        public Builder renewalDigest(DigestAlgorithm digest) {
            this.renewalDigest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /**
         * @return the sealer
         * @throws IllegalArgumentException if it has neither key nor authority, or no trust anchor
         */
        public PadesEvidenceSealer build() {
            return new PadesEvidenceSealer(this);
        }
    }
}
