package io.github.aktenlift;

import io.github.aktenlift.Projection.BoxRec;
import io.github.aktenlift.Projection.FileRec;
import io.github.aktenlift.Projection.PickupRec;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CapturedDocument;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.ConfirmImport;
import io.github.aktenlift.casefile.FailQualityCheck;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PassQualityCheck;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.RejectImport;
import io.github.aktenlift.casefile.ReportFound;
import io.github.aktenlift.casefile.RequestRecall;
import io.github.aktenlift.casefile.ResubmitCaseFile;
import io.github.aktenlift.casefile.RetryImport;
import io.github.aktenlift.casefile.ReturnOriginals;
import io.github.aktenlift.casefile.ServeRecall;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.efile.DecideMatch;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.ReopenBox;
import io.github.aktenlift.logistics.SealBox;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.logistics.UnpackCaseFile;
import io.github.aktenlift.retention.DestroyPaper;
import io.github.aktenlift.retention.PlaceHold;
import io.github.aktenlift.retention.ReleaseHold;
import io.github.aktenlift.retention.RetainPaper;
import io.github.aktenlift.retention.ReturnPaper;
import io.github.aktenlift.tracking.EventKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.github.aktenlift.casefile.CaseFileState.CAPTURED;
import static io.github.aktenlift.casefile.CaseFileState.DESTROYED;
import static io.github.aktenlift.casefile.CaseFileState.IMPORTED;
import static io.github.aktenlift.casefile.CaseFileState.IMPORT_REJECTED;
import static io.github.aktenlift.casefile.CaseFileState.IN_TRANSIT;
import static io.github.aktenlift.casefile.CaseFileState.MISSING;
import static io.github.aktenlift.casefile.CaseFileState.PACKED;
import static io.github.aktenlift.casefile.CaseFileState.PREPARED;
import static io.github.aktenlift.casefile.CaseFileState.QA_FAILED;
import static io.github.aktenlift.casefile.CaseFileState.RECEIVED;
import static io.github.aktenlift.casefile.CaseFileState.REGISTERED;
import static io.github.aktenlift.casefile.CaseFileState.RETAINED;
import static io.github.aktenlift.casefile.CaseFileState.RETURNED;
import static io.github.aktenlift.casefile.CaseFileState.VERIFIED;

/**
 * Decides what a command means in the current state: which events it records, or which typed
 * exception rejects it. Reads the projection, never changes it.
 */
final class Decider {

    static final String CASE_FILE = "case file";
    static final String BOX = "box";
    static final String PICKUP = "pickup";

    /** What a command decided: events to record, and personal data to store first. */
    record Decision(List<PendingEvent> events, String subjectKey, Subject subject) {
        static Decision of(List<PendingEvent> events) {
            return new Decision(events, null, null);
        }

        static Decision of(PendingEvent... events) {
            return new Decision(List.of(events), null, null);
        }
    }

