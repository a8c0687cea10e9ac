package io.github.aktenlift.tracking.query;

import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.ProviderException;
import io.github.aktenlift.spi.sealing.EvidenceReport;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.ContentProblem;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.EvidenceProblem;
import io.github.aktenlift.tracking.EvidenceProblem.Kind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.VerificationReport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deep verification: the journal's own check, then every stored object the journal names read
 * back and hashed against the hash recorded for it. One pass over the journal, one object at a
 * time, read in 64 KiB pieces: memory holds one scan protocol and the subject register's entry
 * hashes (64 hex digits per registered case file), whatever the size of the store. Then the
 * whole content store is listed, a page at a time, and every object its listing reports as foreign
 * or damaged that the journal pass has not already reported is reported as unreadable: an object
 * the journal does not name is still evidence that something wrote to the store behind
 * Aktenlift's back. Reads only.
 *
 * <p>With a sealer configured, a capture whose event records a protocol seal has every seal and
 * timestamp checked as well: each rendition and the protocol PDF (PAdES), the protocol JSON with
 * the detached seal beside it (CAdES). The sealer reads files, so each such object is copied to a
 * temporary file while it is hashed (one at a time, deleted at the end); an object the store itself
 * reports as changed is still checked, so that the report says whether its seal is broken too.
 */
final class EvidenceCheck {

    private static final int BUFFER = 64 * 1024;
    private static final long MAX_PROTOCOL_BYTES = 64L << 20;
    private static final int LIST_PAGE = 1000;

    private final CommandLoop loop;
    private final Storage storage;
    private final List<EvidenceProblem> problems = new ArrayList<>();
    /** Keys the journal pass found unreadable, so that the listing does not report them again. */
    private final Set<String> unreadableKeys = new HashSet<>();
    private long found;
    private long objects;
    private long bytes;
    private final byte[] buffer = new byte[BUFFER];
    private final Optional<EvidenceSealer> sealer;
    private final List<EvidenceReport> seals = new ArrayList<>();
    private long sealsChecked;
    /** Where a sealed object is copied to be checked by the sealer (which reads files); one at a time. */
    private Path scratch;

    EvidenceCheck(CommandLoop loop, Storage storage, Optional<EvidenceSealer> sealer) {
        this.loop = loop;
        this.storage = storage;
        this.sealer = sealer;
    }

