package io.github.aktenlift.intake.digital;

import io.github.aktenlift.Actor;
import io.github.aktenlift.DuplicateIdentifierException;
import io.github.aktenlift.InvalidBarcodeException;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.intake.DigitalDocument;
import io.github.aktenlift.intake.DigitalIntake;
import io.github.aktenlift.intake.DigitalTransfer;
import io.github.aktenlift.intake.DigitalTransferStatus;
import io.github.aktenlift.intake.TransferDocumentException;
import io.github.aktenlift.lifecycle.AnswerDigitalTransfer;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.DigitalDocumentRecord;
import io.github.aktenlift.lifecycle.EntityNames;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.RegisterDigitalTransfer;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Digital intake ({@link DigitalIntake}): checks each document against its declared SHA-256
 * without storing anything, then stores documents and intake record create-if-absent, then
 * registers the transfer in one journal append. A failure before the append leaves, at most,
 * documents under the transfer's own keys with the bytes their hashes name, which a repeat reuses;
 * a document whose bytes changed between the check and the store is removed again (nothing names
 * it). Thread-safe (one intake at a time per instance).
 */
public final class IntakeDesk implements DigitalIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DigitalIntake.class);

    private final CommandLoop loop;
    private final Storage storage;

    /**
     * @param loop the command loop that registers transfers and answers
     * @param storage where documents and intake records are stored
     */
    public IntakeDesk(CommandLoop loop, Storage storage) {
        this.loop = loop;
        this.storage = storage;
    }

    @Override
    public synchronized DigitalTransferStatus receive(Actor actor, DigitalTransfer t) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
        if (t == null) {
            throw new InvalidValueException("transfer", "must not be null");
        }
        loop.validator().check("DigitalTransfer", t);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.documents().size(); i++) {
            if (!names.add(t.documents().get(i).name())) {
                throw new TransferDocumentException(t.transferId(), i + 1, TransferDocumentException.Problem.DUPLICATE_NAME,
                        null);
            }
        }
        loop.refresh();
        Optional<DigitalTransferStatus> repeat = loop.read(state -> preconditions(state, t));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        // first every document against its declared hash, so that a bad one leaves nothing behind
        for (int i = 0; i < t.documents().size(); i++) {
            DigitalDocument d = t.documents().get(i);
            String actual = hashOf(t.transferId(), i + 1, d);
            if (!actual.equals(d.sha256())) {
                throw new TransferDocumentException(t.transferId(), i + 1, TransferDocumentException.Problem.HASH_MISMATCH,
                        null);
            }
        }
        List<DigitalDocumentRecord> stored = new ArrayList<>(t.documents().size());
        for (int i = 0; i < t.documents().size(); i++) {
            stored.add(store(t, i + 1, t.documents().get(i)));
        }
        Key recordKey = StorageKeys.intakeRecord(t.transferId(), t.barcode().value());
        byte[] record = IntakeRecord.render(t, stored);
        String recordSha = createOrSame(recordKey, record);
        loop.execute(actor, new RegisterDigitalTransfer(t.barcode(), t.reference(), t.subject(), t.protection(),
                t.originAuthority(), t.transferId(), t.receivedAt(), stored, recordSha));
        LOG.info("digital transfer {} taken in as case file {}: {} documents", t.transferId(), t.barcode(), stored.size());
        return status(t.transferId()).orElseThrow();
    }

    /**
     * What registration would refuse, checked before anything is stored; a transfer taken in before
     * with the same barcode and documents is a repeat.
     */
    private Optional<DigitalTransferStatus> preconditions(Projection state, DigitalTransfer t) {
        Barcode earlier = state.imports().byTransfer(t.transferId());
        if (earlier != null) {
            ImportTrack track = state.imports().track(earlier);
            List<String> hashes = track.digitalDocuments().stream().map(DigitalDocumentRecord::sha256).toList();
            if (earlier.equals(t.barcode()) && hashes.equals(t.documents().stream().map(DigitalDocument::sha256).toList())) {
                return Optional.of(statusOf(state, earlier));
            }
            throw new DuplicateIdentifierException("digital transfer", t.transferId());
        }
        if (!loop.policies().caseFileBarcodes().accepts(t.barcode())) {
            throw new InvalidBarcodeException(EntityNames.CASE_FILE, t.barcode().value());
        }
        if (state.caseFile(t.barcode()) != null) {
            throw new DuplicateIdentifierException(EntityNames.CASE_FILE, t.barcode().value());
        }
        CaseFileRecord holder = state.byReference(t.reference());
        if (holder != null) {
            throw new DuplicateIdentifierException("file reference", holder.barcode().value());
        }
        return Optional.empty();
    }

    private static String hashOf(String transferId, int position, DigitalDocument d) {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(d.content().open(), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            throw new TransferDocumentException(transferId, position, TransferDocumentException.Problem.UNREADABLE, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Stores one checked document create-if-absent; an object already there must be the same bytes. */
    private DigitalDocumentRecord store(DigitalTransfer t, int position, DigitalDocument d) {
        Key key = StorageKeys.intakeDocument(t.transferId(), position, d.name());
        ContentInfo info;
        try (InputStream in = d.content().open()) {
            info = storage.content().create(key, in);
        } catch (ConflictException e) {
            info = storage.content().head(key).orElseThrow(() -> e);
            if (!info.sha256().equals(d.sha256())) {
                throw new IntegrityException(key.value(), "holds other bytes than the transfer's document " + position);
            }
            return new DigitalDocumentRecord(d.name(), d.documentType(), d.mediaType(), info.size(), info.sha256(),
                    key.value());
        } catch (IOException e) {
            throw new TransferDocumentException(t.transferId(), position, TransferDocumentException.Problem.UNREADABLE, e);
        }
        if (!info.sha256().equals(d.sha256())) {
            // the source gave other bytes the second time: what was just written is named by nothing
            storage.content().delete(key);
            throw new TransferDocumentException(t.transferId(), position, TransferDocumentException.Problem.HASH_MISMATCH,
                    null);
        }
        return new DigitalDocumentRecord(d.name(), d.documentType(), d.mediaType(), info.size(), info.sha256(), key.value());
    }

    private String createOrSame(Key key, byte[] bytes) {
        try {
            return storage.content().create(key, new ByteArrayInputStream(bytes)).sha256();
        } catch (ConflictException e) {
            ContentInfo info = storage.content().head(key).orElseThrow(() -> e);
            String expected = HexFormat.of().formatHex(sha256().digest(bytes));
            if (!info.sha256().equals(expected)) {
                throw new IntegrityException(key.value(), "holds another intake record than this transfer's");
            }
            return expected;
        }
    }

    @Override
    public Optional<DigitalTransferStatus> status(String transferId) {
        if (transferId == null) {
            throw new InvalidValueException("transferId", "must not be null");
        }
        return loop.read(state -> {
            Barcode b = state.imports().byTransfer(transferId);
            return b == null ? Optional.empty() : Optional.of(statusOf(state, b));
        });
    }

    @Override
    public List<DigitalTransferStatus> toAnswer() {
        loop.refresh();
        return loop.read(state -> {
            List<Map.Entry<CaseFileRecord, DigitalTransferStatus>> due = new ArrayList<>();
            for (Barcode b : state.imports().digitalTransfers().values()) {
                DigitalTransferStatus s = statusOf(state, b);
                if (s.toAnswer()) {
                    due.add(Map.entry(state.caseFile(b), s));
                }
            }
            due.sort(Comparator.comparing((Map.Entry<CaseFileRecord, DigitalTransferStatus> e) -> e.getKey().registeredAt())
                    .thenComparing(e -> e.getKey().barcode()));
            return due.stream().map(Map.Entry::getValue).toList();
        });
    }

    @Override
    public synchronized DigitalTransferStatus answered(Actor actor, String transferId) {
        loop.refresh();
        DigitalTransferStatus s = status(transferId)
                .orElseThrow(() -> new UnknownIdentifierException("digital transfer", String.valueOf(transferId)));
        String outcome = s.outcome() == DigitalTransferStatus.Outcome.IMPORTED ? "IMPORTED" : "REJECTED";
        loop.execute(actor, new AnswerDigitalTransfer(s.barcode(), outcome));
        return status(transferId).orElseThrow();
    }

    private static DigitalTransferStatus statusOf(Projection state, Barcode b) {
        CaseFileRecord f = state.caseFile(b);
        ImportTrack t = state.imports().track(b);
        DigitalTransferStatus.Outcome outcome;
        if (f.state() == CaseFileState.IMPORT_REJECTED) {
            outcome = DigitalTransferStatus.Outcome.REJECTED;
        } else if (f.everImported()) {
            outcome = DigitalTransferStatus.Outcome.IMPORTED;
        } else if (t.held()) {
            outcome = DigitalTransferStatus.Outcome.HELD;
        } else {
            outcome = DigitalTransferStatus.Outcome.WAITING;
        }
        boolean imported = outcome == DigitalTransferStatus.Outcome.IMPORTED;
        boolean rejected = outcome == DigitalTransferStatus.Outcome.REJECTED;
        return new DigitalTransferStatus(t.transfer(), b, f.origin(), outcome, imported ? t.importedTo() : null,
                imported ? t.receipt() : null, rejected ? t.rejectedFor() : null,
                outcome.answerable() && outcome.name().equals(t.answered()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
