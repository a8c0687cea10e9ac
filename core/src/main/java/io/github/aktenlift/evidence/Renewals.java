package io.github.aktenlift.evidence;

import io.github.aktenlift.Actor;
import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Decision;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.rendition.EvidenceRenewal;
import io.github.aktenlift.rendition.RenewalPolicy;
import io.github.aktenlift.rendition.RenewalReport;
import io.github.aktenlift.spi.sealing.DigestAlgorithm;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.sealing.SealJob;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EventKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evidence renewal over the journal: see {@link EvidenceRenewal}. One pass over the journal finds
 * each case file's latest sealed capture and each rendition's latest renewal; then every sealed
 * rendition whose newest time is older than the age is copied from the store to a temporary file
 * (checked against its recorded SHA-256), given a document timestamp by the sealer, stored under
 * {@link StorageKeys#renewedRendition} with create-if-absent, and recorded as
 * {@link EventKind#EVIDENCE_RENEWED} before the next. What fails after storing and before recording
 * is removed again. Thread-safe: runs are serialised.
 */
public final class Renewals implements EvidenceRenewal {

    private final CommandLoop loop;
    private final Storage storage;
    private final EvidenceSealer sealer;

    /**
     * @param loop the command loop whose journal names the renditions
     * @param storage where they are
     * @param sealer the sealer, with a timestamp authority
     */
    public Renewals(CommandLoop loop, Storage storage, EvidenceSealer sealer) {
        this.loop = loop;
        this.storage = storage;
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /** A rendition's current version. */
    private record Version(String barcode, String key, String sha256, Instant time, int renewals) {
    }

    /** A case file's latest sealed capture: its protocol's key and hash, and when. */
    private record SealedCapture(Key protocol, String sha256, Instant time) {
    }

    @Override
    public RenewalReport renew(Actor actor, Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be zero or positive");
        }
        return renew(actor, RenewalPolicy.olderThan(olderThan));
    }

    @Override
    public synchronized RenewalReport renew(Actor actor, RenewalPolicy policy) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(policy, "policy");
        boolean byAlgorithm = !policy.weakeningDigests().isEmpty();
        if (byAlgorithm && policy.isWeakening(sealer.renewalDigest().jcaName())) {
            throw new IllegalArgumentException("the sealer renews with " + sealer.renewalDigest().jcaName()
                    + ", which the policy marks as weakening: configure a stronger renewal digest");
        }
        Map<String, SealedCapture> captures = new LinkedHashMap<>();
        Map<String, Version> renewed = new LinkedHashMap<>();
        loop.forEachEvent(e -> {
            if (e.kind() == EventKind.CAPTURED) {
                String barcode = Streams.subject(e.stream());
                if (e.get(Payload.PROTOCOL_SEAL) == null) {
                    captures.remove(barcode); // a later unsealed capture: nothing of it to renew
                } else {
                    String number = e.get(Payload.CAPTURE);
                    captures.put(barcode, new SealedCapture(StorageKeys.protocolJson(barcode, e.get(Payload.DELIVERY),
                            number == null ? 0 : Integer.parseInt(number)), e.get(Payload.PROTOCOL), e.time()));
                }
            } else if (e.kind() == EventKind.EVIDENCE_RENEWED) {
                Version before = renewed.get(e.get(Payload.RENDITION));
                renewed.put(e.get(Payload.RENDITION), new Version(Streams.subject(e.stream()), e.get(Payload.KEY),
                        e.get(Payload.SHA256), e.time(), before == null ? 1 : before.renewals() + 1));
            }
        });
        Instant cutoff = loop.clock().instant().minus(policy.olderThan());
        long examined = 0;
        long count = 0;
        List<RenewalReport.Renewal> listed = new ArrayList<>();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("aktenlift-renew-");
            for (Map.Entry<String, SealedCapture> c : captures.entrySet()) {
                ScanProtocol protocol = ScanProtocolCodec.read(read(c.getValue().protocol(), c.getValue().sha256(), null),
                        c.getValue().protocol().value());
                for (ScanProtocol.Rendition r : protocol.renditions()) {
                    examined++;
                    Version v = renewed.getOrDefault(r.key(),
                            new Version(c.getKey(), r.key(), r.sha256(), c.getValue().time(), 0));
                    Path source = scratch.resolve("current.pdf");
                    Files.deleteIfExists(source);
                    boolean due = v.time().isBefore(cutoff);
                    if (!due && byAlgorithm) {
                        read(Key.of(v.key()), v.sha256(), source);
                        Optional<String> digest = sealer.newestTimestampDigest(source);
                        due = digest.isEmpty() || policy.isWeakening(digest.get()) || !strong(digest.get());
                    }
                    if (!due) {
                        continue;
                    }
                    RenewalReport.Renewal done = renewOne(actor, r.key(), v, scratch);
                    count++;
                    if (listed.size() < RenewalReport.MAX_LISTED) {
                        listed.add(done);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evidence renewal needs scratch space", e);
        } finally {
            deleteTree(scratch);
        }
        return new RenewalReport(examined, listed, count);
    }

    /** @return whether the digest is one the SPI knows by name (an unknown one cannot be shown strong) */
    private static boolean strong(String digest) {
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            if (a.jcaName().equals(digest)) {
                return true;
            }
        }
        return false;
    }

    private RenewalReport.Renewal renewOne(Actor actor, String rendition, Version current, Path scratch) throws IOException {
        Path source = scratch.resolve("current.pdf");
        Path target = scratch.resolve("renewed.pdf");
        Files.deleteIfExists(target);
        if (!Files.exists(source)) {
            read(Key.of(current.key()), current.sha256(), source);
        }
        sealer.renew(new SealJob(source, target));
        Key key = StorageKeys.renewedRendition(Key.of(rendition), current.renewals() + 1);
        ContentInfo stored;
        try (InputStream in = Files.newInputStream(target)) {
            stored = storage.content().create(key, in);
        } catch (ConflictException e) {
            // left by a run that stopped before recording: evidence is never stored over
            throw new IllegalStateException("a renewed version is stored under " + key.value()
                    + " but not recorded; run storage doctor before renewing again", e);
        }
        try {
            loop.record(actor, "RecordEvidenceRenewal", (now, s) -> Decision.of(PendingEvent.of(
                    Streams.caseFile(new io.github.aktenlift.casefile.Barcode(current.barcode())),
                    EventKind.EVIDENCE_RENEWED, Payload.RENDITION, rendition, Payload.PREVIOUS, current.key(),
                    Payload.PREVIOUS_SHA256, current.sha256(), Payload.KEY, key.value(), Payload.SHA256, stored.sha256())));
        } catch (RuntimeException e) {
            try {
                storage.content().delete(key);
            } catch (RuntimeException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
        return new RenewalReport.Renewal(current.barcode(), rendition, current.key(), current.sha256(), key.value(),
                stored.sha256());
    }

    /** Reads an object, checking it against its recorded hash; into a file, or returns the bytes. */
    private byte[] read(Key key, String sha256, Path into) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.io.ByteArrayOutputStream kept = into == null ? new java.io.ByteArrayOutputStream() : null;
        try (InputStream in = storage.content().get(key);
             java.io.OutputStream out = into == null ? kept : Files.newOutputStream(into)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (sha256 != null && !sha256.equals(actual)) {
            throw new IntegrityException(key.value(), "differs from the SHA-256 the journal records; not renewed");
        }
        return kept == null ? null : kept.toByteArray();
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // scratch space
                }
            });
        } catch (IOException | ProviderException ignored) {
            // scratch space
        }
    }
}
