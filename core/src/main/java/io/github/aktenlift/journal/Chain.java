package io.github.aktenlift.journal;

import io.github.aktenlift.journal.EventCodec.Checkpoint;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.JournalViolation;
import io.github.aktenlift.tracking.JournalViolation.Kind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The rules a stored journal must follow, checked event by event: gap-free global sequence, each
 * event's hash over its content, each event linked to its stream's previous one, and stream heads
 * matching every checkpoint. Used by replay (which refuses a bad journal) and by verification
 * (which reports it). Not thread-safe.
 */
final class Chain {

    /** Head of one stream: its next stream sequence and last hash. */
    record Head(long nextStreamSequence, String hash) {
    }

    final Map<String, Head> heads = new HashMap<>();
    final EventHasher hasher;
    final List<Checkpoint> checkpoints = new ArrayList<>();
    long next;
    /** Stored bytes of the events {@link #next} counts: their encoded entries. */
    long bytes;
    /** The hash of the event at {@code next - 1}, or {@link EventHasher#GENESIS} for an empty journal. */
    String lastEventHash = EventHasher.GENESIS;
    private int nextCheckpoint;
    private String digest;
    private long digestAt = -1;
    /** Streams in {@link #heads}, sorted, with their UTF-8 names, for {@link #headsDigest()}. */
    private String[] sorted = new String[0];
    private byte[][] sortedNames = new byte[0][];
    /** Streams added to {@link #heads} since {@link #sorted} was last brought up to date. */
    private final List<String> added = new ArrayList<>();

    Chain(EventHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * Takes the stored checkpoints after the ones known, checking their own chain. A bad checkpoint
     * is reported at the last event it claims to cover, as {@link #checkCheckpointsUpTo} reports one
     * that disagrees with the stream heads.
     *
     * @return the first violation, or {@code null}
     */
    JournalViolation addCheckpoints(List<Checkpoint> more) {
        for (Checkpoint c : more) {
            Checkpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
            String expectedPrev = last == null ? EventHasher.GENESIS : last.hash();
            if (!c.previousHash().equals(expectedPrev)) {
                return new JournalViolation(c.covers() - 1, "", Kind.CHECKPOINT_MISMATCH,
                        "checkpoint " + checkpoints.size() + " does not follow the previous checkpoint");
            }
            String h = hasher.hashCheckpoint(c.covers(), c.streams(), c.headsDigest(), c.time(), c.previousHash());
            if (!h.equals(c.hash())) {
                return new JournalViolation(c.covers() - 1, "", Kind.CHECKPOINT_MISMATCH,
                        "checkpoint " + checkpoints.size() + " was altered");
            }
            if (last != null && c.covers() <= last.covers()) {
                return new JournalViolation(c.covers() - 1, "", Kind.CHECKPOINT_MISMATCH,
                        "checkpoint " + checkpoints.size() + " covers no more than the previous one");
            }
            checkpoints.add(c);
        }
        return null;
    }

    /**
     * Checks the event stored at {@code position} and, if it is good, makes it the head of its stream.
     *
     * @param position where it is stored
     * @param e the decoded event
     * @param nextClaimed the sequence the following stored event claims, or {@code -1} if there is none
     * @return the violation, or {@code null} if the event is good
     */
    JournalViolation accept(long position, JournalEvent e, long nextClaimed) {
        long claimed = e.sequence();
        if (claimed != position) {
            if (claimed < position) {
                return new JournalViolation(position, e.stream(), Kind.INSERTED,
                        "found sequence " + claimed + " again at position " + position);
            }
            if (nextClaimed < 0 || nextClaimed == claimed + 1) {
                return new JournalViolation(position, e.stream(), Kind.MISSING,
                        "expected sequence " + position + ", found " + claimed + ": "
                                + (claimed - position) + " event(s) missing");
            }
            return new JournalViolation(position, e.stream(), Kind.REORDERED,
                    "expected sequence " + position + ", found " + claimed);
        }
        String h = hasher.hashEvent(e.sequence(), e.stream(), e.streamSequence(), e.time(), e.actor(), e.location(),
                e.kind(), e.payload(), e.previousHash());
        if (!h.equals(e.hash())) {
            return new JournalViolation(position, e.stream(), Kind.ALTERED, "content does not match its hash");
        }
        Head head = heads.get(e.stream());
        long expectedStreamSeq = head == null ? 0 : head.nextStreamSequence();
        String expectedPrev = head == null ? EventHasher.GENESIS : head.hash();
        if (e.streamSequence() != expectedStreamSeq || !e.previousHash().equals(expectedPrev)) {
            return new JournalViolation(position, e.stream(), Kind.CHAIN_BROKEN,
                    "expected stream sequence " + expectedStreamSeq + " after hash " + abbreviate(expectedPrev)
                            + ", found " + e.streamSequence() + " after " + abbreviate(e.previousHash()));
        }
        setHead(e.stream(), new Head(expectedStreamSeq + 1, e.hash()));
        next = position + 1;
        lastEventHash = e.hash();
        return checkCheckpointsUpTo(next);
    }

    /**
     * Compares every checkpoint covering exactly {@code covered} events with the current heads.
     *
     * @return the violation, or {@code null}
     */
    JournalViolation checkCheckpointsUpTo(long covered) {
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).covers() <= covered) {
            Checkpoint c = checkpoints.get(nextCheckpoint);
            if (c.covers() == covered
                    && (c.streams() != heads.size() || !c.headsDigest().equals(headsDigest()))) {
                return new JournalViolation(c.covers() - 1, "", Kind.CHECKPOINT_MISMATCH,
                        "stream heads after " + c.covers() + " events differ from checkpoint " + nextCheckpoint);
            }
            nextCheckpoint++;
        }
        return null;
    }

