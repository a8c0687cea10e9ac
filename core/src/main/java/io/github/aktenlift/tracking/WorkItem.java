package io.github.aktenlift.tracking;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.RecallMode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One case file on a work list, with what decides its place there: an open recall and its SLA
 * deadline, and how long it has waited.
 *
 * @param barcode the case file
 * @param reference the office's file number
 * @param state its lifecycle state
 * @param since when it entered that state
 * @param registeredAt when it was (last) registered: by registration, transfer intake or resubmission
 * @param box the box it is in, if any
 * @param recall the mode of an open recall, if any
 * @param recallDueAt when the open recall must be served by, per {@link SlaPolicy#recall()}; empty
 *     without a recall or without a service level for its mode
 * @param originAuthority the sending authority, for a file received from another authority
 * @param receivedOn the day such a file arrived at the office
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record WorkItem(Barcode barcode, FileReference reference, CaseFileState state, Instant since,
        Instant registeredAt, Optional<Barcode> box, Optional<RecallMode> recall, Optional<Instant> recallDueAt,
        Optional<String> originAuthority, Optional<LocalDate> receivedOn) {

    /**
     * Validates the fields.
     *
     * @param barcode the case file
     * @param reference the office's file number
     * @param state its lifecycle state
     * @param since when it entered that state
     * @param registeredAt when it was (last) registered: by registration, transfer intake or resubmission
     * @param box the box it is in, if any
     * @param recall the mode of an open recall, if any
     * @param recallDueAt when the open recall must be served by, per {@link SlaPolicy#recall()}; empty
     *     without a recall or without a service level for its mode
     * @param originAuthority the sending authority, for a file received from another authority
     * @param receivedOn the day such a file arrived at the office
     */
    public WorkItem {
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(recall, "recall");
        Objects.requireNonNull(recallDueAt, "recallDueAt");
        Objects.requireNonNull(originAuthority, "originAuthority");
        Objects.requireNonNull(receivedOn, "receivedOn");
    }

    /**
     * @param now the time to judge by
     * @return whether an open recall's deadline has passed
     */
    public boolean recallOverdue(Instant now) {
        return recallDueAt.isPresent() && recallDueAt.get().isBefore(now);
    }
}
