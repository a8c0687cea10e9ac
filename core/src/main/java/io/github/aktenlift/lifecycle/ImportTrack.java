package io.github.aktenlift.lifecycle;

import io.github.aktenlift.efile.MatchReason;

import java.util.ArrayList;
import java.util.List;

/** The import record of one case file, part of the {@link ImportLedger}. Not thread-safe. */
public final class ImportTrack {

    /** Import attempts so far: one more after each retry. */
    int attempt;
    MatchedBy matchedBy;
    /** The matched e-file; {@code null} after a decision to create a new one, which each hand-over then creates (idempotently). */
    String eFile;
    List<MatchReason> heldReasons;
    List<String> heldCandidates;
    final List<ImportSubmission> submissions = new ArrayList<>(1);
    String importedTo;
    /** The receipt of the confirmed import, or {@code null}. */
    String receipt;
    /** Why the latest import was rejected; {@code null} once retried or confirmed. */
    String rejectedFor;
    /** The latest capture: its delivery and the SHA-256 of its stored scan protocol (or null). */
    String delivery;
    String protocol;
    /** The latest capture's number ({@link Payload#CAPTURE}), or 0 if it carries none. */
    int capture;
    /** The highest capture number recorded for the case file, 0 if none. */
    int lastCapture;
    /** A digital transfer's id, receipt time, documents and intake record key; {@code null} for paper. */
    String transfer;
    java.time.Instant receivedAt;
    List<DigitalDocumentRecord> digitalDocuments;
    String intakeRecord;
    /** The outcome last answered to a digital transfer's sender, or {@code null}. */
    String answered;

    ImportTrack() {
    }

    /** @return import attempts so far: one more after each retry */
    public int attempt() {
        return attempt;
    }

    /** @return how the e-file was matched, or {@code null} if not yet */
    public MatchedBy matchedBy() {
        return matchedBy;
    }

    /**
     * @return the matched e-file; {@code null} before a match and after a decision to create a new
     *     one, which each hand-over then creates (idempotently)
     */
    public String eFile() {
        return eFile;
    }

    /** @return whether the match is held for a clerk's decision */
    public boolean held() {
        return heldReasons != null;
    }

    /** @return why the match is held, or {@code null} if it is not */
    public List<MatchReason> heldReasons() {
        return heldReasons;
    }

    /** @return the e-files a clerk may choose from, or {@code null} if the match is not held */
    public List<String> heldCandidates() {
        return heldCandidates;
    }

    /** @return the e-file its import was confirmed into, or {@code null} */
    public String importedTo() {
        return importedTo;
    }

    /** @return the delivery of the latest capture, or {@code null} */
    public String delivery() {
        return delivery;
    }

    /** @return the SHA-256 of the latest capture's stored scan protocol, or {@code null} */
    public String protocol() {
        return protocol;
    }

    /**
     * @return the latest capture's number, which names its stored objects ({@link StorageKeys#protocolJson}),
     *     or 0 if the capture carries none (its keys name the delivery)
     */
    public int capture() {
        return capture;
    }

    /** @return the highest capture number recorded for the case file, 0 if none */
    public int lastCapture() {
        return lastCapture;
    }

    /** @return the procedure's receipt of the confirmed import, or {@code null} */
    public String receipt() {
        return receipt;
    }

    /** @return why the latest import was rejected, or {@code null} if it was not (or was retried since) */
    public String rejectedFor() {
        return rejectedFor;
    }

    /** @return a digital transfer's id, or {@code null} for a paper case file */
    public String transfer() {
        return transfer;
    }

    /** @return when a digital transfer was received, or {@code null} */
    public java.time.Instant receivedAt() {
        return receivedAt;
    }

    /** @return a digital transfer's stored documents in the sender's order, or {@code null} */
    public List<DigitalDocumentRecord> digitalDocuments() {
        return digitalDocuments;
    }

    /** @return the key of a digital transfer's intake record, or {@code null} */
    public String intakeRecord() {
        return intakeRecord;
    }

    /** @return the outcome last answered to a digital transfer's sender ({@code IMPORTED}, {@code REJECTED}), or {@code null} */
    public String answered() {
        return answered;
    }

    /** @return hand-overs without a recorded final answer, oldest first */
    public List<ImportSubmission> unsettled() {
        return submissions.stream().filter(s -> !s.settled).toList();
    }

    /** @return the hand-over under this key, or {@code null} */
    public ImportSubmission submission(String key) {
        for (ImportSubmission s : submissions) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