    /**
     * @param total how many events are stored
     * @return a truncation violation if a checkpoint covers more events than stored, else {@code null}
     */
    JournalViolation checkNotTruncated(long total) {
        if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).covers() > total) {
            return new JournalViolation(total, "", Kind.TRUNCATED, "checkpoint covers "
                    + checkpoints.get(checkpoints.size() - 1).covers() + " events, journal holds " + total);
        }
        return null;
    }

    /** @return how many checkpoints have been compared with heads */
    int checkpointsChecked() {
        return nextCheckpoint;
    }

    /**
     * Makes {@code head} the head of {@code stream}; the only way heads change.
     *
     * @param stream the stream
     * @param head its new head
     */
    void setHead(String stream, Head head) {
        if (heads.put(stream, head) == null) {
            added.add(stream);
        }
    }

    /**
     * @return SHA-256 over all stream heads in stream order. Heads change only together with
     *     {@link #next}, so the digest is computed once per position: writing a checkpoint and
     *     comparing it right after share one computation. The streams stay sorted between calls
     *     (with their UTF-8 names): only those added since are sorted and merged in.
     */
    String headsDigest() {
        if (digest != null && digestAt == next) {
            return digest;
        }
        mergeAdded();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        // the same bytes as before, fed in 16 KiB blocks rather than six small updates per stream
        byte[] buf = new byte[16 * 1024];
        int len = 0;
        for (int i = 0; i < sorted.length; i++) {
            Head head = heads.get(sorted[i]);
            byte[] s = sortedNames[i];
            byte[] seq = Long.toString(head.nextStreamSequence()).getBytes(StandardCharsets.US_ASCII);
            byte[] h = head.hash().getBytes(StandardCharsets.US_ASCII);
            int need = s.length + seq.length + h.length + 3;
            if (len + need > buf.length) {
                md.update(buf, 0, len);
                len = 0;
                if (need > buf.length) {
                    buf = new byte[need];
                }
            }
            len = put(buf, len, s);
            len = put(buf, len, seq);
            len = put(buf, len, h);
        }
        md.update(buf, 0, len);
        digest = HexFormat.of().formatHex(md.digest());
        digestAt = next;
        return digest;
    }

    /** Sorts the streams added since the last digest and merges them into {@link #sorted}. */
    private void mergeAdded() {
        if (added.isEmpty()) {
            return;
        }
        String[] fresh = added.toArray(new String[0]);
        Arrays.sort(fresh);
        added.clear();
        String[] names = new String[sorted.length + fresh.length];
        byte[][] bytes = new byte[names.length][];
        int i = 0;
        int j = 0;
        for (int k = 0; k < names.length; k++) {
            if (j == fresh.length || (i < sorted.length && sorted[i].compareTo(fresh[j]) < 0)) {
                names[k] = sorted[i];
                bytes[k] = sortedNames[i++];
            } else {
                names[k] = fresh[j];
                bytes[k] = fresh[j++].getBytes(StandardCharsets.UTF_8);
            }
        }
        sorted = names;
        sortedNames = bytes;
    }

    /** Copies {@code b} and a 0 separator into {@code buf} at {@code at}; returns the new length. */
    private static int put(byte[] buf, int at, byte[] b) {
        System.arraycopy(b, 0, buf, at, b.length);
        buf[at + b.length] = 0;
        return at + b.length + 1;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
