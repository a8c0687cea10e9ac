package io.github.aktenlift.efile.handover;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.efile.MatchReason;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.DigitalDocumentRecord;
import io.github.aktenlift.lifecycle.ImportTrack;
import io.github.aktenlift.lifecycle.MatchedBy;

import java.time.Instant;
import java.util.List;

/**
 * What an import attempt needs to know about a case file, copied from the projection under the
 * read lock at the attempt's start, so that the attempt can talk to the procedure without holding
 * it.
 *
 * @param recallSince since when a scan-on-demand recall waits, or {@code null}
 * @param unsettled hand-overs recorded without a final answer, oldest first
 * @param delivery the latest capture's delivery
 * @param protocol the SHA-256 of the latest capture's stored protocol, or {@code null}
 * @param capture the latest capture's number, or 0 where its keys name the delivery
 * @param digital what a digital transfer brought, or {@code null} for a paper case file
 */
record ImportSnapshot(Barcode barcode, FileReference reference, String origin, String protection,
        CaseFileState state, Instant since, Instant recallSince, int attempt, MatchedBy matchedBy, String eFile,
        List<MatchReason> heldReasons, List<String> heldCandidates, List<Sent> unsettled, String delivery,
        String protocol, int capture, Digital digital) {

    /** A digital transfer's id, receipt time, stored documents and intake record key. */
    record Digital(String transfer, Instant receivedAt, List<DigitalDocumentRecord> documents, String record) {
    }

    /** A hand-over recorded in the journal, as seen when the attempt began. */
    record Sent(String key, String eFile, int attempt) {
    }

    boolean held() {
        return heldReasons != null;
    }

    /** @return the case file's snapshot; call under the command loop's read lock */
    static ImportSnapshot of(CaseFileRecord f, ImportTrack t) {
        Instant recall = f.recall() == RecallMode.SCAN_ON_DEMAND ? f.recallSince() : null;
        if (t == null) {
            return new ImportSnapshot(f.barcode(), f.reference(), f.origin(), f.protection().name(), f.state(),
                    f.since(), recall, 0, null, null, null, null, List.of(), null, null, 0, null);
        }
        List<Sent> unsettled = t.unsettled().stream().map(x -> new Sent(x.key(), x.eFile(), x.attempt())).toList();
        return new ImportSnapshot(f.barcode(), f.reference(), f.origin(), f.protection().name(), f.state(), f.since(),
                recall, t.attempt(), t.matchedBy(), t.eFile(), t.heldReasons(), t.heldCandidates(), unsettled,
                t.delivery(), t.protocol(), t.capture(), t.transfer() == null ? null
                        : new Digital(t.transfer(), t.receivedAt(), t.digitalDocuments(), t.intakeRecord()));
    }
}
