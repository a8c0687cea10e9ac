package io.github.aktenlift.tracking.query;

import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.Policies;
import io.github.aktenlift.UnknownIdentifierException;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.evidence.CheckpointStamps;
import io.github.aktenlift.lifecycle.BoxRecord;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.WorkOrder;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.spi.sealing.EvidenceSealer;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.BoxStatus;
import io.github.aktenlift.tracking.DeepVerificationReport;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.EntityType;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.SlaPolicy;
import io.github.aktenlift.tracking.Tracking;
import io.github.aktenlift.tracking.VerificationReport;
import io.github.aktenlift.tracking.WhereIs;
import io.github.aktenlift.tracking.WorkItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queries of {@link Tracking}, each one read of the projection through the command loop.
 * Thread-safe.
 */
public final class TrackingQueries implements Tracking {

    private final CommandLoop loop;
    private final Storage storage;
    private final Policies policies;
    private final CheckpointStamps stamps;
    private final Optional<EvidenceSealer> sealer;

    /**
     * @param loop the command loop whose projection is queried
     * @param storage where the objects the journal names are stored, for deep verification
     * @param stamps the checkpoints' timestamps, checked by verification
     * @param sealer the sealer whose seals and timestamps deep verification checks, if configured
     */
    public TrackingQueries(CommandLoop loop, Storage storage, CheckpointStamps stamps, Optional<EvidenceSealer> sealer) {
        this.loop = loop;
        this.storage = storage;
        this.policies = loop.policies();
        this.stamps = stamps;
        this.sealer = sealer;
    }

    @Override
    public Optional<WhereIs> whereIs(Barcode barcode) {
        return loop.read(s -> Optional.ofNullable(s.caseFile(barcode)).map(s::whereIs));
    }

    @Override
    public Optional<WhereIs> whereIs(FileReference reference) {
        return loop.read(s -> Optional.ofNullable(s.byReference(reference)).map(s::whereIs));
    }

    @Override
    public List<WhereIs> whereIsSubject(String surname, String givenNames, LocalDate dateOfBirth) {
        String key = Projection.subjectKey(surname, givenNames, dateOfBirth);
        return loop.read(s -> sorted(s, s.bySubject(key)));
    }

    @Override
    public List<WhereIs> whereIsAzrNumber(String azrNumber) {
        return loop.read(s -> sorted(s, s.byAzrNumber(azrNumber)));
    }

    private static List<WhereIs> sorted(Projection s, List<CaseFileRecord> files) {
        return files.stream().map(s::whereIs).sorted(Comparator.comparing(WhereIs::barcode)).toList();
    }

    @Override
    public Optional<BoxStatus> box(Barcode barcode) {
        return loop.read(s -> Optional.ofNullable(s.box(barcode)).map(s::boxStatus));
    }

    @Override
    public List<Barcode> caseFiles() {
        return loop.read(s -> s.caseFileBarcodes().stream().sorted().toList());
    }

    @Override
    public List<Barcode> boxes() {
        return loop.read(s -> s.boxBarcodes().stream().sorted().toList());
    }

    @Override
    public List<JournalEvent> history(Barcode barcode) {
        long[] sequences = loop.read(s -> {
            CaseFileRecord f = s.caseFile(barcode);
            BoxRecord b = s.box(barcode);
            if (f == null && b == null) {
                throw new UnknownIdentifierException("case file or box", barcode.value());
            }
            return f != null ? f.sequences() : b.sequences();
        });
        // read outside the lock: recorded events never change
        return loop.events(sequences);
    }

    @Override
    public Map<CaseFileState, Long> countsPerState() {
        return loop.read(s -> {
            Map<CaseFileState, Long> m = new EnumMap<>(CaseFileState.class);
            for (CaseFileState state : CaseFileState.values()) {
                m.put(state, s.count(state));
            }
            return m;
        });
    }

