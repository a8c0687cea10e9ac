package io.github.aktenlift.journal;

import io.github.aktenlift.JournalIntegrityException;
import io.github.aktenlift.journal.EventCodec.Checkpoint;
import io.github.aktenlift.journal.EventCodec.MalformedEntryException;
import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.IntegrityException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.LogEntry;
import io.github.aktenlift.spi.storage.LogStore;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.VerificationReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tracking journal on a {@link LogStore}: one log of events, one of checkpoints, and a head
 * record ({@link JournalHead}) that anchors how far the journal reached when its newest append was
 * acknowledged. Appends are optimistic (expected sequence); a writer that loses catches up with
 * {@link #catchUp} and decides again. Not thread-safe: the caller serialises writers;
 * {@link #verify()} may run concurrently. Reading never writes.
 */
public final class Journal {

    private static final int PAGE = 4096;

    private final LogStore logs;
    private final Key eventsLog;
    private final Key checkpointsLog;
    private final byte[] key;
    private final int checkpointInterval;
    private final Chain chain;
    private final RecordStore records;
    private final Key headRecord;
    private final JournalHead head;
    private final EventCodec.Writer writer = new EventCodec.Writer();

    /**
     * @param logs the log store
     * @param records the record store of the head record
     * @param eventsLog key of the events log
     * @param checkpointsLog key of the checkpoints log
     * @param headRecord key of the head record
     * @param key HMAC key, or {@code null} for plain SHA-256
     * @param checkpointInterval write a checkpoint after this many events
     */
    public Journal(LogStore logs, RecordStore records, Key eventsLog, Key checkpointsLog, Key headRecord, byte[] key,
            int checkpointInterval) {
        this.logs = logs;
        this.records = records;
        this.eventsLog = eventsLog;
        this.checkpointsLog = checkpointsLog;
        this.headRecord = headRecord;
        this.key = key == null ? null : key.clone();
        this.checkpointInterval = checkpointInterval;
        this.chain = new Chain(new EventHasher(this.key));
        // its own hasher: the chain's is used while deciding, the head's after appending
        this.head = new JournalHead(records, headRecord, new EventHasher(this.key));
    }

    /** @return how many events this journal has read or written: the next sequence */
    public long size() {
        return chain.next;
    }

    /** @return the stored size, in bytes, of the events {@link #size()} counts */
    public long bytes() {
        return chain.bytes;
    }

    /**
     * Reads the events stored after the ones known, checks each, and passes the good ones on.
     *
     * <p>An event can pass its own checks and still be forged: edited, with its hash recomputed
     * without a journal key, it shows only where its stream continues or at the next checkpoint. If
     * the sink fails on an event, no further events are passed on, but checking goes on to the end,
     * so that such a later violation is reported as what it is rather than as the sink's failure.
     *
     * @param sink receives each new event in order
     * @return how many events were read
     * @throws JournalIntegrityException at the first bad event; events before it were passed on, up
     *     to any the sink failed on (its exception is then suppressed)
     * @throws RuntimeException what the sink threw, if the journal is otherwise intact
     */
    public long catchUp(Consumer<JournalEvent> sink) {
        // the head first: a writer appending meanwhile makes the logs longer, never shorter than it
        HeadRead anchored = readHead(head);
        JournalViolation v = anchored.violation != null ? anchored.violation : loadCheckpoints(chain);
        if (v != null) {
            throw new JournalIntegrityException(v);
        }
        long start = chain.next;
        RuntimeException[] sinkFailure = new RuntimeException[1];
        v = scan(chain, e -> {
            if (sinkFailure[0] == null) {
                try {
                    sink.accept(e);
                } catch (RuntimeException ex) {
                    sinkFailure[0] = ex;
                }
            }
        });
        if (v == null) {
            v = chain.checkNotTruncated(chain.next);
        }
        if (v == null) {
            v = checkHead(chain, anchored.state);
        }
        if (v != null) {
            JournalIntegrityException bad = new JournalIntegrityException(v);
            if (sinkFailure[0] != null) {
                bad.addSuppressed(sinkFailure[0]);
            }
            throw bad;
        }
        if (sinkFailure[0] != null) {
            throw sinkFailure[0];
        }
        return chain.next - start;
    }

    /** Events numbered and chained, ready to append. */
    public static final class Prepared {
        private final List<JournalEvent> events;
        private final List<byte[]> encoded;
        private final long firstSequence;

        Prepared(List<JournalEvent> events, List<byte[]> encoded, long firstSequence) {
            this.events = events;
            this.encoded = encoded;
            this.firstSequence = firstSequence;
        }

        /** @return the events, in order */
        public List<JournalEvent> events() {
            return events;
        }
    }

    /**
     * Numbers, chains and hashes pending events after the current head. Changes nothing.
     *
     * @param pending the events, in order
     * @param time their time
     * @param actor who acted
     * @param location where
     * @return the prepared batch
     */
    public Prepared prepare(List<PendingEvent> pending, Instant time, String actor, String location) {
        List<JournalEvent> out = new ArrayList<>(pending.size());
        List<byte[]> encoded = new ArrayList<>(pending.size());
        // heads of streams earlier events of this batch continued; most batches are one event
        java.util.Map<String, Chain.Head> overlay = pending.size() == 1 ? null : new java.util.HashMap<>();
        long seq = chain.next;
        for (PendingEvent p : pending) {
            Chain.Head head = overlay == null ? null : overlay.get(p.stream());
            if (head == null) {
                head = chain.heads.get(p.stream());
            }
            long sseq = head == null ? 0 : head.nextStreamSequence();
            String prev = head == null ? EventHasher.GENESIS : head.hash();
            String hash = chain.hasher.hashEvent(seq, p.stream(), sseq, time, actor, location, p.kind(), p.payload(), prev);
            JournalEvent e = new JournalEvent(seq, p.stream(), sseq, time, actor, location, p.kind(), p.payload(), prev, hash);
            out.add(e);
            encoded.add(writer.encode(e));
            if (overlay != null) {
                overlay.put(p.stream(), new Chain.Head(sseq + 1, hash));
            }
            seq++;
        }
        return new Prepared(List.copyOf(out), encoded, chain.next);
    }

    /**
     * Appends a prepared batch atomically and makes it the new head.
     *
     * @param p a batch prepared against the current head
     * @throws ConflictException if another writer appended first; nothing was written
     */
    public void commit(Prepared p) {
        if (p.firstSequence != chain.next) {
            throw new IllegalStateException("batch was prepared against an older head");
        }
        logs.append(eventsLog, p.firstSequence, p.encoded);
        for (byte[] b : p.encoded) {
            chain.bytes += b.length;
        }
        for (JournalEvent e : p.events) {
            chain.setHead(e.stream(), new Chain.Head(e.streamSequence() + 1, e.hash()));
        }
        chain.next = p.firstSequence + p.events.size();
        chain.lastEventHash = p.events.get(p.events.size() - 1).hash();
    }

    /**
     * Moves the head record forward to what this journal has appended: from here on, the events
     * appended so far are acknowledged, and cutting or altering any of them shows. Call after
     * {@link #commit} and before telling anyone the events are recorded.
     *
     * @throws JournalIntegrityException if the stored head record was altered
     */
    public void anchor() {
        Checkpoint last = chain.checkpoints.isEmpty() ? null : chain.checkpoints.get(chain.checkpoints.size() - 1);
        try {
            head.advance(new JournalHead.State(chain.next, chain.lastEventHash, chain.checkpoints.size(),
                    last == null ? EventHasher.GENESIS : last.hash()));
        } catch (JournalHead.Unreadable e) {
            throw new JournalIntegrityException(new JournalViolation(-1, "", JournalViolation.Kind.HEAD_MISMATCH,
                    e.getMessage()));
        }
    }

    /** @return how many checkpoints this instance has loaded or written */
    public int checkpointCount() {
        return chain.checkpoints.size();
    }

    /** @return whether enough events were appended since the newest checkpoint to write another */
    public boolean checkpointDue() {
        Checkpoint last = chain.checkpoints.isEmpty() ? null : chain.checkpoints.get(chain.checkpoints.size() - 1);
        long covered = last == null ? 0 : last.covers();
        return chain.next - covered >= checkpointInterval;
    }

    /**
     * Writes a checkpoint over the current heads, unless one already covers them.
     *
     * @param now the checkpoint's time
     * @return the number of events covered by the newest checkpoint
     */
    public long checkpoint(Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            JournalViolation v = loadCheckpoints(chain);
            if (v != null) {
                throw new JournalIntegrityException(v);
            }
            Checkpoint last = chain.checkpoints.isEmpty() ? null : chain.checkpoints.get(chain.checkpoints.size() - 1);
            if (chain.next == 0 || (last != null && last.covers() >= chain.next)) {
                return last == null ? 0 : last.covers();
            }
            String prev = last == null ? EventHasher.GENESIS : last.hash();
            String digest = chain.headsDigest();
            String hash = chain.hasher.hashCheckpoint(chain.next, chain.heads.size(), digest, now, prev);
            Checkpoint c = new Checkpoint(chain.next, chain.heads.size(), digest, now, prev, hash);
            try {
                logs.append(checkpointsLog, chain.checkpoints.size(), List.of(writer.encode(c)));
            } catch (ConflictException lost) {
                continue; // another writer checkpointed; reload and see whether it covers us
            }
            chain.addCheckpoints(List.of(c));
            chain.checkCheckpointsUpTo(chain.next);
            anchor();
            return c.covers();
        }
        return chain.checkpoints.isEmpty() ? 0 : chain.checkpoints.get(chain.checkpoints.size() - 1).covers();
    }

    /**
     * Reads the whole stored journal and checkpoints from the store and checks them, independently
     * of what this instance holds.
     *
     * @return the report
     */
    public VerificationReport verify() {
        Chain fresh = new Chain(new EventHasher(key));
        HeadRead anchored = readHead(new JournalHead(records, headRecord, new EventHasher(key)));
        JournalViolation v = anchored.violation;
        try {
            if (v == null) {
                v = loadCheckpoints(fresh);
            }
            if (v == null) {
                v = scan(fresh, e -> { });
            }
        } catch (IntegrityException e) {
            // the storage's own check of the stored bytes failed: damage, reported, never cut
            v = new JournalViolation(e.firstSequence().orElse(fresh.next), "", JournalViolation.Kind.MALFORMED,
                    "storage: " + e.getMessage());
        }
        if (v == null) {
            v = fresh.checkNotTruncated(fresh.next);
        }
        if (v == null) {
            v = checkHead(fresh, anchored.state);
        }
        return new VerificationReport(fresh.next, fresh.heads.size(), fresh.checkpointsChecked(), Optional.ofNullable(v),
                anchored.state != null);
    }

    /** The head record as read: its state (or {@code null} if there is none), or why it cannot be read. */
    private record HeadRead(JournalHead.State state, JournalViolation violation) {
    }

    private static HeadRead readHead(JournalHead h) {
        try {
            return new HeadRead(h.read().orElse(null), null);
        } catch (JournalHead.Unreadable e) {
            return new HeadRead(null, new JournalViolation(-1, "", JournalViolation.Kind.HEAD_MISMATCH, e.getMessage()));
        }
    }

    /**
     * @param state the head read before the logs, or {@code null} if there is none
     * @return a violation if the logs hold less than the head says, or not what it says
     */
    private JournalViolation checkHead(Chain c, JournalHead.State state) {
        if (state == null) {
            return null;
        }
        if (state.events() > c.next) {
            return new JournalViolation(c.next, "", JournalViolation.Kind.TRUNCATED, "the head record says "
                    + state.events() + " events were recorded, the log holds " + c.next);
        }
        if (state.events() > 0) {
            String at = state.events() == c.next ? c.lastEventHash : read(state.events() - 1).hash();
            if (!at.equals(state.lastEventHash())) {
                return new JournalViolation(state.events() - 1, "", JournalViolation.Kind.ALTERED,
                        "the event differs from the one the head record names");
            }
        }
        if (state.checkpoints() > c.checkpoints.size()) {
            return new JournalViolation(c.next, "", JournalViolation.Kind.TRUNCATED, "the head record says "
                    + state.checkpoints() + " checkpoints were written, the log holds " + c.checkpoints.size());
        }
        if (state.checkpoints() > 0
                && !c.checkpoints.get((int) state.checkpoints() - 1).hash().equals(state.lastCheckpointHash())) {
            return new JournalViolation(c.checkpoints.get((int) state.checkpoints() - 1).covers() - 1, "",
                    JournalViolation.Kind.CHECKPOINT_MISMATCH, "checkpoint " + (state.checkpoints() - 1)
                            + " differs from the one the head record names");
        }
        return null;
    }

    /**
     * @param sequence a stored event's sequence
     * @return the event, decoded
     */
    public JournalEvent read(long sequence) {
        List<LogEntry> got = logs.read(eventsLog, sequence, 1);
        if (got.isEmpty()) {
            throw new IllegalStateException("journal has no event " + sequence);
        }
        try {
            return EventCodec.decode(got.get(0).data());
        } catch (MalformedEntryException e) {
            throw new JournalIntegrityException(new JournalViolation(sequence, "", JournalViolation.Kind.MALFORMED,
                    e.getMessage()));
        }
    }

    /**
     * Reads every stored event in order, page by page, decoding without checking (use
     * {@link #verify()} for that): for passes over the whole journal in bounded memory.
     *
     * @param sink receives each event
     * @throws JournalIntegrityException if an entry cannot be decoded
     */
    public void forEach(Consumer<JournalEvent> sink) {
        long position = 0;
        while (true) {
            List<LogEntry> page = logs.read(eventsLog, position, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (LogEntry e : page) {
                JournalEvent event = decode(e.data());
                if (event == null) {
                    throw new JournalIntegrityException(malformed(e, position));
                }
                sink.accept(event);
                position++;
            }
        }
    }

    private JournalViolation loadCheckpoints(Chain c) {
        long known = c.checkpoints.size();
        List<Checkpoint> more = new ArrayList<>();
        while (true) {
            List<LogEntry> page = logs.read(checkpointsLog, known + more.size(), PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (LogEntry e : page) {
                try {
                    more.add(EventCodec.decodeCheckpoint(e.data()));
                } catch (MalformedEntryException ex) {
                    return new JournalViolation(-1, "", JournalViolation.Kind.CHECKPOINT_MISMATCH,
                            "checkpoint " + e.sequence() + " is malformed: " + ex.getMessage());
                }
            }
        }
        return c.addCheckpoints(more);
    }

    /** Reads from {@code c.next} to the end, checking each event with one event of lookahead. */
    private JournalViolation scan(Chain c, Consumer<JournalEvent> sink) {
        long position = c.next;
        List<LogEntry> page = logs.read(eventsLog, position, PAGE);
        JournalEvent current = null;
        int currentBytes = 0;
        int idx = 0;
        while (idx < page.size()) {
            if (current == null) {
                byte[] data = page.get(idx).data();
                currentBytes = data.length;
                current = decode(data);
                if (current == null) {
                    return malformed(page.get(idx), position);
                }
            }
            JournalEvent following = null;
            LogEntry followingEntry = null;
            if (idx + 1 < page.size()) {
                followingEntry = page.get(idx + 1);
            } else {
                List<LogEntry> nextPage = logs.read(eventsLog, position + 1, PAGE);
                if (!nextPage.isEmpty()) {
                    page = nextPage;
                    idx = -1;
                    followingEntry = page.get(0);
                }
            }
            int followingBytes = 0;
            if (followingEntry != null) {
                byte[] data = followingEntry.data();
                followingBytes = data.length;
                following = decode(data);
            }
            JournalViolation v = c.accept(position, current, following == null ? -1 : following.sequence());
            if (v != null) {
                return v;
            }
            sink.accept(current);
            c.bytes += currentBytes;
            if (followingEntry != null && following == null) {
                return malformed(followingEntry, position + 1);
            }
            current = following;
            currentBytes = followingBytes;
            position++;
            idx++;
        }
        return null;
    }

    private static JournalEvent decode(byte[] data) {
        try {
            return EventCodec.decode(data);
        } catch (MalformedEntryException e) {
            return null;
        }
    }

    private static JournalViolation malformed(LogEntry entry, long position) {
        String why;
        try {
            EventCodec.decode(entry.data());
            why = "unreadable";
        } catch (MalformedEntryException e) {
            why = e.getMessage();
        }
        return new JournalViolation(position, "", JournalViolation.Kind.MALFORMED, why);
    }
}
