package io.github.aktenlift.inventory.baseline;

import io.github.aktenlift.Actor;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.BaselineImport;
import io.github.aktenlift.inventory.Inventory;
import io.github.aktenlift.inventory.Reconciliation;
import io.github.aktenlift.journal.PendingEvent;
import io.github.aktenlift.lifecycle.CaseFileRecord;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Decision;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Projection;
import io.github.aktenlift.lifecycle.StorageKeys;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.spi.UnavailableException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.Storage;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inventory on the journal: the baseline exported from the specialist procedure (stored as it
 * came, its import journaled), reconciliation of the baseline against what is tracked, and barcode
 * serials issued so that no label is printed twice. Thread-safe.
 */
public final class BaselineInventory implements Inventory {

    private static final int MAX_ISSUE = 100_000;

    private final CommandLoop loop;
    private final Storage storage;
    private final Policies policies;
    private final BaselineCsv reader;
    private List<BaselineEntry> baselineCache;
    private long baselineCacheSequence = -1;

    /**
     * @param loop the command loop that records imports and issued barcodes
     * @param storage where the baseline CSV is kept
     */
    public BaselineInventory(CommandLoop loop, Storage storage) {
        this.loop = loop;
        this.storage = storage;
        this.policies = loop.policies();
        this.reader = new BaselineCsv(policies.caseFileBarcodes(), loop.validator());
    }

    @Override
    public BaselineImport importBaseline(Actor actor, InputStream csv) {
        byte[] bytes;
        try {
            bytes = csv.readAllBytes();
        } catch (IOException e) {
            throw new UnavailableException("reading the baseline CSV failed", e);
        }
        List<BaselineEntry> entries = reader.parse(bytes);
        Key key = StorageKeys.baseline(loop.ids().newId());
        var info = storage.content().put(key, new ByteArrayInputStream(bytes));
        List<JournalEvent> events = loop.record(actor, "ImportBaseline", (now, state) -> Decision.of(
                PendingEvent.of(Streams.INVENTORY, EventKind.BASELINE_IMPORTED, Payload.KEY, key.value(),
                        Payload.SHA256, info.sha256(), Payload.ENTRIES, Integer.toString(entries.size()))));
        synchronized (this) {
            baselineCache = entries;
            baselineCacheSequence = events.get(0).sequence();
        }
        return new BaselineImport(key, info.sha256(), entries.size(), events.get(0).sequence());
    }

    @Override
    public List<BaselineEntry> checkBaseline(InputStream csv) {
        try {
            return reader.parse(csv.readAllBytes());
        } catch (IOException e) {
            throw new UnavailableException("reading the baseline CSV failed", e);
        }
    }

    @Override
    public synchronized List<BaselineEntry> baseline() {
        JournalEvent current = loop.read(Projection::baseline);
        if (current == null) {
            return List.of();
        }
        if (current.sequence() != baselineCacheSequence) {
            try (InputStream in = storage.content().get(Key.of(current.get(Payload.KEY)))) {
                baselineCache = reader.parse(in.readAllBytes());
                baselineCacheSequence = current.sequence();
            } catch (IOException e) {
                throw new UnavailableException("reading the stored baseline failed", e);
            }
        }
        return baselineCache;
    }

    @Override
    public Reconciliation reconcile() {
        List<BaselineEntry> expected = baseline();
        long[] registered = new long[1];
        long[] received = new long[1];
        long[] captured = new long[1];
        long[] imported = new long[1];
        List<FileReference> notRegistered = new ArrayList<>();
        List<FileReference> mismatch = new ArrayList<>();
        List<Barcode> unexpected = new ArrayList<>();
        Set<FileReference> expectedRefs = new HashSet<>();
        loop.read(state -> {
            for (BaselineEntry e : expected) {
                expectedRefs.add(e.reference());
                CaseFileRecord f = state.byReference(e.reference());
                if (f == null) {
                    notRegistered.add(e.reference());
                    continue;
                }
                registered[0]++;
                received[0] += f.everReceived() ? 1 : 0;
                captured[0] += f.everCaptured() ? 1 : 0;
                imported[0] += f.everImported() ? 1 : 0;
                if (e.barcode().isPresent() && !e.barcode().get().equals(f.barcode())) {
                    mismatch.add(e.reference());
                }
            }
            if (!expected.isEmpty()) {
                for (CaseFileRecord f : state.caseFiles()) {
                    if (f.origin() == null && !expectedRefs.contains(f.reference())) {
                        unexpected.add(f.barcode());
                    }
                }
            }
            return null;
        });
        unexpected.sort(null);
        return new Reconciliation(expected.size(), registered[0], received[0], captured[0], imported[0], notRegistered,
                unexpected, mismatch);
    }

    @Override
    public List<Barcode> issueCaseFileBarcodes(Actor actor, int count) {
        return issue(actor, count, "caseFile", policies.caseFileBarcodes());
    }

    @Override
    public List<Barcode> issueBoxBarcodes(Actor actor, int count) {
        return issue(actor, count, "box", policies.boxBarcodes());
    }

    private List<Barcode> issue(Actor actor, int count, String kind, BarcodeScheme scheme) {
        if (count < 1 || count > MAX_ISSUE) {
            throw new InvalidValueException("count", "must be 1 to " + MAX_ISSUE);
        }
        long[] from = new long[1];
        loop.record(actor, "IssueBarcodes", (now, state) -> {
            long issued = "box".equals(kind) ? state.boxSerials() : state.caseFileSerials();
            from[0] = Math.max(Math.max(1, issued), nextFreeSerial(state, scheme));
            return Decision.of(PendingEvent.of(Streams.INVENTORY, EventKind.BARCODES_ISSUED, Payload.KIND, kind,
                    Payload.FROM, Long.toString(from[0]), Payload.COUNT, Integer.toString(count)));
        });
        List<Barcode> out = new ArrayList<>(count);
        for (long s = from[0]; s < from[0] + count; s++) {
            out.add(scheme.generate(s));
        }
        return out;
    }

    /**
     * Labels already in use may come from the same scheme without having been issued here
     * (pre-printed, or taken from a baseline): never issue a serial at or below the highest one
     * registered.
     */
    private static long nextFreeSerial(Projection state, BarcodeScheme scheme) {
        long next = 0;
        for (Barcode b : state.caseFileBarcodes()) {
            next = Math.max(next, serialOf(scheme, b) + 1);
        }
        for (Barcode b : state.boxBarcodes()) {
            next = Math.max(next, serialOf(scheme, b) + 1);
        }
        return next;
    }

    private static long serialOf(BarcodeScheme scheme, Barcode b) {
        String v = b.value();
        if (scheme.prefix().isEmpty() || !scheme.accepts(b)) {
            return -1;
        }
        return Long.parseLong(v.substring(scheme.prefix().length(), v.length() - 1));
    }
}
