package io.github.aktenlift;

import io.github.aktenlift.Decider.Decision;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import side of the projection: per case file, which e-file it was matched to or why the
 * match is held, every hand-over to the procedure, and where its documents went; per e-file, which
 * case files Aktenlift imported into it. Derived from the journal like the rest of the projection.
 * Not thread-safe: guarded by the engine's lock.
 */
final class ImportLedger {

    /** How an e-file was matched; the persisted code is the constant's name. */
    enum MatchedBy {
        AZR_NUMBER, FILE_REFERENCE, SUBJECT,
        /** Nothing matched: a new e-file was created for the case file. */
        NONE,
        /** A clerk decided ({@link DecideMatch}). */
        DECISION
    }

    /** One hand-over to the procedure. */
    static final class Submission {
        final String key;
        final String eFile;
        final int attempt;
        /** Whether the procedure's final answer (receipt or rejection) for this key is recorded. */
        boolean settled;

        Submission(String key, String eFile, int attempt) {
            this.key = key;
            this.eFile = eFile;
            this.attempt = attempt;
        }
    }

    /** The import record of one case file. */
    static final class Track {
        /** Import attempts so far: one more after each retry. */
        int attempt;
        MatchedBy matchedBy;
        /** The matched e-file; {@code null} after a decision to create a new one, which each hand-over then creates (idempotently). */
        String eFile;
        List<MatchReason> heldReasons;
        List<String> heldCandidates;
        final List<Submission> submissions = new ArrayList<>(1);
        String importedTo;
        /** The latest capture: its delivery and the SHA-256 of its stored scan protocol (or null). */
        String delivery;
        String protocol;

        boolean held() {
            return heldReasons != null;
        }

        /** @return hand-overs without a recorded final answer, oldest first */
        List<Submission> unsettled() {
            return submissions.stream().filter(s -> !s.settled).toList();
        }

        Submission submission(String key) {
            for (Submission s : submissions) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final Map<Barcode, Track> tracks = new HashMap<>();
    private final Map<String, List<Barcode>> importedInto = new HashMap<>();

    /** @return the case file's import record, or {@code null} if nothing import-related happened to it */
    Track track(Barcode barcode) {
        return tracks.get(barcode);
    }

    /** @return the case files Aktenlift imported into this e-file */
    List<Barcode> importedInto(String eFile) {
        return importedInto.getOrDefault(eFile, List.of());
    }

    /** @return every case file with an import record */
    Set<Barcode> barcodes() {
        return tracks.keySet();
    }

    void apply(Barcode barcode, JournalEvent e) {
        switch (e.kind()) {
            case CAPTURED -> {
                Track t = tracks.computeIfAbsent(barcode, b -> new Track());
                t.delivery = e.get("delivery");
                t.protocol = e.get("protocol");
            }
            case EFILE_MATCHED -> {
                Track t = tracks.computeIfAbsent(barcode, b -> new Track());
                t.matchedBy = MatchedBy.valueOf(e.get("by"));
                t.eFile = e.get("eFile");
                t.heldReasons = null;
                t.heldCandidates = null;
            }
            case MATCH_HELD -> {
                Track t = tracks.computeIfAbsent(barcode, b -> new Track());
                t.heldReasons = Arrays.stream(e.get("reasons").split(",")).map(MatchReason::valueOf).toList();
                String candidates = e.get("candidates");
                t.heldCandidates = candidates == null ? List.of() : List.of(candidates.split(","));
            }
            case IMPORT_SUBMITTED -> tracks.computeIfAbsent(barcode, b -> new Track()).submissions
                    .add(new Submission(e.get("key"), e.get("eFile"), Integer.parseInt(e.get("attempt"))));
            case IMPORT_CONFIRMED -> {
                Track t = tracks.computeIfAbsent(barcode, b -> new Track());
                t.importedTo = e.get("eFile");
                importedInto.computeIfAbsent(t.importedTo, k -> new ArrayList<>(1)).add(barcode);
                // imported: whatever else was handed over for this file no longer waits for an answer
                t.submissions.forEach(s -> s.settled = true);
            }
            case IMPORT_REJECTED -> {
                Track t = tracks.get(barcode);
                Submission s = t == null || e.get("key") == null ? null : t.submission(e.get("key"));
                if (s != null) {
                    s.settled = true;
                }
            }
            case IMPORT_RETRIED -> tracks.computeIfAbsent(barcode, b -> new Track()).attempt++;
            default -> {
                // nothing import-related
            }
        }
    }

    /** The event a clerk's matching decision records; checked against the held match. */
    Decision decide(Projection.FileRec f, DecideMatch m) {
        Track t = tracks.get(f.barcode);
        if (t == null || !t.held()) {
            throw new PreconditionFailedException(Decider.CASE_FILE, f.barcode.value(), List.of("NO_MATCH_HELD"));
        }
        if (m.eFileId() != null && !t.heldCandidates.contains(m.eFileId())) {
            throw new UnknownIdentifierException("e-file candidate", m.eFileId());
        }
        return Decision.of(PendingEvent.of(Projection.FILE + f.barcode.value(), EventKind.EFILE_MATCHED,
                "by", MatchedBy.DECISION.name(), "eFile", m.eFileId(), "reviewer", m.reviewerId()));
    }

    /** @return the held match as the journal records it */
    static PendingEvent held(Barcode barcode, List<MatchReason> reasons, Set<String> candidates) {
        return PendingEvent.of(Projection.FILE + barcode.value(), EventKind.MATCH_HELD,
                "reasons", String.join(",", reasons.stream().map(Enum::name).toList()),
                "candidates", candidates.isEmpty() ? null : String.join(",", new LinkedHashSet<>(candidates)));
    }
}
