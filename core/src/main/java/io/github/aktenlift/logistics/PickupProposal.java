package io.github.aktenlift.logistics;

import io.github.aktenlift.Command;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.tracking.WorkItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What the {@link PickupPlanner} proposes: a pickup that is {@link Due}, or {@link NotDue} and why.
 * A proposal changes nothing; the caller decides and executes the commands.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public sealed interface PickupProposal permits PickupProposal.Due, PickupProposal.NotDue {

    /** @return when the proposal was made, from the instance's clock */
    Instant at();

    /**
     * @return every file waiting for collection, in the order to collect them: scan-on-demand
     *     recalls first by SLA deadline, then oldest first
     */
    List<WorkItem> waiting();

    /**
     * Why a pickup is due.
     *
     * @since 0.1
     */
    enum Trigger {
        /** At least {@link PickupPolicy#minFiles()} files wait. */
        FILE_COUNT,
        /** The oldest waiting file has waited {@link PickupPolicy#maxWait()}. */
        OLDEST_WAITING,
        /** {@link PickupPolicy#interval()} has passed since the last pickup. */
        INTERVAL,
        /** A file with an open scan-on-demand recall waits. */
        RECALL
    }

    /**
     * A pickup is due.
     *
     * @param at when the proposal was made
     * @param date the proposed day of the pickup: today for a recall, else after the policy's lead days
     * @param triggers why it is due, at least one, in the order of {@link Trigger}
     * @param waiting the files to collect, in order
     * @param boxes how to pack them: existing boxes first where they hold a more urgent file, each
     *     within the box capacity; every waiting file is in exactly one
     * @since 0.1
     */
    record Due(Instant at, LocalDate date, Set<Trigger> triggers, List<WorkItem> waiting, List<BoxSuggestion> boxes)
            implements PickupProposal {

        /**
         * Validates and copies.
         *
         * @param at when the proposal was made
         * @param date the proposed day of the pickup: today for a recall, else after the policy's lead days
         * @param triggers why it is due, at least one, in the order of {@link Trigger}
         * @param waiting the files to collect, in order
         * @param boxes how to pack them: existing boxes first where they hold a more urgent file, each within
         *     the box capacity; every waiting file is in exactly one
         */
        public Due {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(date, "date");
            if (triggers.isEmpty()) {
                throw new IllegalArgumentException("a due pickup has a trigger");
            }
            triggers = Collections.unmodifiableSet(EnumSet.copyOf(triggers));
            waiting = List.copyOf(waiting);
            boxes = List.copyOf(boxes);
        }

        /** @return how many new boxes, and so new box labels, the proposal needs */
        public int newBoxes() {
            return (int) boxes.stream().filter(BoxSuggestion::isNew).count();
        }

        /**
         * Turns the proposal into the commands that carry it out, in order: for each box, open it if
         * new, pack its files, seal it unless sealed; then plan the pickup. Executing them is the
         * caller's business, one by one, after the packing has really been done.
         *
         * @param pickupId the id for the pickup
         * @param newBoxLabels one label per new box, in the order of {@link #boxes()}
         * @param seals the seal number for every box to be sealed (new boxes by their new label)
         * @return the commands
         * @throws InvalidValueException if the number of labels does not match {@link #newBoxes()}
         *     or a box to be sealed has no seal number
         */
        public List<Command> commands(String pickupId, List<Barcode> newBoxLabels, Map<Barcode, SealNumber> seals) {
            Objects.requireNonNull(pickupId, "pickupId");
            if (newBoxLabels == null || newBoxLabels.size() != newBoxes()) {
                throw new InvalidValueException("newBoxLabels", "needs " + newBoxes() + " labels, has "
                        + (newBoxLabels == null ? 0 : newBoxLabels.size()));
            }
            Objects.requireNonNull(seals, "seals");
            List<Command> out = new ArrayList<>();
            List<Barcode> planned = new ArrayList<>();
            int label = 0;
            for (BoxSuggestion s : boxes) {
                Barcode box = s.box().orElse(null);
                if (box == null) {
                    box = newBoxLabels.get(label++);
                    out.add(new OpenBox(box));
                }
                for (Barcode f : s.toPack()) {
                    out.add(new PackCaseFile(f, box));
                }
                if (s.state().orElse(BoxState.OPEN) != BoxState.SEALED) {
                    SealNumber seal = seals.get(box);
                    if (seal == null) {
                        throw new InvalidValueException("seals", "no seal number for box " + box);
                    }
                    out.add(new SealBox(box, seal));
                }
                planned.add(box);
            }
            out.add(new PlanPickup(pickupId, date, planned));
            return out;
        }
    }

    /**
     * No pickup is due yet.
     *
     * @param at when the proposal was made
     * @param reason why not
     * @param waiting the files waiting, in order; empty for {@link Reason#NOTHING_WAITING}
     * @param oldestWaitingSince since when the oldest waiting file waits, if any waits
     * @param lastPickup the day of the latest pickup, planned or done, if there is one
     * @param dueBy when a pickup becomes due by time alone (maximum wait or interval), if files wait;
     *     more files or a recall can make it due sooner
     * @since 0.1
     */
    record NotDue(Instant at, Reason reason, List<WorkItem> waiting, Optional<Instant> oldestWaitingSince,
            Optional<LocalDate> lastPickup, Optional<Instant> dueBy) implements PickupProposal {

        /**
         * Validates and copies.
         *
         * @param at when the proposal was made
         * @param reason why not
         * @param waiting the files waiting, in order; empty for {@link Reason#NOTHING_WAITING}
         * @param oldestWaitingSince since when the oldest waiting file waits, if any waits
         * @param lastPickup the day of the latest pickup, planned or done, if there is one
         * @param dueBy when a pickup becomes due by time alone (maximum wait or interval), if files wait;
         *     more files or a recall can make it due sooner
         */
        public NotDue {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            waiting = List.copyOf(waiting);
            Objects.requireNonNull(oldestWaitingSince, "oldestWaitingSince");
            Objects.requireNonNull(lastPickup, "lastPickup");
            Objects.requireNonNull(dueBy, "dueBy");
        }

        /**
         * Why no pickup is due.
         *
         * @since 0.1
         */
        public enum Reason {
            /** No file waits at the office. */
            NOTHING_WAITING,
            /** Files wait, but fewer than the minimum, not long enough, and no recall among them. */
            BELOW_THRESHOLDS
        }
    }
}
