package io.github.aktenlift.lifecycle;

import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import side of the projection: per case file, which e-file it was matched to or why the
 * match is held, every hand-over to the procedure, and where its documents went; per e-file, which
 * case files Aktenlift imported into it. Derived from the journal like the rest of the projection.
 * Not thread-safe: guarded by the {@link CommandLoop}'s lock.
 */
public final class ImportLedger {

    private final Map<Barcode, ImportTrack> tracks = new HashMap<>();
    private final Map<String, List<Barcode>> importedInto = new HashMap<>();
    private final Map<String, Barcode> byTransfer = new HashMap<>();

    /** @return the case file a digital transfer with this id registered, or {@code null} */
    public Barcode byTransfer(String transferId) {
        return byTransfer.get(transferId);
    }

    /** @return the digital transfers, by their ids */
    public Map<String, Barcode> digitalTransfers() {
        return Collections.unmodifiableMap(byTransfer);
    }

    /** @return the case file's import record, or {@code null} if nothing import-related happened to it */
    public ImportTrack track(Barcode barcode) {
        return tracks.get(barcode);
    }

    /** @return the case files Aktenlift imported into this e-file */
    public List<Barcode> importedInto(String eFile) {
        return importedInto.getOrDefault(eFile, List.of());
    }

    /**
     * Sorts the verified case files by where they wait on their way into the e-file, as the import
     * stage does: handed over and unanswered, held for a matching decision, or ready.
     *
     * @param files every case file
     * @return how many verified case files are {@code [ready, awaiting an answer, held]}
     */
    public long[] queue(java.util.Collection<CaseFileRecord> files) {
        long[] out = new long[3];
        for (CaseFileRecord f : files) {
            if (f.state() != io.github.aktenlift.casefile.CaseFileState.VERIFIED) {
                continue;
            }
            ImportTrack t = tracks.get(f.barcode());
            if (t != null && !t.unsettled().isEmpty()) {
                out[1]++;
            } else if (t != null && t.held()) {
                out[2]++;
            } else {
                out[0]++;
            }
        }
        return out;
    }

    /** @return every case file with an import record */
    public Set<Barcode> barcodes() {
        return Collections.unmodifiableSet(tracks.keySet());
    }

    void apply(Barcode barcode, JournalEvent e) {
        switch (e.kind()) {
            case CAPTURED -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.delivery = e.get(Payload.DELIVERY);
                t.protocol = e.get(Payload.PROTOCOL);
                String number = e.get(Payload.CAPTURE);
                t.capture = number == null ? 0 : Integer.parseInt(number);
                t.lastCapture = Math.max(t.lastCapture, t.capture);
            }
            case EFILE_MATCHED -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.matchedBy = MatchedBy.valueOf(e.get(Payload.BY));
                t.eFile = e.get(Payload.EFILE);
                t.heldReasons = null;
                t.heldCandidates = null;
            }
            case MATCH_HELD -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.heldReasons = Arrays.stream(e.get(Payload.REASONS).split(",")).map(MatchReason::valueOf).toList();
                String candidates = e.get(Payload.CANDIDATES);
                t.heldCandidates = candidates == null ? List.of() : List.of(candidates.split(","));
            }
            case IMPORT_SUBMITTED -> tracks.computeIfAbsent(barcode, b -> new ImportTrack()).submissions
                    .add(new ImportSubmission(e.get(Payload.KEY), e.get(Payload.EFILE), Integer.parseInt(e.get(Payload.ATTEMPT))));
            case IMPORT_CONFIRMED -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.importedTo = e.get(Payload.EFILE);
                t.receipt = e.get(Payload.RECEIPT);
                t.rejectedFor = null;
                importedInto.computeIfAbsent(t.importedTo, k -> new ArrayList<>(1)).add(barcode);
                // imported: whatever else was handed over for this file no longer waits for an answer
                t.submissions.forEach(s -> s.settled = true);
            }
            case IMPORT_REJECTED -> {
                ImportTrack t = tracks.get(barcode);
                if (t != null) {
                    t.rejectedFor = e.get(Payload.REASON);
                }
                ImportSubmission s = t == null || e.get(Payload.KEY) == null ? null : t.submission(e.get(Payload.KEY));
                if (s != null) {
                    s.settled = true;
                }
            }
            case DIGITAL_TRANSFER_RECEIVED -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.transfer = e.get(Payload.TRANSFER);
                t.receivedAt = java.time.Instant.parse(e.get(Payload.RECEIVED_AT));
                t.intakeRecord = e.get(Payload.RECORD);
                t.protocol = e.get(Payload.PROTOCOL_PDF);
                int n = Integer.parseInt(e.get(Payload.DOCUMENTS));
                List<DigitalDocumentRecord> docs = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    docs.add(DigitalDocumentRecord.decode(t.transfer, i, e.get(Payload.ITEM_PREFIX + String.format("%02d", i))));
                }
                t.digitalDocuments = List.copyOf(docs);
                byTransfer.put(t.transfer, barcode);
            }
            case DIGITAL_TRANSFER_ANSWERED -> tracks.get(barcode).answered = e.get(Payload.OUTCOME);
            case IMPORT_RETRIED -> {
                ImportTrack t = tracks.computeIfAbsent(barcode, b -> new ImportTrack());
                t.attempt++;
                t.rejectedFor = null;
            }
            default -> {
                // nothing import-related
            }
        }
    }

    /** The event a clerk's matching decision records; checked against the held match. */
    Decision decide(CaseFileRecord f, DecideMatch m) {
        ImportTrack t = tracks.get(f.barcode);
        if (t == null || !t.held()) {
            throw new PreconditionFailedException(EntityNames.CASE_FILE, f.barcode.value(), List.of("NO_MATCH_HELD"));
        }
        // a procedure that could not be asked named no candidates to confirm: the clerk's look-up
        // in the e-file system is the evidence then
        boolean unasked = t.heldReasons.contains(MatchReason.PROCEDURE_CANNOT_LOOK_UP);
        if (m.eFileId() != null && !unasked && !t.heldCandidates.contains(m.eFileId())) {
            throw new UnknownIdentifierException("e-file candidate", m.eFileId());
        }
        return Decision.of(PendingEvent.of(Streams.FILE + f.barcode.value(), EventKind.EFILE_MATCHED,
                Payload.BY, MatchedBy.DECISION.name(), Payload.EFILE, m.eFileId(), Payload.REVIEWER, m.reviewerId()));
    }

    /** @return the held match as the journal records it */
    public static PendingEvent held(Barcode barcode, List<MatchReason> reasons, Set<String> candidates) {
        return PendingEvent.of(Streams.FILE + barcode.value(), EventKind.MATCH_HELD,
                Payload.REASONS, String.join(",", reasons.stream().map(Enum::name).toList()),
                Payload.CANDIDATES, candidates.isEmpty() ? null : String.join(",", new LinkedHashSet<>(candidates)));
    }
}
