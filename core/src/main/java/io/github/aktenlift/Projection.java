package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.PickupState;
import io.github.aktenlift.logistics.SealNumber;
import io.github.aktenlift.retention.HoldReason;
import io.github.aktenlift.retention.RetentionPolicy;
import io.github.aktenlift.tracking.BoxStatus;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current state of everything tracked, derived from the journal event by event. Applying the
 * same events in the same order always gives the same state; commands never change it directly.
 * Not thread-safe: guarded by the engine's lock.
 */
final class Projection {

    static final String FILE = "file/";
    static final String BOX = "box/";
    static final String PICKUP = "pickup/";
    static final String INVENTORY = "inventory";

    /** Growable list of journal sequences, compact for millions of events. */
    static final class Sequences {
        private long[] a = new long[12];
        private int n;

        void add(long s) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = s;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }

        long last() {
            return a[n - 1];
        }
    }

    static final class Document {
        final String type;
        final boolean originalToReturn;
        boolean originalReturned;

        Document(String type, boolean originalToReturn) {
            this.type = type;
            this.originalToReturn = originalToReturn;
        }
    }

    static final class FileRec {
        final Barcode barcode;
        final Sequences sequences = new Sequences();
        FileReference reference;
        ProtectionLevel protection;
        String subjectKey;
        String origin;
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
        Map<String, Document> documents = new LinkedHashMap<>();
        Instant importedAt;
        /** Reviewers who passed the current capture, for four-eyes review. */
        final java.util.Set<String> reviewers = new java.util.TreeSet<>();
        boolean everReceived;
        boolean everCaptured;
        boolean everImported;

        FileRec(Barcode barcode) {
            this.barcode = barcode;
        }
    }

    static final class BoxRec {
        final Barcode barcode;
        final Sequences sequences = new Sequences();
        BoxState state;
        Instant since;
        SealNumber seal;
        final LinkedHashSet<Barcode> files = new LinkedHashSet<>();
        String pickup;
        boolean sealMismatch;

        BoxRec(Barcode barcode) {
            this.barcode = barcode;
        }
    }

    static final class PickupRec {
        final String id;
        PickupState state;
        Instant since;
        LocalDate scheduledFor;
        final List<Barcode> boxes = new ArrayList<>();

        PickupRec(String id) {
            this.id = id;
        }
    }

    final Map<Barcode, FileRec> files = new HashMap<>();
    final Map<FileReference, FileRec> byReference = new HashMap<>();
    final Map<String, List<FileRec>> bySubject = new HashMap<>();
    final Map<String, List<FileRec>> byAzr = new HashMap<>();
    final Map<Barcode, BoxRec> boxes = new HashMap<>();
    final Map<String, PickupRec> pickups = new HashMap<>();
    final long[] counts = new long[CaseFileState.values().length];
    long caseFileSerials;
    long boxSerials;
    JournalEvent baseline;
    final DestructionLedger destructions = new DestructionLedger();
    /** Matches, hand-overs and receipts of imports into the specialist procedure. */
    final ImportLedger imports = new ImportLedger();

    private final SubjectRegister subjects;

    /** What an event of one kind does to a case file, besides the state change all share. */
    @FunctionalInterface
    private interface FileRule {
        /** @return the case file, new for a registration */
        FileRec apply(FileRec f, Barcode barcode, JournalEvent e);
    }

    /**
     * The rule for each kind of case-file event that does more than change the state. A look-up
     * rather than one large switch: each rule is a method of its own for a JIT, and a kind seen
     * for the first time does not throw away the compiled code of the others.
     */
    private final Map<EventKind, FileRule> fileRules = new EnumMap<>(EventKind.class);

    Projection(SubjectRegister subjects) {
        this.subjects = subjects;
        fileRules.put(EventKind.REGISTERED, this::register);
        fileRules.put(EventKind.TRANSFER_REGISTERED, this::register);
        fileRules.put(EventKind.PACKED, (f, barcode, e) -> {
            f.box = new Barcode(e.get("box"));
            boxes.get(f.box).files.add(barcode);
            return f;
        });
        fileRules.put(EventKind.UNPACKED, (f, barcode, e) -> {
            boxes.get(f.box).files.remove(barcode);
            f.box = null;
            return f;
        });
        fileRules.put(EventKind.PICKED_UP, (f, barcode, e) -> {
            f.pickup = e.get("pickup");
            return f;
        });
        FileRule received = (f, barcode, e) -> {
            f.everReceived = true;
            return f;
        };
        fileRules.put(EventKind.RECEIVED, received);
        fileRules.put(EventKind.FOUND, received);
        fileRules.put(EventKind.RESUBMITTED, (f, barcode, e) -> {
            f.registeredAt = e.time();
            return f;
        });
        fileRules.put(EventKind.CAPTURED, (f, barcode, e) -> {
            f.everCaptured = true;
            Map<String, Document> docs = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : e.payload().entrySet()) {
                if (p.getKey().startsWith("doc.")) {
                    String[] parts = p.getValue().split(";", -1);
                    docs.put(p.getKey().substring(4), new Document(parts[0], "return".equals(parts[2])));
                }
            }
            f.documents = docs;
            f.reviewers.clear();
            return f;
        });
        fileRules.put(EventKind.QA_REVIEWED, (f, barcode, e) -> {
            f.reviewers.add(e.get("reviewer"));
            return f;
        });
        FileRule reviewed = (f, barcode, e) -> {
            f.reviewers.clear();
            return f;
        };
        fileRules.put(EventKind.QA_PASSED, reviewed);
        fileRules.put(EventKind.QA_FAILED, reviewed);
        fileRules.put(EventKind.IMPORT_CONFIRMED, (f, barcode, e) -> {
            f.everImported = true;
            f.importedAt = e.time();
            return f;
        });
        fileRules.put(EventKind.HOLD_PLACED, (f, barcode, e) -> {
            f.holds.add(HoldReason.valueOf(e.get("reason")));
            return f;
        });
        fileRules.put(EventKind.HOLD_RELEASED, (f, barcode, e) -> {
            f.holds.remove(HoldReason.valueOf(e.get("reason")));
            return f;
        });
        fileRules.put(EventKind.RECALL_REQUESTED, (f, barcode, e) -> {
            f.recall = RecallMode.valueOf(e.get("mode"));
            f.recallSince = e.time();
            return f;
        });
        fileRules.put(EventKind.RECALL_SERVED, (f, barcode, e) -> {
            f.recall = null;
            f.recallSince = null;
            return f;
        });
        fileRules.put(EventKind.ORIGINALS_RETURNED, (f, barcode, e) -> {
            for (String id : e.get("documents").split(",")) {
                f.documents.get(id).originalReturned = true;
            }
            return f;
        });
        fileRules.put(EventKind.PAPER_RETURNED, (f, barcode, e) -> {
            if (f.state == CaseFileState.PACKED && f.box != null) {
                boxes.get(f.box).files.remove(barcode);
                f.box = null;
            }
            return f;
        });
    }

    private FileRec register(FileRec previous, Barcode barcode, JournalEvent e) {
        FileRec f = new FileRec(barcode);
        files.put(barcode, f);
        f.reference = new FileReference(e.get("reference"));
        f.protection = ProtectionLevel.valueOf(e.get("protection"));
        f.subjectKey = e.get("subject");
        f.origin = e.get("origin");
        f.receivedOn = e.get("receivedOn") == null ? null : LocalDate.parse(e.get("receivedOn"));
        f.registeredAt = e.time();
        byReference.put(f.reference, f);
        Subject s = subjects.get(f.subjectKey);
        if (s != null) {
            bySubject.computeIfAbsent(subjectKey(s.surname(), s.givenNames(), s.dateOfBirth()),
                    k -> new ArrayList<>(1)).add(f);
            if (s.azrNumber() != null) {
                byAzr.computeIfAbsent(s.azrNumber(), k -> new ArrayList<>(1)).add(f);
            }
        }
        return f;
    }

    void apply(JournalEvent e) {
        String stream = e.stream();
        if (stream.startsWith(FILE)) {
            applyToFile(e, stream.substring(FILE.length()));
        } else if (stream.startsWith(BOX)) {
            applyToBox(e, stream.substring(BOX.length()));
        } else if (stream.startsWith(PICKUP)) {
            applyToPickup(e, stream.substring(PICKUP.length()));
        } else if (stream.equals(INVENTORY)) {
            applyToInventory(e);
        } else if (stream.startsWith(DestructionLedger.STREAM)) {
            destructions.apply(e, stream.substring(DestructionLedger.STREAM.length()));
        } else {
            throw new IllegalStateException("event " + e.sequence() + " has an unknown stream");
        }
    }

    private void applyToFile(JournalEvent e, String barcodeText) {
        Barcode barcode = new Barcode(barcodeText);
        FileRec f = files.get(barcode);
        FileRule rule = fileRules.get(e.kind());
        if (rule != null) { // kinds without a rule only change the state, below
            f = rule.apply(f, barcode, e);
        }
        if (f == null) {
            throw new IllegalStateException("event " + e.sequence() + " concerns an unregistered case file");
        }
        Optional<CaseFileState> to = e.kind().leadsTo();
        if (to.isPresent()) {
            if (f.state != null) {
                counts[f.state.ordinal()]--;
            }
            f.state = to.get();
            counts[f.state.ordinal()]++;
            f.since = e.time();
        }
        if (to.isPresent()) {
            // only custody moves where a file is and who holds it; holds, recalls and returned
            // originals are administrative acts that may happen anywhere
            f.location = e.location();
            f.holder = e.payload().getOrDefault("holder", e.actor());
        }
        f.sequences.add(e.sequence());
        imports.apply(barcode, e);
    }

    private void applyToBox(JournalEvent e, String barcodeText) {
        Barcode barcode = new Barcode(barcodeText);
        BoxRec b = boxes.get(barcode);
        switch (e.kind()) {
            case BOX_OPENED -> {
                b = new BoxRec(barcode);
                boxes.put(barcode, b);
                b.state = BoxState.OPEN;
            }
            case BOX_SEALED -> {
                b.state = BoxState.SEALED;
                b.seal = new SealNumber(e.get("seal"));
            }
            case BOX_REOPENED -> {
                b.state = BoxState.OPEN;
                b.seal = null;
            }
            case BOX_PICKED_UP -> {
                b.state = BoxState.IN_TRANSIT;
                b.pickup = e.get("pickup");
            }
            case BOX_RECEIVED -> {
                b.state = BoxState.RECEIVED;
                b.sealMismatch = "true".equals(e.get("sealMismatch"));
            }
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to a box stream");
        }
        b.since = e.time();
        b.sequences.add(e.sequence());
    }

    private void applyToPickup(JournalEvent e, String id) {
        PickupRec p = pickups.get(id);
        switch (e.kind()) {
            case PICKUP_PLANNED -> {
                p = new PickupRec(id);
                pickups.put(id, p);
                p.state = PickupState.PLANNED;
                p.scheduledFor = LocalDate.parse(e.get("scheduledFor"));
                for (String box : e.get("boxes").split(",")) {
                    Barcode b = new Barcode(box);
                    p.boxes.add(b);
                    boxes.get(b).pickup = id;
                }
            }
            case PICKUP_COLLECTED -> p.state = PickupState.COLLECTED;
            case PICKUP_DELIVERED -> p.state = PickupState.DELIVERED;
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to a pickup stream");
        }
        p.since = e.time();
    }

    private void applyToInventory(JournalEvent e) {
        switch (e.kind()) {
            case BASELINE_IMPORTED -> baseline = e;
            case BARCODES_ISSUED -> {
                long upTo = Long.parseLong(e.get("from")) + Long.parseLong(e.get("count"));
                if ("box".equals(e.get("kind"))) {
                    boxSerials = Math.max(boxSerials, upTo);
                } else {
                    caseFileSerials = Math.max(caseFileSerials, upTo);
                }
            }
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to the inventory stream");
        }
    }

    static String subjectKey(String surname, String givenNames, LocalDate dateOfBirth) {
        return Names.normalize(surname) + '|' + Names.normalize(givenNames) + '|' + dateOfBirth;
    }

    /**
     * @return machine-readable reasons why the retained file may not be destroyed now; empty if it may
     */
    static List<String> destructionBlockers(FileRec f, RetentionPolicy policy, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (f.state != CaseFileState.RETAINED) {
            reasons.add("STATE:" + f.state);
            return reasons;
        }
        Instant until = f.importedAt.plus(policy.retention());
        if (now.isBefore(until)) {
            reasons.add("RETENTION_UNTIL:" + until);
        }
        for (HoldReason h : f.holds) {
            if (policy.blockingHolds().contains(h)) {
                reasons.add("HOLD:" + h);
            }
        }
        if (policy.originalsMustBeReturned()) {
            for (Map.Entry<String, Document> d : f.documents.entrySet()) {
                if (d.getValue().originalToReturn && !d.getValue().originalReturned) {
                    reasons.add("ORIGINAL_NOT_RETURNED:" + d.getKey());
                }
            }
        }
        if (f.recall != null) {
            reasons.add("RECALL_OPEN:" + f.recall);
        }
        return reasons;
    }

    WhereIs whereIs(FileRec f) {
        return new WhereIs(f.barcode, f.reference, f.protection, f.state, f.since, f.location, f.holder,
                Optional.ofNullable(f.box), Optional.ofNullable(f.pickup), f.holds, Optional.ofNullable(f.recall),
                Optional.ofNullable(f.origin), f.sequences.last());
    }

    BoxStatus boxStatus(BoxRec b) {
        return new BoxStatus(b.barcode, b.state, b.since, Optional.ofNullable(b.seal), List.copyOf(b.files),
                Optional.ofNullable(b.pickup), b.sealMismatch);
    }
}