    @Override
    public List<Overdue> overdue() {
        Instant now = loop.clock().instant();
        SlaPolicy sla = policies.sla();
        List<Overdue> out = loop.read(s -> {
            List<Overdue> found = new ArrayList<>();
            for (CaseFileRecord f : s.caseFiles()) {
                Optional<Duration> limit = sla.limitFor(f.state());
                if (limit.isPresent() && f.since().plus(limit.get()).isBefore(now)) {
                    found.add(new Overdue(EntityType.CASE_FILE, f.barcode(), Overdue.Reason.STATE, f.state().name(),
                            f.since(), f.since().plus(limit.get())));
                }
                Duration recall = f.recall() == null ? null : sla.recall().get(f.recall());
                if (recall != null && f.recallSince().plus(recall).isBefore(now)) {
                    found.add(new Overdue(EntityType.CASE_FILE, f.barcode(), Overdue.Reason.RECALL, f.recall().name(),
                            f.recallSince(), f.recallSince().plus(recall)));
                }
            }
            for (BoxRecord b : s.boxes()) {
                if (b.state() == BoxState.IN_TRANSIT && b.since().plus(sla.boxInTransit()).isBefore(now)) {
                    found.add(new Overdue(EntityType.BOX, b.barcode(), Overdue.Reason.STATE, b.state().name(),
                            b.since(), b.since().plus(sla.boxInTransit())));
                }
            }
            return found;
        });
        out.sort(Comparator.comparing(Overdue::dueAt).thenComparing(Overdue::barcode));
        return out;
    }

    @Override
    public List<Barcode> dueForDestruction() {
        Instant now = loop.clock().instant();
        return loop.read(s -> s.caseFiles().stream()
                .filter(f -> f.state() == CaseFileState.RETAINED)
                .filter(f -> Projection.destructionBlockers(f, policies.retention(), now).isEmpty())
                .map(CaseFileRecord::barcode).sorted().toList());
    }

    @Override
    public List<WorkItem> workList(CaseFileState caseFileState) {
        if (caseFileState == null) {
            throw new InvalidValueException("state", "must not be null");
        }
        SlaPolicy sla = policies.sla();
        List<WorkItem> out = loop.read(s -> s.caseFiles().stream().filter(f -> f.state() == caseFileState)
                .map(f -> WorkOrder.item(f, sla)).toList());
        return out.stream().sorted(WorkOrder.ORDER).toList();
    }

    @Override
    public List<Discrepancy> discrepancies() {
        Instant now = loop.clock().instant();
        List<Discrepancy> out = loop.read(s -> {
            List<Discrepancy> found = new ArrayList<>();
            for (BoxRecord b : s.boxes()) {
                if (b.state() == BoxState.IN_TRANSIT) {
                    boolean late = b.since().plus(policies.sla().boxInTransit()).isBefore(now);
                    boolean othersArrived = b.pickup() != null && s.pickup(b.pickup()).boxes().stream()
                            .anyMatch(x -> s.box(x).state() == BoxState.RECEIVED);
                    if (late || othersArrived) {
                        found.add(new Discrepancy(Discrepancy.Kind.BOX_NOT_RECEIVED, b.barcode(), b.pickup(), b.since()));
                    }
                } else if (b.state() == BoxState.RECEIVED && b.sealMismatch()) {
                    found.add(new Discrepancy(Discrepancy.Kind.SEAL_MISMATCH, b.barcode(),
                            b.pickup() == null ? "" : b.pickup(), b.since()));
                }
            }
            for (CaseFileRecord f : s.caseFiles()) {
                if (f.state() == CaseFileState.MISSING) {
                    found.add(new Discrepancy(Discrepancy.Kind.FILE_MISSING_AT_RECEIPT, f.barcode(),
                            f.box() == null ? "" : f.box().value(), f.since()));
                }
            }
            return found;
        });
        out.sort(Comparator.comparing(Discrepancy::kind).thenComparing(Discrepancy::barcode));
        return out;
    }

    @Override
    public VerificationReport verify() {
        return stamps.verify(loop.verify());
    }

    @Override
    public List<JournalEvent> repairs() {
        return loop.events(loop.read(Projection::repairEvents));
    }

    @Override
    public DeepVerificationReport verifyDeep() {
        return new EvidenceCheck(loop, storage, sealer).run(verify());
    }

    @Override
    public long checkpoint() {
        return loop.checkpoint();
    }
}
