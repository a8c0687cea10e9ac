package io.github.aktenlift.lifecycle;

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
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of everything tracked, derived from the journal event by event. Applying the
 * same events in the same order always gives the same state; commands never change it directly.
 * Not thread-safe: guarded by the {@link CommandLoop}'s lock; the stages read it only inside
 * {@link CommandLoop#read}, and only the loop applies events to it.
 */
public final class Projection {

    final Map<Barcode, CaseFileRecord> files = new HashMap<>();
    final Map<FileReference, CaseFileRecord> byReference = new HashMap<>();
    final Map<String, List<CaseFileRecord>> bySubject = new HashMap<>();
    final Map<String, List<CaseFileRecord>> byAzr = new HashMap<>();
    final Map<Barcode, BoxRecord> boxes = new HashMap<>();
    final Map<String, PickupRecord> pickups = new HashMap<>();
    final long[] counts = new long[CaseFileState.values().length];
    long caseFileSerials;
    long boxSerials;
    JournalEvent baseline;
    final DestructionLedger destructions = new DestructionLedger();
    /** The quarantine keys of the log repairs the journal records. */
    final Set<String> repairs = new HashSet<>();
    /** The sequences of the journal's LOG_REPAIRED events. */
    final Sequences repairEvents = new Sequences();
    /** Matches, hand-overs and receipts of imports into the specialist procedure. */
    final ImportLedger imports = new ImportLedger();

    private final SubjectRegister subjects;

    /** What an event of one kind does to a case file, besides the state change all share. */
    @FunctionalInterface
    private interface FileRule {
        /** @return the case file, new for a registration */
        CaseFileRecord apply(CaseFileRecord f, Barcode barcode, JournalEvent e);
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
        fileRules.put(EventKind.DIGITAL_TRANSFER_RECEIVED, (f, barcode, e) -> {
            CaseFileRecord r = register(f, barcode, e);
            r.transfer = e.get(Payload.TRANSFER);
            return r;
        });
        fileRules.put(EventKind.PACKED, (f, barcode, e) -> {
            f.box = new Barcode(e.get(Payload.BOX));
            boxes.get(f.box).files.add(barcode);
            return f;
        });
        fileRules.put(EventKind.UNPACKED, (f, barcode, e) -> {
            boxes.get(f.box).files.remove(barcode);
            f.box = null;
            return f;
        });
        fileRules.put(EventKind.PICKED_UP, (f, barcode, e) -> {
            f.pickup = e.get(Payload.PICKUP);
            return f;
        });
        FileRule received = (f, barcode, e) -> {
            f.everReceived = true;
            return f;
        };
        fileRules.put(EventKind.RECEIVED, received);
        fileRules.put(EventKind.RECEIVED_DIRECT, received);
        fileRules.put(EventKind.FOUND, received);
        fileRules.put(EventKind.RESUBMITTED, (f, barcode, e) -> {
            f.registeredAt = e.time();
            return f;
        });
        fileRules.put(EventKind.CAPTURED, (f, barcode, e) -> {
            f.everCaptured = true;
            Map<String, DocumentRecord> docs = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : e.payload().entrySet()) {
                if (p.getKey().startsWith(Payload.DOCUMENT_PREFIX)) {
                    String[] parts = p.getValue().split(";", -1);
                    docs.put(p.getKey().substring(Payload.DOCUMENT_PREFIX.length()), new DocumentRecord(parts[0], "return".equals(parts[2])));
                }
            }
            f.documents = docs;
            f.reviewers.clear();
            return f;
        });
        fileRules.put(EventKind.QA_REVIEWED, (f, barcode, e) -> {
            f.reviewers.add(e.get(Payload.REVIEWER));
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
            f.holds.add(HoldReason.valueOf(e.get(Payload.REASON)));
            return f;
        });
        fileRules.put(EventKind.HOLD_RELEASED, (f, barcode, e) -> {
            f.holds.remove(HoldReason.valueOf(e.get(Payload.REASON)));
            return f;
        });
        fileRules.put(EventKind.RECALL_REQUESTED, (f, barcode, e) -> {
            f.recall = RecallMode.valueOf(e.get(Payload.MODE));
            f.recallSince = e.time();
            return f;
        });
        fileRules.put(EventKind.RECALL_SERVED, (f, barcode, e) -> {
            f.recall = null;
            f.recallSince = null;
            return f;
        });
        fileRules.put(EventKind.ORIGINALS_RETURNED, (f, barcode, e) -> {
            for (String id : e.get(Payload.DOCUMENTS).split(",")) {
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

    private CaseFileRecord register(CaseFileRecord previous, Barcode barcode, JournalEvent e) {
        CaseFileRecord f = new CaseFileRecord(barcode);
        files.put(barcode, f);
        f.reference = new FileReference(e.get(Payload.REFERENCE));
        f.protection = ProtectionLevel.valueOf(e.get(Payload.PROTECTION));
        f.subjectKey = e.get(Payload.SUBJECT);
        f.origin = e.get(Payload.ORIGIN);
        f.receivedOn = e.get(Payload.RECEIVED_ON) == null ? null : LocalDate.parse(e.get(Payload.RECEIVED_ON));
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
        if (stream.startsWith(Streams.FILE)) {
            applyToFile(e, stream.substring(Streams.FILE.length()));
        } else if (stream.startsWith(Streams.BOX)) {
            applyToBox(e, stream.substring(Streams.BOX.length()));
        } else if (stream.startsWith(Streams.PICKUP)) {
            applyToPickup(e, stream.substring(Streams.PICKUP.length()));
        } else if (stream.equals(Streams.INVENTORY)) {
            applyToInventory(e);
        } else if (stream.equals(Streams.STORAGE)) {
            if (e.kind() != EventKind.LOG_REPAIRED) {
                throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                        + " does not belong to the storage stream");
            }
            repairs.add(e.get(Payload.QUARANTINE));
            repairEvents.add(e.sequence());
        } else if (stream.startsWith(Streams.DESTRUCTION)) {
            destructions.apply(e, stream.substring(Streams.DESTRUCTION.length()));
        } else {
            throw new IllegalStateException("event " + e.sequence() + " has an unknown stream");
        }
    }

    private void applyToFile(JournalEvent e, String barcodeText) {
        Barcode barcode = new Barcode(barcodeText);
        CaseFileRecord f = files.get(barcode);
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
            f.holder = e.payload().getOrDefault(Payload.HOLDER, e.actor());
        }
        f.sequences.add(e.sequence());
        imports.apply(barcode, e);
    }

    private void applyToBox(JournalEvent e, String barcodeText) {
        Barcode barcode = new Barcode(barcodeText);
        BoxRecord b = boxes.get(barcode);
        switch (e.kind()) {
            case BOX_OPENED -> {
                b = new BoxRecord(barcode);
                boxes.put(barcode, b);
                b.state = BoxState.OPEN;
            }
            case BOX_SEALED -> {
                b.state = BoxState.SEALED;
                b.seal = new SealNumber(e.get(Payload.SEAL));
            }
            case BOX_REOPENED -> {
                b.state = BoxState.OPEN;
                b.seal = null;
            }
            case BOX_PICKED_UP -> {
                b.state = BoxState.IN_TRANSIT;
                b.pickup = e.get(Payload.PICKUP);
            }
            case BOX_RECEIVED -> {
                b.state = BoxState.RECEIVED;
                b.sealMismatch = "true".equals(e.get(Payload.SEAL_MISMATCH));
            }
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to a box stream");
        }
        b.since = e.time();
        b.sequences.add(e.sequence());
    }

    private void applyToPickup(JournalEvent e, String id) {
        PickupRecord p = pickups.get(id);
        switch (e.kind()) {
            case PICKUP_PLANNED -> {
                p = new PickupRecord(id);
                pickups.put(id, p);
                p.state = PickupState.PLANNED;
                p.scheduledFor = LocalDate.parse(e.get(Payload.SCHEDULED_FOR));
                for (String box : e.get(Payload.BOXES).split(",")) {
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
                long upTo = Long.parseLong(e.get(Payload.FROM)) + Long.parseLong(e.get(Payload.COUNT));
                if ("box".equals(e.get(Payload.KIND))) {
                    boxSerials = Math.max(boxSerials, upTo);
                } else {
                    caseFileSerials = Math.max(caseFileSerials, upTo);
                }
            }
            default -> throw new IllegalStateException("event " + e.sequence() + " of kind " + e.kind()
                    + " does not belong to the inventory stream");
        }
    }

    /** @return the key under which case files of one person are found by name and date of birth */
    public static String subjectKey(String surname, String givenNames, LocalDate dateOfBirth) {
        return Names.normalize(surname) + '|' + Names.normalize(givenNames) + '|' + dateOfBirth;
    }

    /**
     * @return machine-readable reasons why the retained file may not be destroyed now; empty if it may
     */
    public static List<String> destructionBlockers(CaseFileRecord f, RetentionPolicy policy, Instant now) {
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
            for (Map.Entry<String, DocumentRecord> d : f.documents.entrySet()) {
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


    /** @return the case file with this barcode, or {@code null} */
    public CaseFileRecord caseFile(Barcode barcode) {
        return files.get(barcode);
    }

    /** @return every case file, in no particular order */
    public Collection<CaseFileRecord> caseFiles() {
        return Collections.unmodifiableCollection(files.values());
    }

    /** @return the barcodes of every case file, in no particular order */
    public Set<Barcode> caseFileBarcodes() {
        return Collections.unmodifiableSet(files.keySet());
    }

    /** @return the case file kept under this file reference, or {@code null} */
    public CaseFileRecord byReference(FileReference reference) {
        return byReference.get(reference);
    }

    /** @return the case files of persons with this {@link #subjectKey}, possibly none */
    public List<CaseFileRecord> bySubject(String subjectKey) {
        return Collections.unmodifiableList(bySubject.getOrDefault(subjectKey, List.of()));
    }

    /** @return the case files of the person with this AZR number, possibly none */
    public List<CaseFileRecord> byAzrNumber(String azrNumber) {
        return Collections.unmodifiableList(byAzr.getOrDefault(azrNumber, List.of()));
    }

    /** @return the box with this barcode, or {@code null} */
    public BoxRecord box(Barcode barcode) {
        return boxes.get(barcode);
    }

    /** @return every box, in no particular order */
    public Collection<BoxRecord> boxes() {
        return Collections.unmodifiableCollection(boxes.values());
    }

    /** @return the barcodes of every box, in no particular order */
    public Set<Barcode> boxBarcodes() {
        return Collections.unmodifiableSet(boxes.keySet());
    }

    /** @return the pickup with this id, or {@code null} */
    public PickupRecord pickup(String id) {
        return pickups.get(id);
    }

    /** @return every pickup, in no particular order */
    public Collection<PickupRecord> pickups() {
        return Collections.unmodifiableCollection(pickups.values());
    }

    /** @return how many case files are in this state */
    public long count(CaseFileState state) {
        return counts[state.ordinal()];
    }

    /** @return the highest case-file barcode serial issued so far, plus one */
    public long caseFileSerials() {
        return caseFileSerials;
    }

    /** @return the highest box barcode serial issued so far, plus one */
    public long boxSerials() {
        return boxSerials;
    }

    /** @return the event of the latest baseline import, or {@code null} */
    public JournalEvent baseline() {
        return baseline;
    }

    /** @return whether the journal records the log repair whose cut bytes are kept under this key */
    public boolean repairRecorded(String quarantineKey) {
        return repairs.contains(quarantineKey);
    }

    /** @return the journal sequences of the recorded log repairs, oldest first */
    public long[] repairEvents() {
        return repairEvents.toArray();
    }

    /** @return the destruction lists */
    public DestructionLedger destructions() {
        return destructions;
    }

    /** @return matches, hand-overs and receipts of imports */
    public ImportLedger imports() {
        return imports;
    }

    /** @return the case file as {@link io.github.aktenlift.tracking.Tracking} shows it */
    public WhereIs whereIs(CaseFileRecord f) {
        return new WhereIs(f.barcode, f.reference, f.protection, f.state, f.since, f.location, f.holder,
                Optional.ofNullable(f.box), Optional.ofNullable(f.pickup), f.holds, Optional.ofNullable(f.recall),
                Optional.ofNullable(f.origin), f.sequences.last());
    }

    /** @return the box as {@link io.github.aktenlift.tracking.Tracking} shows it */
    public BoxStatus boxStatus(BoxRecord b) {
        return new BoxStatus(b.barcode, b.state, b.since, Optional.ofNullable(b.seal), List.copyOf(b.files),
                Optional.ofNullable(b.pickup), b.sealMismatch);
    }
}
