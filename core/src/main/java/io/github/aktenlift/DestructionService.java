package io.github.aktenlift;

import io.github.aktenlift.Decider.Decision;
import io.github.aktenlift.DestructionLedger.ListRec;
import io.github.aktenlift.Projection.FileRec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.retention.Destruction;
import io.github.aktenlift.retention.DestructionList;
import io.github.aktenlift.retention.RetentionPolicy;
import io.github.aktenlift.tracking.EventKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The destruction run on the journal: a list is one event on its own stream; its confirmation is
 * one atomic append of the {@code DESTROYED} events of the files still due and the list's
 * {@code DESTRUCTION_CONFIRMED}.
 */
final class DestructionService implements Destruction {

    static final String KIND = "destruction list";
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // the same rule as DestroyPaper's certificate number
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final String RETENTION_UNTIL = "RETENTION_UNTIL:";

    private final Engine engine;

    DestructionService(Engine engine) {
        this.engine = engine;
    }

    @Override
    public DestructionList prepare(Actor actor) {
        requireActor(actor);
        String id = engine.ids().newId();
        if (!LIST_ID.matcher(id).matches()) {
            throw new IllegalStateException("the id source made an id unfit for a destruction list");
        }
        engine.record(actor, "PrepareDestructionList", now -> draw(id, now));
        return list(id).orElseThrow();
    }

    private Decision draw(String id, Instant now) {
        Projection state = engine.state();
        if (state.destructions.lists.containsKey(id)) {
            throw new DuplicateIdentifierException(KIND, id);
        }
        RetentionPolicy policy = engine.policies().retention();
        List<Barcode> due = new ArrayList<>();
        Map<String, String> payload = new TreeMap<>();
        int notYetDue = 0;
        for (FileRec f : retained(state)) {
            List<String> blockers = Projection.destructionBlockers(f, policy, now);
            if (blockers.isEmpty()) {
                due.add(f.barcode);
            } else if (blockers.stream().anyMatch(b -> b.startsWith(RETENTION_UNTIL))) {
                notYetDue++;
            } else {
                payload.put(DestructionLedger.EXCLUDED + f.barcode.value(), String.join(",", blockers));
            }
        }
        payload.put("files", DestructionLedger.join(due));
        payload.put("notYetDue", Integer.toString(notYetDue));
        payload.put("retention", policy.retention().toString());
        return Decision.of(PendingEvent.of(DestructionLedger.STREAM + id, EventKind.DESTRUCTION_LISTED, payload));
    }

    private static List<FileRec> retained(Projection state) {
        return state.files.values().stream().filter(f -> f.state == CaseFileState.RETAINED)
                .sorted(Comparator.comparing(f -> f.barcode)).toList();
    }

    @Override
    public Optional<DestructionList> list(String listId) {
        requireListId(listId);
        return engine.read(state -> Optional.ofNullable(state.destructions.lists.get(listId))
                .map(l -> view(state, l)));
    }

    private DestructionList view(Projection state, ListRec l) {
        RetentionPolicy policy = engine.policies().retention();
        List<DestructionList.Entry> entries = new ArrayList<>(l.files.size());
        for (Barcode b : l.files) {
            FileRec f = state.files.get(b);
            entries.add(new DestructionList.Entry(b, f.reference, f.protection, f.importedAt.plus(policy.retention()),
                    f.location));
        }
        Optional<DestructionList.Confirmation> confirmation = Optional.empty();
        if (l.confirmed()) {
            List<Barcode> destroyed = l.files.stream().filter(b -> !l.skipped.containsKey(b)).toList();
            confirmation = Optional.of(new DestructionList.Confirmation(l.certificate, l.confirmedAt, l.confirmedBy,
                    destroyed, exclusions(state, l.skipped)));
        }
        return new DestructionList(l.id, l.createdAt, l.createdBy, entries, exclusions(state, l.excluded), l.notYetDue,
                confirmation);
    }

    private static List<DestructionList.Exclusion> exclusions(Projection state, Map<Barcode, List<String>> reasons) {
        List<DestructionList.Exclusion> out = new ArrayList<>(reasons.size());
        reasons.forEach((b, r) -> out.add(new DestructionList.Exclusion(b, state.files.get(b).reference, r)));
        return out;
    }

    @Override
    public DestructionList confirm(Actor actor, String listId, String certificateNumber) {
        requireActor(actor);
        requireListId(listId);
        if (certificateNumber == null || !CERTIFICATE.matcher(certificateNumber).matches()) {
            throw new InvalidValueException("certificateNumber", "must be 1 to 64 of A-Z a-z 0-9 . _ : / -");
        }
        engine.record(actor, "ConfirmDestructionList", now -> confirmation(listId, certificateNumber, now));
        return list(listId).orElseThrow();
    }

    private Decision confirmation(String listId, String certificate, Instant now) {
        Projection state = engine.state();
        ListRec l = state.destructions.lists.get(listId);
        if (l == null) {
            throw new UnknownIdentifierException(KIND, listId);
        }
        if (l.confirmed()) {
            if (l.certificate.equals(certificate)) {
                return Decision.of(List.of()); // a repeat: already recorded, nothing to add
            }
            throw new PreconditionFailedException(KIND, listId, List.of("ALREADY_CONFIRMED:" + l.certificate));
        }
        if (l.files.isEmpty()) {
            throw new PreconditionFailedException(KIND, listId, List.of("LIST_EMPTY"));
        }
        RetentionPolicy policy = engine.policies().retention();
        List<PendingEvent> events = new ArrayList<>(l.files.size() + 1);
        Map<String, String> payload = new TreeMap<>();
        int destroyed = 0;
        for (Barcode b : l.files) {
            FileRec f = state.files.get(b);
            List<String> blockers = Projection.destructionBlockers(f, policy, now);
            if (blockers.isEmpty()) {
                events.add(PendingEvent.of(Projection.FILE + b.value(), EventKind.DESTROYED, "certificate", certificate,
                        "list", listId));
                destroyed++;
            } else {
                payload.put(DestructionLedger.SKIPPED + b.value(), String.join(",", blockers));
            }
        }
        payload.put("certificate", certificate);
        payload.put("destroyed", Integer.toString(destroyed));
        events.add(PendingEvent.of(DestructionLedger.STREAM + listId, EventKind.DESTRUCTION_CONFIRMED, payload));
        return Decision.of(events);
    }

    private static void requireActor(Actor actor) {
        if (actor == null) {
            throw new InvalidValueException("actor", "must not be null");
        }
    }

    private static void requireListId(String listId) {
        if (listId == null || !LIST_ID.matcher(listId).matches()) {
            throw new InvalidValueException("listId", "must be 1 to 64 of A-Z a-z 0-9 _ -");
        }
    }
}