    /**
     * @param journal the journal's verification (with its checkpoint tokens checked)
     * @return the report
     */
    DeepVerificationReport run(VerificationReport journal) {
        try {
            return runChecks(journal);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch.resolve("object"));
                    Files.deleteIfExists(scratch.resolve("data"));
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // scratch space; the OS temp cleaner takes what is left
                }
            }
        }
    }

    private DeepVerificationReport runChecks(VerificationReport journal) {
        List<Long> unreadable = new ArrayList<>();
        Map<String, String> subjects;
        try {
            subjects = loop.subjectEntryHashes(unreadable);
        } catch (ProviderException e) {
            problem(StorageKeys.SUBJECTS.value(), -1, Kind.UNREADABLE, e.getMessage());
            subjects = Map.of();
        }
        for (long sequence : unreadable) {
            problem(StorageKeys.SUBJECTS.value() + "#" + sequence, -1, Kind.UNREADABLE, "the entry is not readable");
        }
        Map<String, String> entries = subjects;
        try {
            loop.forEachEvent(e -> check(e, entries));
        } catch (RuntimeException e) {
            // the journal's own check has said what is wrong with it; the objects it names stop here
            if (journal.isIntact()) {
                problem(StorageKeys.EVENTS.value(), -1, Kind.UNREADABLE, e.getMessage());
            }
        }
        listingProblems();
        return new DeepVerificationReport(journal, objects, bytes, problems, found, seals, sealsChecked);
    }

    /** Reports what the content store's listing finds foreign or damaged. */
    private void listingProblems() {
        Optional<Key> after = Optional.empty();
        try {
            do {
                ContentPage page = storage.content().list("", after, LIST_PAGE);
                for (ContentProblem p : page.problems()) {
                    if (!unreadableKeys.contains(p.key())) {
                        problem(p.key(), -1, Kind.UNREADABLE, (p.reason() == ContentProblem.Reason.FOREIGN
                                ? "a foreign object in the content store: " : "the store's record of it is damaged: ")
                                + p.detail());
                    }
                }
                after = page.next();
            } while (after.isPresent());
        } catch (ProviderException e) {
            problem("content", -1, Kind.UNREADABLE, "the content store cannot be listed: " + e.getMessage());
        }
    }

    private void check(JournalEvent e, Map<String, String> subjects) {
        switch (e.kind()) {
            case REGISTERED, TRANSFER_REGISTERED -> subject(e, subjects);
            case DIGITAL_TRANSFER_RECEIVED -> {
                subject(e, subjects);
                digital(e);
            }
            case CAPTURED -> capture(e);
            case BASELINE_IMPORTED -> object(Key.of(e.get(Payload.KEY)), e.sequence(), -1, e.get(Payload.SHA256));
            case EVIDENCE_RENEWED -> {
                // the renewed version beside the old one, which its capture's protocol still names
                if (sealer.isPresent()) {
                    sealedPdf(Key.of(e.get(Payload.KEY)), e.sequence(), -1, e.get(Payload.SHA256));
                } else {
                    object(Key.of(e.get(Payload.KEY)), e.sequence(), -1, e.get(Payload.SHA256));
                }
            }
            default -> {
                // nothing stored apart from the journal
            }
        }
    }

    private void subject(JournalEvent e, Map<String, String> subjects) {
        objects++;
        String key = e.get(Payload.SUBJECT);
        String object = StorageKeys.SUBJECTS.value() + "#" + key;
        String sha = subjects.get(key);
        String recorded = e.get(Payload.SUBJECT_SHA256);
        if (sha == null) {
            problem(object, e.sequence(), Kind.MISSING, "no entry with the key the registration names");
        } else if (recorded != null && !recorded.equals(sha)) {
            problem(object, e.sequence(), Kind.ALTERED, "the entry differs from the SHA-256 the registration records");
        }
    }

    private void capture(JournalEvent e) {
        String recorded = e.get(Payload.PROTOCOL);
        if (recorded == null) {
            return; // a capture recorded without a stored protocol (by a command, not by ingest)
        }
        String barcode = Streams.subject(e.stream());
        String number = e.get(Payload.CAPTURE);
        int capture = number == null ? 0 : Integer.parseInt(number);
        Key json = StorageKeys.protocolJson(barcode, e.get(Payload.DELIVERY), capture);
        byte[] protocolBytes = read(json, e.sequence(), -1, recorded, true);
        Key pdf = StorageKeys.protocolPdf(barcode, e.get(Payload.DELIVERY), capture);
        String protocolSeal = e.get(Payload.PROTOCOL_SEAL);
        boolean sealed = protocolSeal != null && sealer.isPresent();
        // recorded since issue 13; for a capture recorded before, only the store's own check applies
        if (sealed) {
            sealedPdf(pdf, e.sequence(), -1, e.get(Payload.PROTOCOL_PDF));
        } else {
            object(pdf, e.sequence(), -1, e.get(Payload.PROTOCOL_PDF));
        }
        if (protocolSeal != null) {
            Key sealKey = StorageKeys.protocolSeal(json);
            byte[] cms = read(sealKey, e.sequence(), -1, protocolSeal, true);
            if (sealed && cms != null && protocolBytes != null) {
                try {
                    Path data = scratch().resolve("data");
                    Files.write(data, protocolBytes);
                    sealReport(sealer.get().verifyDetachedSeal(json.value(), data, cms), e.sequence());
                } catch (IOException ex) {
                    problem(json.value(), e.sequence(), Kind.UNREADABLE, "cannot be copied for its seal check: "
                            + ex.getMessage());
                }
            }
        }
        if (protocolBytes == null) {
            return;
        }
        ScanProtocol protocol;
        try {
            protocol = ScanProtocolCodec.read(protocolBytes, json.value());
        } catch (ProviderException ex) {
            problem(json.value(), e.sequence(), Kind.UNREADABLE, "not a scan protocol");
            return;
        }
        for (ScanProtocol.Rendition r : protocol.renditions()) {
            if (sealed) {
                sealedPdf(Key.of(r.key()), e.sequence(), r.size(), r.sha256());
            } else {
                object(Key.of(r.key()), e.sequence(), r.size(), r.sha256());
            }
        }
    }

    /** A digital transfer's documents, each against the size and SHA-256 recorded, and its intake record. */
    private void digital(JournalEvent e) {
        String transfer = e.get(Payload.TRANSFER);
        int n = Integer.parseInt(e.get(Payload.DOCUMENTS));
        for (int i = 1; i <= n; i++) {
            String[] item = e.get(Payload.ITEM_PREFIX + String.format("%02d", i)).split(";", -1);
            object(StorageKeys.intakeDocument(transfer, i, item[0]), e.sequence(), Long.parseLong(item[3]), item[4]);
        }
        object(Key.of(e.get(Payload.RECORD)), e.sequence(), -1, e.get(Payload.PROTOCOL_PDF));
    }

    /** Reads, hashes and compares a sealed PDF like any object, then has the sealer check its seals. */
    private void sealedPdf(Key key, long sequence, long size, String sha256) {
        Path copy;
        try {
            copy = scratch().resolve("object");
            Files.deleteIfExists(copy);
        } catch (IOException ex) {
            problem(key.value(), sequence, Kind.UNREADABLE, "no scratch space for its seal check: " + ex.getMessage());
            return;
        }
        if (copyRead(key, sequence, size, sha256, copy)) {
            sealReport(sealer.orElseThrow().verifyPdf(key.value(), copy), sequence);
        }
    }

    private void sealReport(EvidenceReport r, long sequence) {
        sealsChecked++;
        if (seals.size() < DeepVerificationReport.MAX_PROBLEMS) {
            seals.add(r);
        }
        switch (r.verdict()) {
            case BROKEN -> problem(r.object(), sequence, Kind.SEAL_BROKEN, String.join("; ", r.findings()));
            case UNTRUSTED -> problem(r.object(), sequence, Kind.SEAL_UNTRUSTED, String.join("; ", r.findings()));
            case PASSED -> {
                // nothing to report
            }
        }
    }

    private Path scratch() throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("aktenlift-verify-");
        }
        return scratch;
    }

    /** Reads and hashes one object; compares with what is recorded for it, where something is. */
    private void object(Key key, long sequence, long size, String sha256) {
        read(key, sequence, size, sha256, false);
    }

    /** @return the bytes, if {@code keep} and the object is sound; otherwise {@code null} */
    private byte[] read(Key key, long sequence, long size, String sha256, boolean keep) {
        return read(key, sequence, size, sha256, keep, null);
    }

    /**
     * Reads, hashes and compares an object, copying its bytes to {@code copy} on the way.
     *
     * @return whether the whole object was read into the copy (sound or altered), so that its seals
     *     can be checked
     */
    private boolean copyRead(Key key, long sequence, long size, String sha256, Path copy) {
        read(key, sequence, size, sha256, false, copy);
        return Files.isRegularFile(copy);
    }

    private byte[] read(Key key, long sequence, long size, String sha256, boolean keep, Path copy) {
        objects++;
        try {
            ContentInfo info = storage.content().head(key).orElse(null);
            if (info == null) {
                problem(key.value(), sequence, Kind.MISSING, "not in storage");
                return null;
            }
            if (keep && info.size() > MAX_PROTOCOL_BYTES) {
                problem(key.value(), sequence, Kind.UNREADABLE, info.size() + " bytes, more than a protocol has");
                return null;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream((int) info.size()) : null;
            long n = 0;
            Path partial = copy == null ? null : copy.resolveSibling(copy.getFileName() + ".part");
            try (InputStream in = storage.content().get(key);
                 OutputStream out = partial == null ? OutputStream.nullOutputStream() : Files.newOutputStream(partial)) {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, r);
                    if (kept != null) {
                        kept.write(buffer, 0, r);
                    }
                    out.write(buffer, 0, r);
                    n += r;
                }
            } catch (IOException | ProviderException ex) {
                if (partial != null) {
                    if (ex instanceof IntegrityException && Files.size(partial) > 0) {
                        // the store's own check found the bytes changed: its seals still say whether they
                        // were changed after sealing, so the bytes as stored are checked too
                        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.deleteIfExists(partial);
                    }
                }
                throw ex;
            }
            if (partial != null) {
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            bytes += n;
            String actual = HexFormat.of().formatHex(md.digest());
            if ((size >= 0 && n != size) || (sha256 != null && !sha256.equals(actual))) {
                problem(key.value(), sequence, Kind.ALTERED, "expected " + (size >= 0 ? size + " bytes, " : "")
                        + (sha256 == null ? "" : "SHA-256 " + sha256) + "; found " + n + " bytes, SHA-256 " + actual);
                return null;
            }
            return kept == null ? null : kept.toByteArray();
        } catch (ProviderException | IOException e) {
            // the store's own check of the bytes failed (its recorded size or hash), or it cannot read them
            unreadableKeys.add(key.value());
            problem(key.value(), sequence, Kind.UNREADABLE, e.getMessage() == null ? "cannot be read" : e.getMessage());
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void problem(String object, long sequence, Kind kind, String detail) {
        found++;
        if (problems.size() < DeepVerificationReport.MAX_PROBLEMS) {
            problems.add(new EvidenceProblem(object, sequence, kind, detail));
        }
    }
}
