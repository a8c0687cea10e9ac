package io.github.aktenlift.logistics.planning;

import io.github.aktenlift.lifecycle.BoxRecord;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.PickupRecord;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.WorkOrder;
import io.github.aktenlift.logistics.PickupPlanner;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.BoxSuggestion;
import io.github.aktenlift.logistics.PickupPolicy;
import io.github.aktenlift.logistics.PickupProposal;
import io.github.aktenlift.logistics.PickupProposal.Trigger;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.tracking.SlaPolicy;
import io.github.aktenlift.tracking.WorkItem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pickup planner: reads the projection, proposes, records nothing. Every decision it makes is
 * a pure function of the projection, the policy and the time, so it is computed in {@link #plan}
 * under the command loop's read lock. Thread-safe.
 */
public final class PickupProposer implements PickupPlanner {

    private final CommandLoop loop;

    /** @param loop the command loop whose projection the proposal reads */
    public PickupProposer(CommandLoop loop) {
        this.loop = loop;
    }

    @Override
    public PickupProposal propose() {
        Instant now = loop.clock().instant();
        return loop.read(s -> plan(s, loop.policies().pickup(), loop.policies().sla(), now, loop.clock().getZone()));
    }

    /** A box at the office that can still go: open, or sealed and in no planned pickup. */
    private record Candidate(BoxRecord box, List<Barcode> packed, List<Barcode> toPack) {
    }

    private static PickupProposal plan(Projection state, PickupPolicy policy, SlaPolicy sla, Instant now, ZoneId zone) {
        List<WorkItem> waiting = new ArrayList<>();
        List<BoxRecord> boxes = new ArrayList<>();
        for (BoxRecord b : state.boxes()) {
            if (b.state() == BoxState.OPEN || b.state() == BoxState.SEALED && !inPlannedPickup(state, b)) {
                boxes.add(b);
            }
        }
        for (CaseFileRecord f : state.caseFiles()) {
            if (f.state() == CaseFileState.REGISTERED && f.recall() != RecallMode.PAPER_BACK) {
                waiting.add(WorkOrder.item(f, sla));
            }
        }
        for (BoxRecord b : boxes) {
            for (Barcode fb : b.files()) {
                waiting.add(WorkOrder.item(state.caseFile(fb), sla));
            }
        }
        waiting.sort(WorkOrder.ORDER);
        Optional<LocalDate> lastPickup = state.pickups().stream().map(PickupRecord::scheduledFor)
                .max(Comparator.naturalOrder());
        if (waiting.isEmpty()) {
            return new PickupProposal.NotDue(now, PickupProposal.NotDue.Reason.NOTHING_WAITING, List.of(),
                    Optional.empty(), lastPickup, Optional.empty());
        }
        Instant oldest = waiting.stream().map(w -> waitingSince(w, zone)).min(Comparator.naturalOrder()).orElseThrow();
        Instant byWait = oldest.plus(policy.maxWait());
        Optional<Instant> byInterval = lastPickup.map(d -> d.atStartOfDay(zone).toInstant().plus(policy.interval()));
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        if (waiting.size() >= policy.minFiles()) {
            triggers.add(Trigger.FILE_COUNT);
        }
        if (!now.isBefore(byWait)) {
            triggers.add(Trigger.OLDEST_WAITING);
        }
        if (byInterval.isPresent() && !now.isBefore(byInterval.get())) {
            triggers.add(Trigger.INTERVAL);
        }
        if (waiting.stream().anyMatch(w -> w.recall().orElse(null) == RecallMode.SCAN_ON_DEMAND)) {
            triggers.add(Trigger.RECALL);
        }
        if (triggers.isEmpty()) {
            Instant dueBy = byInterval.filter(i -> i.isBefore(byWait)).orElse(byWait);
            return new PickupProposal.NotDue(now, PickupProposal.NotDue.Reason.BELOW_THRESHOLDS, waiting,
                    Optional.of(oldest), lastPickup, Optional.of(dueBy));
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate date = triggers.contains(Trigger.RECALL) ? today : today.plusDays(policy.leadDays());
        return new PickupProposal.Due(now, date, triggers, waiting, pack(waiting, boxes, policy.boxCapacity()));
    }

    private static boolean inPlannedPickup(Projection state, BoxRecord b) {
        PickupRecord p = b.pickup() == null ? null : state.pickup(b.pickup());
        return p != null && p.state() == PickupState.PLANNED;
    }

    /** A transfer waits from the day its paper arrived, if that was before it was registered. */
    private static Instant waitingSince(WorkItem w, ZoneId zone) {
        Instant registered = w.registeredAt();
        return w.receivedOn().map(d -> d.atStartOfDay(zone).toInstant()).filter(d -> d.isBefore(registered))
                .orElse(registered);
    }

    /**
     * Tops up the open boxes, then fills new ones, each with the most urgent loose files first; the
     * boxes come in the order of the most urgent file each holds.
     */
    private static List<BoxSuggestion> pack(List<WorkItem> waiting, List<BoxRecord> boxes, int capacity) {
        Map<Barcode, Integer> rank = new HashMap<>();
        for (int i = 0; i < waiting.size(); i++) {
            rank.put(waiting.get(i).barcode(), i);
        }
        List<Barcode> loose = waiting.stream().filter(w -> w.state() == CaseFileState.REGISTERED)
                .map(WorkItem::barcode).toList();
        List<Candidate> existing = new ArrayList<>();
        for (BoxRecord b : boxes) {
            existing.add(new Candidate(b, List.copyOf(b.files()), new ArrayList<>()));
        }
        existing.sort(Comparator.comparingInt((Candidate c) -> best(c.packed, rank)).thenComparing(c -> c.box.barcode()));
        int next = 0;
        for (Candidate c : existing) {
            while (c.box.state() == BoxState.OPEN && c.packed.size() + c.toPack.size() < capacity && next < loose.size()) {
                c.toPack.add(loose.get(next++));
            }
        }
        List<BoxSuggestion> out = new ArrayList<>();
        for (Candidate c : existing) {
            if (!c.packed.isEmpty() || !c.toPack.isEmpty()) {
                out.add(new BoxSuggestion(Optional.of(c.box.barcode()), Optional.of(c.box.state()), c.packed, c.toPack));
            }
        }
        while (next < loose.size()) {
            int end = Math.min(loose.size(), next + capacity);
            out.add(new BoxSuggestion(Optional.empty(), Optional.empty(), List.of(), loose.subList(next, end)));
            next = end;
        }
        out.sort(Comparator.comparingInt(s -> Math.min(best(s.packed(), rank), best(s.toPack(), rank))));
        return out;
    }

    private static int best(List<Barcode> files, Map<Barcode, Integer> rank) {
        int best = Integer.MAX_VALUE;
        for (Barcode b : files) {
            best = Math.min(best, rank.getOrDefault(b, Integer.MAX_VALUE));
        }
        return best;
    }
}
