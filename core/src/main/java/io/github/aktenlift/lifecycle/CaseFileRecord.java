package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.retention.HoldReason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One case file as the journal has it so far: the {@link Projection}'s record of it. Changed only
 * by the projection, event by event; read by the stages under {@link CommandLoop#read}. Not
 * thread-safe.
 */
public final class CaseFileRecord {

    final Barcode barcode;
    final Sequences sequences = new Sequences();
    FileReference reference;
    ProtectionLevel protection;
    String subjectKey;
    String origin;
    /** A digital transfer's id (the sender's id of the exchange); {@code null} for paper. */
    String transfer;
    /** The day a transfer's paper arrived; {@code null} for other files. */
    LocalDate receivedOn;
    /** When it was last registered: registration, transfer intake or resubmission. */
    Instant registeredAt;
    CaseFileState state;
    Instant since;
    String location;
    String holder;
    Barcode box;
    String pickup;
    final EnumSet<HoldReason> holds = EnumSet.noneOf(HoldReason.class);
    RecallMode recall;
    Instant recallSince;
    Map<String, DocumentRecord> documents = new LinkedHashMap<>();
    Instant importedAt;
    /** Reviewers who passed the current capture, for four-eyes review. */
    final Set<String> reviewers = new TreeSet<>();
    boolean everReceived;
    boolean everCaptured;
    boolean everImported;

    CaseFileRecord(Barcode barcode) {
        this.barcode = barcode;
    }

    /** @return the label on the file cover */
    public Barcode barcode() {
        return barcode;
    }

    /** @return the office's file reference */
    public FileReference reference() {
        return reference;
    }

    /** @return the protection level it was registered with */
    public ProtectionLevel protection() {
        return protection;
    }

    /** @return the key of its subject in the subject register */
    public String subjectKey() {
        return subjectKey;
    }

    /** @return the authority a transfer came from; {@code null} for a file of the bulk project */
    public String origin() {
        return origin;
    }

    /** @return a digital transfer's id, the sender's id of the exchange; {@code null} for a paper case file */
    public String transfer() {
        return transfer;
    }

    /** @return whether it arrived digitally: no paper, so no logistics, capture or retention of paper */
    public boolean digital() {
        return transfer != null;
    }

    /** @return the day a transfer's paper arrived; {@code null} for other files */
    public LocalDate receivedOn() {
        return receivedOn;
    }

    /** @return when it was last registered: registration, transfer intake or resubmission */
    public Instant registeredAt() {
        return registeredAt;
    }

    /** @return the current lifecycle state */
    public CaseFileState state() {
        return state;
    }

    /** @return since when it is in {@link #state()} */
    public Instant since() {
        return since;
    }

    /** @return where it was last seen */
    public String location() {
        return location;
    }

    /** @return the box it is packed in, or {@code null} */
    public Barcode box() {
        return box;
    }

    /** @return the open recall's mode, or {@code null} */
    public RecallMode recall() {
        return recall;
    }

    /** @return since when the open recall waits, or {@code null} */
    public Instant recallSince() {
        return recallSince;
    }

    /** @return when its import was confirmed, or {@code null} */
    public Instant importedAt() {
        return importedAt;
    }

    /** @return the holds placed and not released */
    public Set<HoldReason> holds() {
        return Collections.unmodifiableSet(holds);
    }

    /** @return the documents of its latest capture, by id, in capture order */
    public Map<String, DocumentRecord> documents() {
        return Collections.unmodifiableMap(documents);
    }

    /** @return whether it was ever received at the scan service (or found after being missing) */
    public boolean everReceived() {
        return everReceived;
    }

    /** @return whether it was ever captured */
    public boolean everCaptured() {
        return everCaptured;
    }

    /** @return whether its import was ever confirmed */
    public boolean everImported() {
        return everImported;
    }

    /** @return the journal sequences of its events, in order */
    public long[] sequences() {
        return sequences.toArray();
    }
}
