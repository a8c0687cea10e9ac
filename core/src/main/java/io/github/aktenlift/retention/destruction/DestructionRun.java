package io.github.aktenlift.retention.destruction;

import io.github.aktenlift.Actor;
import io.github.aktenlift.DuplicateIdentifierException;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Decision;
import io.github.aktenlift.lifecycle.DestructionLedger;
import io.github.aktenlift.lifecycle.DestructionListRecord;
import io.github.aktenlift.lifecycle.EntityNames;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.Streams;
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
 * {@code DESTRUCTION_CONFIRMED}. Thread-safe.
 */
public final class DestructionRun implements Destruction {

    private static final String KIND = EntityNames.DESTRUCTION_LIST;
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // the same rule as DestroyPaper's certificate number
    private static final Pattern CERTIFICATE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final String RETENTION_UNTIL = "RETENTION_UNTIL:";

    private final CommandLoop loop;
    private final RetentionPolicy policy;

    /** @param loop the command loop that records lists and confirmations */
    public DestructionRun(CommandLoop loop) {
        this.loop = loop;
        this.policy = loop.policies().retention();
    }

    @Override
    public DestructionList prepare(Actor actor) {
        requireActor(actor);
        String id = loop.ids().newId();
        if (!LIST_ID.matcher(id).matches()) {
            throw new IllegalStateException("the id source made an id unfit for a destruction list");
        }
        loop.record(actor, "PrepareDestructionList", (now, state) -> draw(state, id, now));
        return list(id).orElseThrow();
    }

    private Decision draw(Projection state, String id, Instant now) {
        if (state.destructions().list(id) != null) {
            throw new DuplicateIdentifierException(KIND, id);
        }
        List<Barcode> due = new ArrayList<>();
        Map<String, String> payload = new TreeMap<>();
        int notYetDue = 0;
        for (CaseFileRecord f : retained(state)) {
            List<String> blockers = Projection.destructionBlockers(f, policy, now);
            if (blockers.isEmpty()) {
                due.add(f.barcode());
            } else if (blockers.stream().anyMatch(b -> b.startsWith(RETENTION_UNTIL))) {
                notYetDue++;
            } else {
                payload.put(Payload.EXCLUDED_PREFIX + f.barcode().value(), String.join(",", blockers));
            }
        }
        payload.put(Payload.FILES, DestructionLedger.join(due));
        payload.put(Payload.NOT_YET_DUE, Integer.toString(notYetDue));
        payload.put(Payload.RETENTION, policy.retention().toString());
        return Decision.of(PendingEvent.of(Streams.destructionList(id), EventKind.DESTRUCTION_LISTED, payload));
    }

    private static List<CaseFileRecord> retained(Projection state) {
        return state.caseFiles().stream().filter(f -> f.state() == CaseFileState.RETAINED)
                .sorted(Comparator.comparing(CaseFileRecord::barcode)).toList();
    }

    @Override
    public Optional<DestructionList> list(String listId) {
        requireListId(listId);
        return loop.read(state -> Optional.ofNullable(state.destructions().list(listId)).map(l -> view(state, l)));
    }

    private DestructionList view(Projection state, DestructionListRecord l) {
        List<DestructionList.Entry> entries = new ArrayList<>(l.files().size());
        for (Barcode b : l.files()) {
            CaseFileRecord f = state.caseFile(b);
            entries.add(new DestructionList.Entry(b, f.reference(), f.protection(),
                    f.importedAt().plus(policy.retention()), f.location()));
        }
        Optional<DestructionList.Confirmation> confirmation = Optional.empty();
        if (l.confirmed()) {
            List<Barcode> destroyed = l.files().stream().filter(b -> !l.skipped().containsKey(b)).toList();
            confirmation = Optional.of(new DestructionList.Confirmation(l.certificate(), l.confirmedAt(),
                    l.confirmedBy(), destroyed, exclusions(state, l.skipped())));
        }
        return new DestructionList(l.id(), l.createdAt(), l.createdBy(), entries, exclusions(state, l.excluded()),
                l.notYetDue(), confirmation);
    }

    private static List<DestructionList.Exclusion> exclusions(Projection state, Map<Barcode, List<String>> reasons) {
        List<DestructionList.Exclusion> out = new ArrayList<>(reasons.size());
        reasons.forEach((b, r) -> out.add(new DestructionList.Exclusion(b, state.caseFile(b).reference(), r)));
        return out;
    }

    @Override
    public DestructionList confirm(Actor actor, String listId, String certificateNumber) {
        requireActor(actor);
        requireListId(listId);
        if (certificateNumber == null || !CERTIFICATE.matcher(certificateNumber).matches()) {
            throw new InvalidValueException("certificateNumber", "must be 1 to 64 of A-Z a-z 0-9 . _ : / -");
        }
        loop.record(actor, "ConfirmDestructionList", (now, state) -> confirmation(state, listId, certificateNumber, now));
        return list(listId).orElseThrow();
    }

    private Decision confirmation(Projection state, String listId, String certificate, Instant now) {
        DestructionListRecord l = state.destructions().list(listId);
        if (l == null) {
            throw new UnknownIdentifierException(KIND, listId);
        }
        if (l.confirmed()) {
            if (l.certificate().equals(certificate)) {
                return Decision.nothing(); // a repeat: already recorded, nothing to add
            }
            throw new PreconditionFailedException(KIND, listId, List.of("ALREADY_CONFIRMED:" + l.certificate()));
        }
        if (l.files().isEmpty()) {
            throw new PreconditionFailedException(KIND, listId, List.of("LIST_EMPTY"));
        }
        List<PendingEvent> events = new ArrayList<>(l.files().size() + 1);
        Map<String, String> payload = new TreeMap<>();
        int destroyed = 0;
        for (Barcode b : l.files()) {
            CaseFileRecord f = state.caseFile(b);
            List<String> blockers = Projection.destructionBlockers(f, policy, now);
            if (blockers.isEmpty()) {
                events.add(PendingEvent.of(Streams.caseFile(b), EventKind.DESTROYED, Payload.CERTIFICATE, certificate,
                        Payload.LIST, listId));
                destroyed++;
            } else {
                payload.put(Payload.SKIPPED_PREFIX + b.value(), String.join(",", blockers));
            }
        }
        payload.put(Payload.CERTIFICATE, certificate);
        payload.put(Payload.DESTROYED, Integer.toString(destroyed));
        events.add(PendingEvent.of(Streams.destructionList(listId), EventKind.DESTRUCTION_CONFIRMED, payload));
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
