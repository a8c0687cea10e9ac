package io.github.aktenlift.tracking.query;

import io.github.aktenlift.capture.protocol.ScanProtocol;
import io.github.aktenlift.capture.protocol.ScanProtocolCodec;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.spi.ProviderException;
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

    EvidenceCheck(CommandLoop loop, Storage storage) {
        this.loop = loop;
        this.storage = storage;
    }

    DeepVerificationReport run() {
        VerificationReport journal = loop.verify();
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
        return new DeepVerificationReport(journal, objects, bytes, problems, found);
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
        // recorded since issue 13; for a capture recorded before, only the store's own check applies
        object(pdf, e.sequence(), -1, e.get(Payload.PROTOCOL_PDF));
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
            object(Key.of(r.key()), e.sequence(), r.size(), r.sha256());
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

    /** Reads and hashes one object; compares with what is recorded for it, where something is. */
    private void object(Key key, long sequence, long size, String sha256) {
        read(key, sequence, size, sha256, false);
    }

    /** @return the bytes, if {@code keep} and the object is sound; otherwise {@code null} */
    private byte[] read(Key key, long sequence, long size, String sha256, boolean keep) {
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
            try (InputStream in = storage.content().get(key)) {
                for (int r; (r = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, r);
                    if (kept != null) {
                        kept.write(buffer, 0, r);
                    }
                    n += r;
                }
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
