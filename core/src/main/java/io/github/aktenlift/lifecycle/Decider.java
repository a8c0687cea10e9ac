package io.github.aktenlift.lifecycle;

import io.github.aktenlift.Command;
import io.github.aktenlift.DuplicateIdentifierException;
import io.github.aktenlift.IllegalTransitionException;
import io.github.aktenlift.InvalidBarcodeException;
import io.github.aktenlift.Policies;
import io.github.aktenlift.PreconditionFailedException;
import io.github.aktenlift.UnknownIdentifierException;
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
import io.github.aktenlift.logistics.DirectReceipt;
import io.github.aktenlift.logistics.OpenBox;
import io.github.aktenlift.logistics.PackCaseFile;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.ReceiveBox;
import io.github.aktenlift.logistics.ReceiveDirect;
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
 *
 * <p>Why this class is long: it holds the lifecycle's transition table and one rule per command
 * type (32 of them) side by side, so that what a command may do and what it records read as one
 * table; each rule is a few lines.
 */
final class Decider {

    private static final String CASE_FILE = EntityNames.CASE_FILE;
    private static final String BOX = EntityNames.BOX;

    /** The lifecycle: from which states each case-file command may start. */
    static final Map<Class<?>, Set<CaseFileState>> ALLOWED = Map.ofEntries(
            Map.entry(PackCaseFile.class, EnumSet.of(REGISTERED)),
            Map.entry(UnpackCaseFile.class, EnumSet.of(PACKED)),
            Map.entry(ReportFound.class, EnumSet.of(MISSING)),
            Map.entry(PrepareCaseFile.class, EnumSet.of(RECEIVED)),
            Map.entry(ReceiveDirect.class, EnumSet.of(REGISTERED)),
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

    /**
     * What only paper allows: a digital transfer (entered at {@code VERIFIED}, no paper) refuses
     * these in every state, besides what {@link #ALLOWED} says. A recall of the paper is refused
     * too ({@link RecallMode#PAPER_BACK}); a scan-on-demand recall only moves it up the import queue.
     */
    static final Set<Class<?>> PAPER_ONLY = Set.of(PackCaseFile.class, UnpackCaseFile.class, ReceiveDirect.class,
            ReportFound.class,
            PrepareCaseFile.class, RecordCapture.class, PassQualityCheck.class, FailQualityCheck.class,
            RetainPaper.class, DestroyPaper.class, ReturnPaper.class, ResubmitCaseFile.class, ReturnOriginals.class);

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
        rule(RegisterDigitalTransfer.class, (r, now, key) -> registerDigital(r, key));
        rule(AnswerDigitalTransfer.class, (a, now, key) -> answer(a));
        rule(PackCaseFile.class, (p, now, key) -> {
            CaseFileRecord f = file(p.caseFile(), p);
            BoxRecord b = box(p.box());
            requireBox(b, BoxState.OPEN, p);
            return Decision.of(fileEvent(f, EventKind.PACKED, Payload.BOX, b.barcode.value()));
        });
        rule(UnpackCaseFile.class, (u, now, key) -> {
            CaseFileRecord f = file(u.caseFile(), u);
            requireBox(state.boxes.get(f.box), BoxState.OPEN, u);
            return Decision.of(fileEvent(f, EventKind.UNPACKED, Payload.BOX, f.box.value()));
        });
        rule(OpenBox.class, (o, now, key) -> openBox(o));
        rule(SealBox.class, (c, now, key) -> {
            BoxRecord b = box(c.box());
            requireBox(b, BoxState.OPEN, c);
            if (b.files.isEmpty()) {
                throw new PreconditionFailedException(BOX, b.barcode.value(), List.of("BOX_EMPTY"));
            }
            return Decision.of(boxEvent(b, EventKind.BOX_SEALED, Payload.SEAL, c.seal().value(),
                    Payload.FILES, Integer.toString(b.files.size())));
        });
        rule(ReopenBox.class, (r, now, key) -> {
            BoxRecord b = box(r.box());
            requireBox(b, BoxState.SEALED, r);
            if (b.pickup != null && state.pickups.get(b.pickup).state == PickupState.PLANNED) {
                throw new PreconditionFailedException(BOX, b.barcode.value(), List.of("IN_PICKUP:" + b.pickup));
            }
            return Decision.of(boxEvent(b, EventKind.BOX_REOPENED, Payload.BROKEN_SEAL, b.seal.value()));
        });
        rule(PlanPickup.class, (p, now, key) -> planPickup(p));
        rule(CollectPickup.class, (p, now, key) -> collect(p));
        rule(ReceiveBox.class, (r, now, key) -> receive(r));
        rule(ReceiveDirect.class, (r, now, key) -> receiveDirect(r));
        rule(PrepareCaseFile.class, (p, now, key) -> simple(p.barcode(), p, EventKind.PREPARED));
        rule(ReportFound.class, (r, now, key) -> simple(r.barcode(), r, EventKind.FOUND));
        rule(RecordCapture.class, (r, now, key) -> capture(r, 0, null, null, null));
        rule(RecordIngestedCapture.class, (r, now, key) -> ingestedCapture(r));
        rule(PassQualityCheck.class, (p, now, key) -> passQualityCheck(file(p.barcode(), p), p.reviewerId()));
        rule(FailQualityCheck.class, (q, now, key) -> Decision.of(fileEvent(file(q.barcode(), q), EventKind.QA_FAILED,
                Payload.REASONS, String.join(",", q.reasonCodes()))));
        rule(ConfirmImport.class, (i, now, key) -> {
            CaseFileRecord f = file(i.barcode(), i);
            List<PendingEvent> events = new ArrayList<>(2);
            events.add(fileEvent(f, EventKind.IMPORT_CONFIRMED, Payload.EFILE, i.eFileId(), Payload.RECEIPT, i.receiptId()));
            if (f.recall == RecallMode.SCAN_ON_DEMAND) {
                events.add(fileEvent(f, EventKind.RECALL_SERVED, Payload.MODE, f.recall.name()));
            }
            return Decision.of(events);
        });
        rule(RejectImport.class, (r, now, key) -> Decision.of(fileEvent(file(r.barcode(), r), EventKind.IMPORT_REJECTED,
                Payload.REASON, r.reasonCode())));
        rule(RetryImport.class, (r, now, key) -> simple(r.barcode(), r, EventKind.IMPORT_RETRIED));
        rule(RetainPaper.class, (r, now, key) -> simple(r.barcode(), r, EventKind.RETAINED));
        rule(ReturnPaper.class, (r, now, key) -> Decision.of(fileEvent(file(r.barcode(), r), EventKind.PAPER_RETURNED,
                Payload.RECIPIENT, r.recipient())));
        rule(ResubmitCaseFile.class, (r, now, key) -> simple(r.barcode(), r, EventKind.RESUBMITTED));
        rule(DestroyPaper.class, (d, now, key) -> {
            CaseFileRecord f = file(d.barcode(), d);
            List<String> blockers = Projection.destructionBlockers(f, policies.retention(), now);
            if (!blockers.isEmpty()) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), blockers);
            }
            return Decision.of(fileEvent(f, EventKind.DESTROYED, Payload.CERTIFICATE, d.certificateNumber()));
        });
        rule(PlaceHold.class, (h, now, key) -> {
            CaseFileRecord f = file(h.barcode(), h);
            if (f.holds.contains(h.reason())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("HOLD_EXISTS:" + h.reason()));
            }
            return Decision.of(fileEvent(f, EventKind.HOLD_PLACED, Payload.REASON, h.reason().name()));
        });
        rule(ReleaseHold.class, (h, now, key) -> {
            CaseFileRecord f = file(h.barcode(), h);
            if (!f.holds.contains(h.reason())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("NO_HOLD:" + h.reason()));
            }
            return Decision.of(fileEvent(f, EventKind.HOLD_RELEASED, Payload.REASON, h.reason().name()));
        });
        rule(RequestRecall.class, (r, now, key) -> {
            CaseFileRecord f = fileAnyState(r.barcode());
            if (!RECALL_ALLOWED.get(r.mode()).contains(f.state) || f.digital() && r.mode() == RecallMode.PAPER_BACK) {
                throw illegal(f, r);
            }
            if (f.recall != null) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("RECALL_OPEN:" + f.recall));
            }
            return Decision.of(fileEvent(f, EventKind.RECALL_REQUESTED, Payload.MODE, r.mode().name()));
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
        CaseFileRecord holder = state.byReference.get(reference);
        if (holder != null) {
            throw new DuplicateIdentifierException("file reference", holder.barcode.value());
        }
        String key = subjectKey.get();
        PendingEvent e = PendingEvent.of(Streams.FILE + barcode.value(),
                origin == null ? EventKind.REGISTERED : EventKind.TRANSFER_REGISTERED,
                Payload.REFERENCE, reference.value(), Payload.PROTECTION, protection.name(), Payload.SUBJECT, key,
                Payload.ORIGIN, origin, Payload.RECEIVED_ON, receivedOn);
        return new Decision(List.of(e), key, subject);
    }

    private Decision registerDigital(RegisterDigitalTransfer r, Supplier<String> subjectKey) {
        Barcode earlier = state.imports.byTransfer(r.transferId());
        if (earlier != null) {
            throw new DuplicateIdentifierException("digital transfer", r.transferId());
        }
        Decision registered = register(r.barcode(), r.reference(), r.subject(), r.protection(), r.originAuthority(),
                r.receivedAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString(), subjectKey);
        TreeMap<String, String> payload = new TreeMap<>(registered.events().get(0).payload());
        payload.put(Payload.TRANSFER, r.transferId());
        payload.put(Payload.RECEIVED_AT, r.receivedAt().toString());
        payload.put(Payload.DOCUMENTS, Integer.toString(r.documents().size()));
        for (int i = 0; i < r.documents().size(); i++) {
            DigitalDocumentRecord d = r.documents().get(i);
            if (!d.key().equals(StorageKeys.intakeDocument(r.transferId(), i + 1, d.name()).value())) {
                throw new IllegalArgumentException("document " + (i + 1) + " is not stored under its transfer's key");
            }
            payload.put(Payload.ITEM_PREFIX + String.format("%02d", i + 1), d.encoded());
        }
        payload.put(Payload.RECORD, StorageKeys.intakeRecord(r.transferId(), r.barcode().value()).value());
        payload.put(Payload.PROTOCOL_PDF, r.recordSha256());
        PendingEvent e = new PendingEvent(Streams.FILE + r.barcode().value(), EventKind.DIGITAL_TRANSFER_RECEIVED, payload);
        return new Decision(List.of(e), registered.subjectKey(), registered.subject());
    }

    private Decision answer(AnswerDigitalTransfer a) {
        CaseFileRecord f = fileAnyState(a.barcode());
        if (!f.digital()) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("NOT_DIGITAL"));
        }
        CaseFileState expected = "IMPORTED".equals(a.outcome()) ? IMPORTED : IMPORT_REJECTED;
        if (f.state != expected) {
            throw illegal(f, a);
        }
        ImportTrack t = state.imports.track(f.barcode);
        if (a.outcome().equals(t.answered)) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("ALREADY_ANSWERED:" + a.outcome()));
        }
        return Decision.of(fileEvent(f, EventKind.DIGITAL_TRANSFER_ANSWERED, Payload.TRANSFER, f.transfer,
                Payload.OUTCOME, a.outcome()));
    }

    private Decision openBox(OpenBox o) {
        if (!policies.boxBarcodes().accepts(o.box())) {
            throw new InvalidBarcodeException(BOX, o.box().value());
        }
        if (state.boxes.containsKey(o.box()) || state.files.containsKey(o.box())) {
            throw new DuplicateIdentifierException(BOX, o.box().value());
        }
        return Decision.of(PendingEvent.of(Streams.BOX + o.box().value(), EventKind.BOX_OPENED));
    }

    private Decision planPickup(PlanPickup p) {
        if (state.pickups.containsKey(p.pickupId())) {
            throw new DuplicateIdentifierException(EntityNames.PICKUP, p.pickupId());
        }
        Set<Barcode> seen = new HashSet<>();
        for (Barcode b : p.boxes()) {
            BoxRecord box = box(b);
            requireBox(box, BoxState.SEALED, p);
            if (!seen.add(b)) {
                throw new PreconditionFailedException(EntityNames.PICKUP, p.pickupId(), List.of("DUPLICATE_BOX:" + b));
            }
            if (box.pickup != null && state.pickups.get(box.pickup).state == PickupState.PLANNED) {
                throw new PreconditionFailedException(BOX, b.value(), List.of("IN_PICKUP:" + box.pickup));
            }
        }
        return Decision.of(PendingEvent.of(Streams.PICKUP + p.pickupId(), EventKind.PICKUP_PLANNED,
                Payload.SCHEDULED_FOR, p.scheduledFor().toString(),
                Payload.BOXES, String.join(",", p.boxes().stream().map(Barcode::value).toList())));
    }

    private Decision collect(CollectPickup c) {
        PickupRecord p = state.pickups.get(c.pickupId());
        if (p == null) {
            throw new UnknownIdentifierException(EntityNames.PICKUP, c.pickupId());
        }
        if (p.state != PickupState.PLANNED) {
            throw new IllegalTransitionException(EntityNames.PICKUP, p.id, p.state.name(), c.getClass().getSimpleName());
        }
        Map<Barcode, SealNumber> seals = c.protocol().seals();
        List<String> problems = new ArrayList<>();
        for (Barcode b : p.boxes) {
            SealNumber read = seals.get(b);
            BoxRecord box = state.boxes.get(b);
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
            throw new PreconditionFailedException(EntityNames.PICKUP, p.id, problems);
        }
        String carrier = c.protocol().receivedBy();
        List<PendingEvent> events = new ArrayList<>();
        events.add(PendingEvent.of(Streams.PICKUP + p.id, EventKind.PICKUP_COLLECTED,
                Payload.HANDED_OVER_BY, c.protocol().handedOverBy(), Payload.RECEIVED_BY, carrier,
                Payload.BOXES, Integer.toString(p.boxes.size())));
        for (Barcode b : p.boxes) {
            BoxRecord box = state.boxes.get(b);
            events.add(boxEvent(box, EventKind.BOX_PICKED_UP, Payload.PICKUP, p.id, Payload.SEAL, box.seal.value(), Payload.HOLDER, carrier));
            for (Barcode fb : box.files) {
                events.add(fileEvent(state.files.get(fb), EventKind.PICKED_UP, Payload.PICKUP, p.id, Payload.HOLDER, carrier));
            }
        }
        return Decision.of(events);
    }

    private Decision receive(ReceiveBox r) {
        BoxRecord b = box(r.box());
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
        events.add(boxEvent(b, EventKind.BOX_RECEIVED, Payload.SEAL, r.observedSeal().value(),
                Payload.SEAL_MISMATCH, Boolean.toString(mismatch), Payload.PRESENT, Integer.toString(r.caseFilesPresent().size()),
                Payload.MISSING, Integer.toString(missing)));
        for (Barcode fb : b.files) {
            CaseFileRecord f = state.files.get(fb);
            if (f.state != IN_TRANSIT) {
                throw illegal(f, r);
            }
            events.add(fileEvent(f, r.caseFilesPresent().contains(fb) ? EventKind.RECEIVED : EventKind.MISSING_AT_RECEIPT,
                    Payload.BOX, b.barcode.value()));
        }
        PickupRecord p = b.pickup == null ? null : state.pickups.get(b.pickup);
        if (p != null && p.boxes.stream().allMatch(x -> x.equals(b.barcode) || state.boxes.get(x).state == BoxState.RECEIVED)) {
            events.add(PendingEvent.of(Streams.PICKUP + p.id, EventKind.PICKUP_DELIVERED));
        }
        return Decision.of(events);
    }

    /**
     * @param number the capture's number, or 0 for a capture recorded without stored objects of its own
     * @param protocolPdf the SHA-256 of the stored protocol PDF, or {@code null} if none is recorded
     */
    private Decision capture(RecordCapture r, int number, String protocolPdf, String protocolSeal, String sealLevel) {
        CaseFileRecord f = file(r.barcode(), r);
        TreeMap<String, String> payload = new TreeMap<>();
        payload.put(Payload.DELIVERY, r.deliveryId());
        if (number > 0) {
            ImportTrack t = state.imports.track(f.barcode);
            if (t != null && number <= t.lastCapture) {
                // the keys of an earlier capture: recording this one would name its objects twice
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("CAPTURE_NUMBER_TAKEN:" + number));
            }
            payload.put(Payload.CAPTURE, Integer.toString(number));
        }
        payload.put(Payload.DOCUMENTS, Integer.toString(r.documents().size()));
        int pages = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (CapturedDocument d : r.documents()) {
            if (!ids.add(d.documentId())) {
                throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("DUPLICATE_DOCUMENT:" + d.documentId()));
            }
            pages += d.pages();
            payload.put(Payload.DOCUMENT_PREFIX + d.documentId(), d.type() + ";" + d.pages() + ";" + (d.originalToReturn() ? "return" : "keep"));
        }
        payload.put(Payload.PAGES, Integer.toString(pages));
        if (f.state == QA_FAILED) {
            payload.put(Payload.RESCAN, "true");
        }
        if (r.scanProtocolSha256() != null) {
            payload.put(Payload.PROTOCOL, r.scanProtocolSha256());
        }
        if (protocolPdf != null) {
            payload.put(Payload.PROTOCOL_PDF, protocolPdf);
        }
        if (protocolSeal != null) {
            payload.put(Payload.PROTOCOL_SEAL, protocolSeal);
            payload.put(Payload.SEAL_LEVEL, sealLevel);
        }
        String sample = String.join(",", InspectionSample.draw(f.barcode, r, policies.profileFor(f.protection).qaSampleRate()));
        if (!sample.isEmpty()) {
            payload.put(Payload.SAMPLE, sample);
        }
        return Decision.of(new PendingEvent(Streams.FILE + f.barcode.value(), EventKind.CAPTURED, payload));
    }

    /** A capture by ingest: recorded, and passed at once when nothing was drawn and one reviewer suffices. */
    private Decision ingestedCapture(RecordIngestedCapture c) {
        Decision captured = capture(c.capture(), c.number(), c.protocolPdfSha256(), c.protocolSealSha256(),
                c.sealLevel());
        CaseFileRecord f = state.files.get(c.capture().barcode());
        if (captured.events().get(0).payload().get(Payload.SAMPLE) != null
                || policies.profileFor(f.protection).fourEyes()) {
            return captured;
        }
        List<PendingEvent> events = new ArrayList<>(captured.events());
        events.add(fileEvent(f, EventKind.QA_PASSED, Payload.REVIEWER, c.reviewer(), Payload.REVIEWERS, c.reviewer()));
        return Decision.of(events);
    }

    /** One reviewer's pass; four-eyes review needs a second, different reviewer before VERIFIED. */
    private Decision passQualityCheck(CaseFileRecord f, String reviewer) {
        if (f.reviewers.contains(reviewer)) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("SAME_REVIEWER:" + reviewer));
        }
        int required = policies.profileFor(f.protection).fourEyes() ? 2 : 1;
        if (f.reviewers.size() + 1 < required) {
            return Decision.of(fileEvent(f, EventKind.QA_REVIEWED, Payload.REVIEWER, reviewer));
        }
        List<String> all = new ArrayList<>(f.reviewers);
        all.add(reviewer);
        return Decision.of(fileEvent(f, EventKind.QA_PASSED, Payload.REVIEWER, reviewer, Payload.REVIEWERS, String.join(",", all)));
    }

    private Decision serveRecall(CaseFileRecord f, Command c) {
        if (f.recall == null) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("NO_OPEN_RECALL"));
        }
        if (f.recall == RecallMode.SCAN_ON_DEMAND) {
            return Decision.of(fileEvent(f, EventKind.RECALL_SERVED, Payload.MODE, f.recall.name()));
        }
        if (f.state == IN_TRANSIT) {
            throw illegal(f, c);
        }
        if (f.state == PACKED && state.boxes.get(f.box).state != BoxState.OPEN) {
            throw new PreconditionFailedException(CASE_FILE, f.barcode.value(), List.of("IN_SEALED_BOX:" + f.box));
        }
        return Decision.of(fileEvent(f, EventKind.RECALL_SERVED, Payload.MODE, f.recall.name()),
                fileEvent(f, EventKind.PAPER_RETURNED, Payload.RECIPIENT, "recall"));
    }

    private Decision returnOriginals(ReturnOriginals r) {
        CaseFileRecord f = file(r.barcode(), r);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String id : r.documentIds()) {
            DocumentRecord d = f.documents.get(id);
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
        return Decision.of(fileEvent(f, EventKind.ORIGINALS_RETURNED, Payload.DOCUMENTS, String.join(",", r.documentIds())));
    }

    /**
     * The short path, as far as the policy allows it: the lifecycle table says from which state,
     * the policy for which files. The event carries no payload; who, where and when are the
     * event's own actor, site and time.
     */
    private Decision receiveDirect(ReceiveDirect r) {
        CaseFileRecord f = file(r.caseFile(), r);
        DirectReceipt policy = policies.directReceipt();
        if (policy == DirectReceipt.NEVER || policy == DirectReceipt.TRANSFERS && f.origin == null) {
            throw new IllegalTransitionException(CASE_FILE, f.barcode.value(), f.state.name(),
                    r.getClass().getSimpleName(), "the policy (direct receipt " + policy + ") allows "
                            + (policy == DirectReceipt.NEVER ? "no case file" : "only transfers from other authorities")
                            + " to go from " + REGISTERED + " to " + RECEIVED + " without box and pickup");
        }
        return Decision.of(fileEvent(f, EventKind.RECEIVED_DIRECT));
    }

    private Decision simple(Barcode barcode, Command c, EventKind kind) {
        return Decision.of(fileEvent(file(barcode, c), kind));
    }

    /** @return the case file, checked against the lifecycle table for this command */
    private CaseFileRecord file(Barcode barcode, Command c) {
        CaseFileRecord f = fileAnyState(barcode);
        Set<CaseFileState> allowed = ALLOWED.get(c.getClass());
        if (allowed != null && !allowed.contains(f.state) || f.digital() && PAPER_ONLY.contains(c.getClass())) {
            throw illegal(f, c);
        }
        return f;
    }

    private CaseFileRecord fileAnyState(Barcode barcode) {
        CaseFileRecord f = state.files.get(barcode);
        if (f == null) {
            throw new UnknownIdentifierException(CASE_FILE, barcode.value());
        }
        return f;
    }

    private BoxRecord box(Barcode barcode) {
        BoxRecord b = state.boxes.get(barcode);
        if (b == null) {
            throw new UnknownIdentifierException(BOX, barcode.value());
        }
        return b;
    }

    private static void requireBox(BoxRecord b, BoxState required, Command c) {
        if (b.state != required) {
            throw new IllegalTransitionException(BOX, b.barcode.value(), b.state.name(), c.getClass().getSimpleName());
        }
    }

    private static IllegalTransitionException illegal(CaseFileRecord f, Command c) {
        return new IllegalTransitionException(CASE_FILE, f.barcode.value(), f.state.name(), c.getClass().getSimpleName());
    }

    private static PendingEvent fileEvent(CaseFileRecord f, EventKind kind, String... keyValues) {
        return PendingEvent.of(Streams.FILE + f.barcode.value(), kind, keyValues);
    }

    private static PendingEvent boxEvent(BoxRecord b, EventKind kind, String... keyValues) {
        return PendingEvent.of(Streams.BOX + b.barcode.value(), kind, keyValues);
    }
}