    /** The lifecycle: from which states each case-file command may start. */
    static final Map<Class<?>, Set<CaseFileState>> ALLOWED = Map.ofEntries(
            Map.entry(PackCaseFile.class, EnumSet.of(REGISTERED)),
            Map.entry(UnpackCaseFile.class, EnumSet.of(PACKED)),
            Map.entry(ReportFound.class, EnumSet.of(MISSING)),
            Map.entry(PrepareCaseFile.class, EnumSet.of(RECEIVED)),
            Map.entry(RecordCapture.class, EnumSet.of(PREPARED, QA_FAILED)),
            Map.entry(PassQualityCheck.class, EnumSet.of(CAPTURED)),
            Map.entry(FailQualityCheck.class, EnumSet.of(CAPTURED)),
            Map.entry(ConfirmImport.class, EnumSet.of(VERIFIED, IMPORT_REJECTED)),
            Map.entry(RejectImport.class, EnumSet.of(VERIFIED)),
            Map.entry(RetryImport.class, EnumSet.of(IMPORT_REJECTED)),
            Map.entry(DecideMatch.class, EnumSet.of(VERIFIED)),
            Map.entry(RetainPaper.class, EnumSet.of(IMPORTED)),
            Map.entry(DestroyPaper.class, EnumSet.of(RETAINED)),
            Map.entry(ReturnPaper.class, EnumSet.of(IMPORTED, RETAINED)),
            Map.entry(ResubmitCaseFile.class, EnumSet.of(RETURNED)),
            Map.entry(ReturnOriginals.class, EnumSet.of(CAPTURED, QA_FAILED, VERIFIED, IMPORT_REJECTED, IMPORTED, RETAINED)),
            Map.entry(PlaceHold.class, EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED))),
            Map.entry(ReleaseHold.class, EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED))),
            Map.entry(ServeRecall.class, EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED))));

    /** Where a recall of each mode may be requested. */
    static final Map<RecallMode, Set<CaseFileState>> RECALL_ALLOWED = Map.of(
            RecallMode.SCAN_ON_DEMAND, EnumSet.of(REGISTERED, PACKED, IN_TRANSIT, RECEIVED, MISSING, PREPARED, CAPTURED,
                    QA_FAILED, VERIFIED, IMPORT_REJECTED),
            RecallMode.PAPER_BACK, EnumSet.complementOf(EnumSet.of(DESTROYED, RETURNED)));

    /** Decides one type of command. */
    @FunctionalInterface
    private interface Rule<C extends Command> {
        Decision decide(C command, Instant now, Supplier<String> subjectKey);
    }

    /** A rule with its command type, applied to a command of exactly that type. */
    private record TypedRule<C extends Command>(Class<C> type, Rule<C> rule) {
        Decision decide(Command c, Instant now, Supplier<String> subjectKey) {
            return rule.decide(type.cast(c), now, subjectKey);
        }
    }

    private final Projection state;
    private final Policies policies;
    /**
     * The rule for each command type (commands are records, so their class is exact). A look-up
     * rather than a chain of type tests keeps {@link #decide} small and each rule a method of its
     * own: a JIT compiles rules as they become hot, and a command type seen for the first time
     * does not throw away the compiled code of the others.
     */
    private final Map<Class<?>, TypedRule<?>> rules = new HashMap<>();

    Decider(Projection state, Policies policies) {
        this.state = state;
        this.policies = policies;
        rule(RegisterCaseFile.class, (r, now, key) -> register(r.barcode(), r.reference(), r.subject(), r.protection(),
                null, null, key));
        rule(RegisterTransfer.class, (r, now, key) -> register(r.barcode(), r.reference(), r.subject(), r.protection(),
                r.originAuthority(), r.receivedOn().toString(), key));
        rule(PackCaseFile.class, (p, now, key) -> {
            FileRec f = file(p.caseFile(), p);
            BoxRec b = box(p.box());
            requireBox(b, BoxState.OPEN, p);
            return Decision.of(fileEvent(f, EventKind.PACKED, "box", b.barcode.value()));
        });
        rule(UnpackCaseFile.class, (u, now, key) -> {
            FileRec f = file(u.caseFile(), u);
            requireBox(state.boxes.get(f.box), BoxState.OPEN, u);
            return Decision.of(fileEvent(f, EventKind.UNPACKED, "box", f.box.value()));
        });
        rule(OpenBox.class, (o, now, key) -> openBox(o));
        rule(SealBox.class, (c, now, key) -> {
            BoxRec b = box(c.box());
            requireBox(b, BoxState.OPEN, c);
            if (b.files.isEmpty()) {
                throw new PreconditionFailedException(BOX, b.barcode.value(), List.of("BOX_EMPTY"));
            }
            return Decision.of(boxEvent(b, EventKind.BOX_SEALED, "seal", c.seal().value(),
                    "files", Integer.toString(b.files.size())));
        });
        rule(ReopenBox.class, (r, now, key) -> {
            BoxRec b = box(r.box());
            requireBox(b, BoxState.SEALED, r);
            if (b.pickup != null && state.pickups.get(b.pickup).state == PickupState.PLANNED) {
                throw new PreconditionFailedException(BOX, b.barcode.value(), List.of("IN_PICKUP:" + b.pickup));
            }
            return Decision.of(boxEvent(b, EventKind.BOX_REOPENED, "brokenSeal", b.seal.value()));
        });
        rule(PlanPickup.class, (p, now, key) -> planPickup(p));
        rule(CollectPickup.class, (p, now, key) -> collect(p));
        rule(ReceiveBox.class, (r, now, key) -> receive(r));
        rule(PrepareCaseFile.class, (p, now, key) -> simple(p.barcode(), p, EventKind.PREPARED));
        rule(ReportFound.class, (r, now, key) -> simple(r.barcode(), r, EventKind.FOUND));
        rule(RecordCapture.class, (r, now, key) -> capture(r));
        rule(PassQualityCheck.class, (p, now, key) -> passQualityCheck(file(p.barcode(), p), p.reviewerId()));
        rule(FailQualityCheck.class, (q, now, key) -> Decision.of(fileEvent(file(q.barcode(), q), EventKind.QA_FAILED,
                "reasons", String.join(",", q.reasonCodes()))));
        rule(ConfirmImport.class, (i, now, key) -> {
            FileRec f = file(i.barcode(), i);
            List<PendingEvent> events = new ArrayList<>(2);
            events.add(fileEvent(f, EventKind.IMPORT_CONFIRMED, "eFile", i.eFileId(), "receipt", i.receiptId()));
            if (f.recall == RecallMode.SCAN_ON_DEMAND) {
                events.add(fileEvent(f, EventKind.RECALL_SERVED, "mode", f.recall.name()));
            }
            return Decision.of(events);
        });
        rule(RejectImport.class, (r, now, key) -> Decision.of(fileEvent(file(r.barcode(), r), EventKind.IMPORT_REJECTED,
                "reason", r.reasonCode())));
        rule(RetryImport.class, (r, now, key) -> simple(r.barcode(), r, EventKind.IMPORT_RETRIED));
        rule(RetainPaper.class, (r, now, key) -> simple(r.barcode(), r, EventKind.RETAINED));
        rule(ReturnPaper.class, (r, now, key) -> Decision.of(fileEvent(file(r.barcode(), r), EventKind.PAPER_RETURNED,
                "recipient", r.recipient())));
        rule(ResubmitCaseFile.class, (r, now, key) -> simple(r.barcode(), r, EventKind.RESUBMITTED));
        rule(DestroyPaper.class, (d, now, key) -> {
            FileRec f = file(d.barcode(), d);
            List<String> blockers = Projection.destructionBlockers(f, policies.retention(), now);
            if (!blockers.isEmpty()) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), blockers);
            }
            return Decision.of(fileEvent(f, EventKind.DESTROYED, "certificate", d.certificateNumber()));
        });
        rule(PlaceHold.class, (h, now, key) -> {
            FileRec f = file(h.barcode(), h);
            if (f.holds.contains(h.reason())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("HOLD_EXISTS:" + h.reason()));
            }
            return Decision.of(fileEvent(f, EventKind.HOLD_PLACED, "reason", h.reason().name()));
        });
        rule(ReleaseHold.class, (h, now, key) -> {
            FileRec f = file(h.barcode(), h);
            if (!f.holds.contains(h.reason())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("NO_HOLD:" + h.reason()));
            }
            return Decision.of(fileEvent(f, EventKind.HOLD_RELEASED, "reason", h.reason().name()));
        });
        rule(RequestRecall.class, (r, now, key) -> {
            FileRec f = fileAnyState(r.barcode());
            if (!RECALL_ALLOWED.get(r.mode()).contains(f.state)) {
                throw illegal(f, r);
            }
            if (f.recall != null) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("RECALL_OPEN:" + f.recall));
            }
            return Decision.of(fileEvent(f, EventKind.RECALL_REQUESTED, "mode", r.mode().name()));
        });
        rule(ServeRecall.class, (c, now, key) -> serveRecall(file(c.barcode(), c), c));
        rule(ReturnOriginals.class, (r, now, key) -> returnOriginals(r));
        rule(DecideMatch.class, (m, now, key) -> state.imports.decide(file(m.barcode(), m), m));
    }

    private <C extends Command> void rule(Class<C> type, Rule<C> rule) {
        rules.put(type, new TypedRule<>(type, rule));
    }

    /**
     * @param subjectKey the key under which a registration's subject is stored; the same on every
     *     retry of one command
     */
    Decision decide(Command c, Instant now, Supplier<String> subjectKey) {
        TypedRule<?> rule = c == null ? null : rules.get(c.getClass());
        if (rule == null) {
            throw new IllegalArgumentException("not an Aktenlift command: " + (c == null ? "null" : c.getClass().getName()));
        }
        return rule.decide(c, now, subjectKey);
    }

    private Decision register(Barcode barcode, FileReference reference, Subject subject, ProtectionLevel protection,
            String origin, String receivedOn, Supplier<String> subjectKey) {
        if (!policies.caseFileBarcodes().accepts(barcode)) {
            throw new InvalidBarcodeException(CASE_FILE, barcode.value());
        }
        if (state.files.containsKey(barcode) || state.boxes.containsKey(barcode)) {
            throw new DuplicateIdentifierException(CASE_FILE, barcode.value());
        }
        FileRec holder = state.byReference.get(reference);
        if (holder != null) {
            throw new DuplicateIdentifierException("file reference", holder.barcode.value());
        }
        String key = subjectKey.get();
        PendingEvent e = PendingEvent.of(Projection.FILE + barcode.value(),
                origin == null ? EventKind.REGISTERED : EventKind.TRANSFER_REGISTERED,
                "reference", reference.value(), "protection", protection.name(), "subject", key,
                "origin", origin, "receivedOn", receivedOn);
        return new Decision(List.of(e), key, subject);
    }

    private Decision openBox(OpenBox o) {
        if (!policies.boxBarcodes().accepts(o.box())) {
            throw new InvalidBarcodeException(BOX, o.box().value());
        }
        if (state.boxes.containsKey(o.box()) || state.files.containsKey(o.box())) {
            throw new DuplicateIdentifierException(BOX, o.box().value());
        }
        return Decision.of(PendingEvent.of(Projection.BOX + o.box().value(), EventKind.BOX_OPENED));
    }

    private Decision planPickup(PlanPickup p) {
        if (state.pickups.containsKey(p.pickupId())) {
            throw new DuplicateIdentifierException(PICKUP, p.pickupId());
        }
        Set<Barcode> seen = new HashSet<>();
        for (Barcode b : p.boxes()) {
            BoxRec box = box(b);
            requireBox(box, BoxState.SEALED, p);
            if (!seen.add(b)) {
                throw new PreconditionFailedException(PICKUP, p.pickupId(), List.of("DUPLICATE_BOX:" + b));
            }
            if (box.pickup != null && state.pickups.get(box.pickup).state == PickupState.PLANNED) {
                throw new PreconditionFailedException(BOX, b.value(), List.of("IN_PICKUP:" + box.pickup));
            }
        }
        return Decision.of(PendingEvent.of(Projection.PICKUP + p.pickupId(), EventKind.PICKUP_PLANNED,
                "scheduledFor", p.scheduledFor().toString(),
                "boxes", String.join(",", p.boxes().stream().map(Barcode::value).toList())));
    }

    private Decision collect(CollectPickup c) {
        PickupRec p = state.pickups.get(c.pickupId());
        if (p == null) {
            throw new UnknownIdentifierException(PICKUP, c.pickupId());
        }
        if (p.state != PickupState.PLANNED) {
            throw new IllegalTransitionException(PICKUP, p.id, p.state.name(), c.getClass().getSimpleName());
        }
        Map<Barcode, SealNumber> seals = c.protocol().seals();
        List<String> problems = new ArrayList<>();
        for (Barcode b : p.boxes) {
            SealNumber read = seals.get(b);
            BoxRec box = state.boxes.get(b);
            if (read == null) {
                problems.add("BOX_NOT_IN_PROTOCOL:" + b);
            } else if (!read.equals(box.seal)) {
                problems.add("SEAL_MISMATCH:" + b);
            }
        }
        for (Barcode b : new java.util.TreeSet<>(seals.keySet())) {
            if (!p.boxes.contains(b)) {
                problems.add("BOX_NOT_IN_PICKUP:" + b);
            }
        }
        if (!problems.isEmpty()) {
            throw new PreconditionFailedException(PICKUP, p.id, problems);
        }
        String carrier = c.protocol().receivedBy();
        List<PendingEvent> events = new ArrayList<>();
        events.add(PendingEvent.of(Projection.PICKUP + p.id, EventKind.PICKUP_COLLECTED,
                "handedOverBy", c.protocol().handedOverBy(), "receivedBy", carrier,
                "boxes", Integer.toString(p.boxes.size())));
        for (Barcode b : p.boxes) {
            BoxRec box = state.boxes.get(b);
            events.add(boxEvent(box, EventKind.BOX_PICKED_UP, "pickup", p.id, "seal", box.seal.value(), "holder", carrier));
            for (Barcode fb : box.files) {
                events.add(fileEvent(state.files.get(fb), EventKind.PICKED_UP, "pickup", p.id, "holder", carrier));
            }
        }
        return Decision.of(events);
    }

    private Decision receive(ReceiveBox r) {
        BoxRec b = box(r.box());
        requireBox(b, BoxState.IN_TRANSIT, r);
        for (Barcode present : new java.util.TreeSet<>(r.caseFilesPresent())) {
            if (!b.files.contains(present)) {
                if (!state.files.containsKey(present)) {
                    throw new UnknownIdentifierException(CASE_FILE, present.value());
                }
                throw new PreconditionFailedException(BOX, b.barcode.value(), List.of("NOT_ON_PACKING_LIST:" + present));
            }
        }
        boolean mismatch = !r.observedSeal().equals(b.seal);
        int missing = b.files.size() - r.caseFilesPresent().size();
        List<PendingEvent> events = new ArrayList<>();
        events.add(boxEvent(b, EventKind.BOX_RECEIVED, "seal", r.observedSeal().value(),
                "sealMismatch", Boolean.toString(mismatch), "present", Integer.toString(r.caseFilesPresent().size()),
                "missing", Integer.toString(missing)));
        for (Barcode fb : b.files) {
            FileRec f = state.files.get(fb);
            if (f.state != IN_TRANSIT) {
                throw illegal(f, r);
            }
            events.add(fileEvent(f, r.caseFilesPresent().contains(fb) ? EventKind.RECEIVED : EventKind.MISSING_AT_RECEIPT,
                    "box", b.barcode.value()));
        }
        PickupRec p = b.pickup == null ? null : state.pickups.get(b.pickup);
        if (p != null && p.boxes.stream().allMatch(x -> x.equals(b.barcode) || state.boxes.get(x).state == BoxState.RECEIVED)) {
            events.add(PendingEvent.of(Projection.PICKUP + p.id, EventKind.PICKUP_DELIVERED));
        }
        return Decision.of(events);
    }

    private Decision capture(RecordCapture r) {
        FileRec f = file(r.barcode(), r);
        TreeMap<String, String> payload = new TreeMap<>();
        payload.put("delivery", r.deliveryId());
        payload.put("documents", Integer.toString(r.documents().size()));
        int pages = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (CapturedDocument d : r.documents()) {
            if (!ids.add(d.documentId())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("DUPLICATE_DOCUMENT:" + d.documentId()));
            }
            pages += d.pages();
            payload.put("doc." + d.documentId(), d.type() + ";" + d.pages() + ";" + (d.originalToReturn() ? "return" : "keep"));
        }
        payload.put("pages", Integer.toString(pages));
        if (f.state == QA_FAILED) {
            payload.put("rescan", "true");
        }
        if (r.scanProtocolSha256() != null) {
            payload.put("protocol", r.scanProtocolSha256());
        }
        String sample = String.join(",", inspectionSample(f, r, policies.profileFor(f.protection).qaSampleRate()));
        if (!sample.isEmpty()) {
            payload.put("sample", sample);
        }
        return Decision.of(new PendingEvent(Projection.FILE + f.barcode.value(), EventKind.CAPTURED, payload));
    }

    /**
     * The documents drawn for visual inspection: each with the profile's rate, from a random source
     * seeded by barcode and delivery, so that the draw is reproducible and cannot be steered by
     * re-sending the same delivery.
     */
    static List<String> inspectionSample(FileRec f, RecordCapture r, double rate) {
        if (rate <= 0) {
            return List.of();
        }
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (f.barcode.value() + '|' + r.deliveryId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long seed = java.nio.ByteBuffer.wrap(digest).getLong();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (CapturedDocument d : r.documents()) {
            if (rate >= 1 || random.nextDouble() < rate) {
                out.add(d.documentId());
            }
        }
        return out;
    }

    /** One reviewer's pass; four-eyes review needs a second, different reviewer before VERIFIED. */
    private Decision passQualityCheck(FileRec f, String reviewer) {
        if (f.reviewers.contains(reviewer)) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("SAME_REVIEWER:" + reviewer));
        }
        int required = policies.profileFor(f.protection).fourEyes() ? 2 : 1;
        if (f.reviewers.size() + 1 < required) {
            return Decision.of(fileEvent(f, EventKind.QA_REVIEWED, "reviewer", reviewer));
        }
        List<String> all = new ArrayList<>(f.reviewers);
        all.add(reviewer);
        return Decision.of(fileEvent(f, EventKind.QA_PASSED, "reviewer", reviewer, "reviewers", String.join(",", all)));
    }

    private Decision serveRecall(FileRec f, Command c) {
        if (f.recall == null) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("NO_OPEN_RECALL"));
        }
        if (f.recall == RecallMode.SCAN_ON_DEMAND) {
            return Decision.of(fileEvent(f, EventKind.RECALL_SERVED, "mode", f.recall.name()));
        }
        if (f.state == IN_TRANSIT) {
            throw illegal(f, c);
        }
        if (f.state == PACKED && state.boxes.get(f.box).state != BoxState.OPEN) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("IN_SEALED_BOX:" + f.box));
        }
        return Decision.of(fileEvent(f, EventKind.RECALL_SERVED, "mode", f.recall.name()),
                fileEvent(f, EventKind.PAPER_RETURNED, "recipient", "recall"));
    }

    private Decision returnOriginals(ReturnOriginals r) {
        FileRec f = file(r.barcode(), r);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : r.documentIds()) {
            Projection.Document d = f.documents.get(id);
            if (d == null) {
                throw new UnknownIdentifierException("document", f.barcode.value() + "/" + id);
            } else if (!seen.add(id)) {
                problems.add("DUPLICATE_DOCUMENT:" + id);
            } else if (!d.originalToReturn) {
                problems.add("NOT_TO_RETURN:" + id);
            } else if (d.originalReturned) {
                problems.add("ALREADY_RETURNED:" + id);
            }
        }
        if (!problems.isEmpty()) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), problems);
        }
        return Decision.of(fileEvent(f, EventKind.ORIGINALS_RETURNED, "documents", String.join(",", r.documentIds())));
    }

    private Decision simple(Barcode barcode, Command c, EventKind kind) {
        return Decision.of(fileEvent(file(barcode, c), kind));
    }

    /** @return the case file, checked against the lifecycle table for this command */
    private FileRec file(Barcode barcode, Command c) {
        FileRec f = fileAnyState(barcode);
        Set<CaseFileState> allowed = ALLOWED.get(c.getClass());
        if (allowed != null && !allowed.contains(f.state)) {
            throw illegal(f, c);
        }
        return f;
    }

    private FileRec fileAnyState(Barcode barcode) {
        FileRec f = state.files.get(barcode);
        if (f == null) {
            throw new UnknownIdentifierException(CASE_FILE, barcode.value());
        }
        return f;
    }

    private BoxRec box(Barcode barcode) {
        BoxRec b = state.boxes.get(barcode);
        if (b == null) {
            throw new UnknownIdentifierException(BOX, barcode.value());
        }
        return b;
    }

    private static void requireBox(BoxRec b, BoxState required, Command c) {
        if (b.state != required) {
            throw new IllegalTransitionException(BOX, b.barcode.value(), b.state.name(), c.getClass().getSimpleName());
        }
    }

    private static IllegalTransitionException illegal(FileRec f, Command c) {
        return new IllegalTransitionException(CASE_FILE, f.barcode.value(), f.state.name(), c.getClass().getSimpleName());
    }

    private static PendingEvent fileEvent(FileRec f, EventKind kind, String... keyValues) {
        return PendingEvent.of(Projection.FILE + f.barcode.value(), kind, keyValues);
    }

    private static PendingEvent boxEvent(BoxRec b, EventKind kind, String... keyValues) {
        return PendingEvent.of(Projection.BOX + b.barcode.value(), kind, keyValues);
    }
}
