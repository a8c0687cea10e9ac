package io.github.aktenlift.adapters.sealing;

import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.sealing.RevocationData;
import io.github.aktenlift.spi.sealing.SealingException;
import io.github.aktenlift.spi.sealing.SealingKey;
import io.github.aktenlift.spi.sealing.SignatureAlgorithm;
import io.github.aktenlift.spi.sealing.TimestampAuthority;
import io.github.aktenlift.spi.sealing.TimestampException;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.apiguardian.api.API;

/**
 * Seals PDFs (renditions and protocol PDFs) with PAdES baseline signatures, each as incremental
 * updates after the untouched original bytes, so that a PDF/A-2b stays PDF/A-2b and the original
 * revision stays recoverable.
 *
 * <p><b>Batches.</b> {@link #sealAll} prepares every PDF (placeholder and signed attributes, one
 * PDF at a time), asks the key <em>once</em> for all signature values, and completes every PDF:
 * one authorisation and one round trip per delivery at a remote key, one standard seal per
 * product. {@link #seal} is a batch of one.
 *
 * <p><b>Atomicity.</b> Targets must not exist. Work happens in temporary files beside the targets;
 * only when every PDF of the call is complete are they moved to their targets. If anything fails
 * (the key, the timestamp authority, a PDF) no target of the call exists afterwards and the typed
 * exception of the failing part propagates: {@link SealingException},
 * {@link TimestampException} or {@link SealingFailedException}. Sources are only read.
 *
 * <p><b>Durability.</b> None of its own: the sealed files are new, unacknowledged objects that the
 * caller hashes into its journal and puts into its store, which makes them durable.
 *
 * <p><b>Memory.</b> One PDF's object graph (PDFBox loads lazily from the file) plus buffers; the
 * batch keeps 32 to 64 bytes per product and its signed attributes between the phases.
 *
 * <p><b>Timestamps.</b> The signature timestamps of a batch are asked for concurrently, up to eight
 * at once, so that a batch waits about one round trip to the authority rather than one per product.
 *
 * <p>Thread-safe: an instance holds configuration only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PadesSealer {

    private final SealingKey key;
    private final Optional<TimestampAuthority> tsa;
    private final PadesLevel level;
    private final SignatureAlgorithm algorithm;
    private final Clock clock;
    private final Optional<String> reason;

    private PadesSealer(Builder b) {
        this.key = b.key;
        this.tsa = Optional.ofNullable(b.tsa);
        this.level = b.level;
        this.algorithm = b.algorithm != null ? b.algorithm : defaultAlgorithm(key);
        this.clock = b.clock;
        this.reason = Optional.ofNullable(b.reason);
        if (!key.algorithms().contains(algorithm)) {
            throw new IllegalArgumentException("key '" + key.id() + "' does not offer " + algorithm);
        }
        if (level.needsTimestamps() && tsa.isEmpty()) {
            throw new IllegalArgumentException("level " + level + " needs a timestamp authority");
        }
    }

    /**
     * @param key the sealing key
     * @return a builder for level B-B with SHA-256
     */
    public static Builder builder(SealingKey key) {
        return new Builder(key);
    }

    static SignatureAlgorithm defaultAlgorithm(SealingKey key) {
        for (SignatureAlgorithm a : List.of(SignatureAlgorithm.RSA_SHA256, SignatureAlgorithm.ECDSA_SHA256)) {
            if (key.algorithms().contains(a)) {
                return a;
            }
        }
        return key.algorithms().iterator().next();
    }

    /** @return the level this sealer produces */
    public PadesLevel level() {
        return level;
    }

    /**
     * Seals one PDF.
     *
     * @param source the PDF to seal; only read
     * @param target where the sealed copy goes; must not exist
     * @return the sealed file's size and hash
     * @throws SealingFailedException if the PDF cannot be sealed or the target exists
     * @throws SealingException if the key does not sign
     * @throws TimestampException if the timestamp authority gives no token
     */
    public SealedFile seal(Path source, Path target) {
        return sealAll(List.of(new FileJob(source, target))).get(0);
    }

    /**
     * Seals several PDFs with one call to the key.
     *
     * @param jobs sources and targets; targets distinct and not existing
     * @return one sealed file per job, in order
     * @throws SealingFailedException if a PDF cannot be sealed or a target exists; no target is written
     * @throws SealingException if the key does not sign; no target is written
     * @throws TimestampException if the timestamp authority gives no token; no target is written
     */
    public List<SealedFile> sealAll(List<FileJob> jobs) {
        sealAll(jobs, List.of(), new ArrayList<>());
        List<SealedFile> sealed = new ArrayList<>(jobs.size());
        try {
            for (FileJob j : jobs) {
                sealed.add(step(j, () -> Staging.describe(j.target())));
            }
        } catch (SealingFailedException e) {
            // all or nothing, as promised: a target that cannot be read back does not stay
            for (FileJob j : jobs) {
                try {
                    java.nio.file.Files.deleteIfExists(j.target());
                } catch (IOException ignored) {
                    // the caller gets the original failure
                }
            }
            throw e;
        }
        return sealed;
    }

    /**
     * Seals PDFs and makes detached CAdES seals (as {@link DetachedSealer} does, at B-T when this
     * sealer timestamps) over further files, all with one call to the key.
     *
     * @param detached files that get a detached seal; only read
     * @param detachedSeals receives one DER CMS per detached file, in order, once all succeeded;
     *     the sealed PDFs are at their targets, not hashed here (the caller stores and hashes them)
     */
    void sealAll(List<FileJob> jobs, List<Path> detached, List<byte[]> detachedSeals) {
        if (jobs.isEmpty() && detached.isEmpty()) {
            return;
        }
        Set<Path> targets = new HashSet<>();
        for (FileJob j : jobs) {
            Staging.requireAbsent(j.target());
            if (!targets.add(j.target().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("target " + j.target().getFileName() + " twice in one batch");
            }
        }
        List<X509Certificate> chain = key.certificateChain();
        DigestAlgorithm digest = algorithm.digest();
        int reserve = reserve(chain);
        try (Staging staging = new Staging()) {
            // phase 1: placeholders and signed attributes, one PDF at a time
            List<PdfRevisions.Placeholder> placeholders = new ArrayList<>(jobs.size());
            List<DERSet> attributes = new ArrayList<>(jobs.size());
            List<byte[]> toSign = new ArrayList<>(jobs.size());
            for (FileJob j : jobs) {
                PdfRevisions.Placeholder p = step(j, () -> PdfRevisions.prepare(j.source(), staging.temporary(j.target()),
                        signatureDictionary(), reserve, digest));
                placeholders.add(p);
                DERSet attrs = Cms.signedAttributes(p.contentDigest(), chain.get(0), Optional.empty());
                attributes.add(attrs);
                toSign.add(digest.newDigest().digest(Cms.der(attrs)));
            }
            List<DERSet> detachedAttributes = new ArrayList<>(detached.size());
            Optional<java.time.Instant> signingTime = Optional.of(clock.instant());
            for (Path f : detached) {
                DERSet attrs = Cms.signedAttributes(DetachedSealer.hash(f, digest), chain.get(0), signingTime);
                detachedAttributes.add(attrs);
                toSign.add(digest.newDigest().digest(Cms.der(attrs)));
            }
            // phase 2: one call to the key for the whole batch
            List<byte[]> values = key.sign(algorithm, toSign);
            if (values.size() != toSign.size()) {
                throw new SealingException(key.id(), SealingException.Reason.UNAVAILABLE,
                        "returned " + values.size() + " signatures for " + toSign.size() + " digests", null);
            }
            // phase 3: signature timestamps, CMS, fill the placeholders
            Map<String, byte[]> validationCerts = new LinkedHashMap<>();
            for (X509Certificate c : chain) {
                validationCerts.putIfAbsent(c.getSerialNumber() + "/" + c.getIssuerX500Principal(), der(c));
            }
            List<Path> current = new ArrayList<>(jobs.size());
            List<byte[]> tokens = level.needsTimestamps() ? timestamps(values, digest) : List.of();
            for (int i = 0; i < jobs.size(); i++) {
                FileJob j = jobs.get(i);
                Optional<byte[]> token = Optional.empty();
                if (level.needsTimestamps()) {
                    byte[] t = tokens.get(i);
                    token = Optional.of(t);
                    if (level.compareTo(PadesLevel.B_LT) >= 0) {
                        tokenCertificates(t).forEach(c -> validationCerts.putIfAbsent(c.getSerialNumber() + "/"
                                + c.getIssuerX500Principal(), der(c)));
                    }
                }
                byte[] cms = Cms.signedData(attributes.get(i), algorithm, values.get(i), chain, token);
                PdfRevisions.Placeholder p = placeholders.get(i);
                step(j, () -> {
                    PdfRevisions.fill(p, cms);
                    return null;
                });
                current.add(p.file());
            }
            // phase 4: long-term validation data and document timestamps
            if (level.compareTo(PadesLevel.B_LT) >= 0) {
                RevocationData revocation = key.revocationData();
                for (int i = 0; i < jobs.size(); i++) {
                    FileJob j = jobs.get(i);
                    Path in = current.get(i);
                    Path out = staging.temporary(j.target());
                    step(j, () -> {
                        PdfRevisions.appendValidationData(in, out, validationCerts.values(), revocation);
                        return null;
                    });
                    current.set(i, out);
                }
            }
            if (level == PadesLevel.B_LTA) {
                for (int i = 0; i < jobs.size(); i++) {
                    FileJob j = jobs.get(i);
                    Path in = current.get(i);
                    Path out = staging.temporary(j.target());
                    step(j, () -> {
                        PdfRevisions.documentTimestamp(in, out, tsa.orElseThrow(), digest);
                        return null;
                    });
                    current.set(i, out);
                }
            }
            List<byte[]> detachedOut = new ArrayList<>(detached.size());
            for (int i = 0; i < detached.size(); i++) {
                byte[] value = values.get(jobs.size() + i);
                Optional<byte[]> token = level.needsTimestamps() ? Optional.of(tokens.get(jobs.size() + i)) : Optional.empty();
                detachedOut.add(Cms.signedData(detachedAttributes.get(i), algorithm, value, chain, token));
            }
            for (int i = 0; i < jobs.size(); i++) {
                FileJob j = jobs.get(i);
                Path in = current.get(i);
                step(j, () -> {
                    staging.move(in, j.target());
                    return null;
                });
            }
            staging.commit();
            detachedSeals.addAll(detachedOut);
        }
    }

    /**
     * Makes CMS signatures for digests a caller computed, with one call to the key and, at B-T, a
     * signature timestamp each: PAdES ones ({@code ETSI.CAdES.detached}, no signing-time attribute:
     * the time is the signature dictionary's {@code /M}) over the byte ranges of PDFs the caller
     * prepared, and detached CAdES ones (with a signing-time attribute) over files' contents. Only
     * for levels whose seal is complete with the CMS (B-B, B-T).
     *
     * @param pdfDigests the byte-range digests, each of {@link #algorithm()}'s digest length
     * @param fileDigests the files' content digests, likewise
     * @return one DER CMS per digest, PDFs' first, in order, each at most {@link #reserve()} bytes
     * @throws SealingException if the key does not sign
     * @throws TimestampException if a token is missing
     * @throws IllegalStateException if this sealer's level needs more than the CMS (B-LT and above)
     */
    public List<byte[]> signDigests(List<byte[]> pdfDigests, List<byte[]> fileDigests) {
        if (level.compareTo(PadesLevel.B_LT) >= 0) {
            throw new IllegalStateException("level " + level + " needs validation data after the signature");
        }
        if (pdfDigests.isEmpty() && fileDigests.isEmpty()) {
            throw new IllegalArgumentException("nothing to sign");
        }
        DigestAlgorithm digest = algorithm.digest();
        List<X509Certificate> chain = key.certificateChain();
        List<byte[]> digests = new ArrayList<>(pdfDigests);
        digests.addAll(fileDigests);
        List<DERSet> attributes = new ArrayList<>(digests.size());
        List<byte[]> toSign = new ArrayList<>(digests.size());
        Optional<java.time.Instant> signingTime = Optional.of(clock.instant());
        for (int i = 0; i < digests.size(); i++) {
            byte[] d = digests.get(i);
            digest.checkLength(d);
            DERSet attrs = Cms.signedAttributes(d, chain.get(0), i < pdfDigests.size() ? Optional.empty() : signingTime);
            attributes.add(attrs);
            toSign.add(digest.newDigest().digest(Cms.der(attrs)));
        }
        List<byte[]> values = key.sign(algorithm, toSign);
        if (values.size() != toSign.size()) {
            throw new SealingException(key.id(), SealingException.Reason.UNAVAILABLE,
                    "returned " + values.size() + " signatures for " + toSign.size() + " digests", null);
        }
        List<byte[]> tokens = level.needsTimestamps() ? timestamps(values, digest) : List.of();
        List<byte[]> out = new ArrayList<>(digests.size());
        int reserve = reserve(chain);
        for (int i = 0; i < digests.size(); i++) {
            byte[] cms = Cms.signedData(attributes.get(i), algorithm, values.get(i), chain,
                    level.needsTimestamps() ? Optional.of(tokens.get(i)) : Optional.empty());
            if (cms.length > reserve) {
                throw new SealingFailedException("signature " + (i + 1), "the signature takes " + cms.length
                        + " bytes, " + reserve + " were reserved", null);
            }
            out.add(cms);
        }
        return out;
    }

    /** @return the signature algorithm this sealer applies */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the most bytes one CMS of this sealer takes: the room a placeholder must have */
    public int reserve() {
        return reserve(key.certificateChain());
    }

    /** At most this many timestamp requests of one batch are in flight at once. */
    private static final int TIMESTAMP_CONCURRENCY = 8;
    private static final java.util.concurrent.ExecutorService TIMESTAMPS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "aktenlift-timestamp");
                t.setDaemon(true);
                return t;
            });

    /**
     * One signature timestamp per signature value, asked for concurrently (up to
     * {@value #TIMESTAMP_CONCURRENCY} at once): an authority's round trip, not its work, is what a
     * batch waits for, and the tokens are independent. All or nothing: the first failure is thrown,
     * the requests still open are cancelled.
     */
    private List<byte[]> timestamps(List<byte[]> values, DigestAlgorithm digest) {
        TimestampAuthority authority = tsa.orElseThrow();
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(TIMESTAMP_CONCURRENCY);
        List<java.util.concurrent.Future<byte[]>> pending = new ArrayList<>(values.size());
        try {
            for (byte[] v : values) {
                byte[] imprint = digest.newDigest().digest(v);
                permits.acquire();
                pending.add(TIMESTAMPS.submit(() -> {
                    try {
                        return authority.timestamp(digest, imprint);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<byte[]> out = new ArrayList<>(values.size());
            for (java.util.concurrent.Future<byte[]> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new TimestampException(authority.id(), TimestampException.Reason.UNAVAILABLE, "the request failed", e.getCause());
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new TimestampException(authority.id(), TimestampException.Reason.UNAVAILABLE, "interrupted", e);
        }
    }

    private PDSignature signatureDictionary() {
        PDSignature sig = new PDSignature();
        sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        sig.setSubFilter(PdfRevisions.ETSI_CADES_DETACHED);
        Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        when.setTimeInMillis(clock.millis());
        sig.setSignDate(when);
        reason.ifPresent(sig::setReason);
        sig.getCOSObject().setNeedToBeUpdated(true);
        return sig;
    }

    private int reserve(List<X509Certificate> chain) {
        int certs = 0;
        for (X509Certificate c : chain) {
            certs += der(c).length;
        }
        // signed attributes, signature value and structure fit in 4 KiB; a token with its TSA
        // chain in 12 KiB; anything beyond is slack in the PDF, not a risk
        return 4096 + certs + (level.needsTimestamps() ? 12 * 1024 : 0);
    }

    static List<X509Certificate> tokenCertificates(byte[] token) {
        try {
            TimeStampToken t = new TimeStampToken(new CMSSignedData(token));
            List<X509Certificate> out = new ArrayList<>();
            var conv = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter();
            for (Object h : t.getCertificates().getMatches(null)) {
                out.add(conv.getCertificate((org.bouncycastle.cert.X509CertificateHolder) h));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("a checked token cannot be read again", e);
        }
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    private static <T> T step(FileJob job, Step<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new SealingFailedException(job.source().getFileName().toString(), e.getMessage(), e);
        }
    }

    /**
     * Builds a {@link PadesSealer}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final SealingKey key;
        private TimestampAuthority tsa;
        private PadesLevel level = PadesLevel.B_B;
        private SignatureAlgorithm algorithm;
        private Clock clock = Clock.systemUTC();
        private String reason;

        private Builder(SealingKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /**
         * @param level the baseline level to produce
         * @return this builder
         */
        public Builder level(PadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * @param tsa the timestamp authority for B-T and above
         * @return this builder
         */
        public Builder timestampAuthority(TimestampAuthority tsa) {
            this.tsa = Objects.requireNonNull(tsa, "tsa");
            return this;
        }

        /**
         * @param algorithm the signature algorithm; default SHA-256 with the key's type
         * @return this builder
         */
        public Builder algorithm(SignatureAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * @param clock the clock of the signature dictionary's {@code M} (the claimed signing time)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param reason the signature dictionary's {@code /Reason}, for example
         *     "Ersetzendes Scannen nach TR-RESISCAN"; never personal data
         * @return this builder
         */
        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /**
         * @return the sealer
         * @throws IllegalArgumentException if the key lacks the algorithm or a level above B-B has no
         *     timestamp authority
         */
        public PadesSealer build() {
            return new PadesSealer(this);
        }
    }
}
