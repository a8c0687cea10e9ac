package io.github.aktenlift.journal;

import io.github.aktenlift.spi.ConflictException;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.RecordStore;
import io.github.aktenlift.spi.storage.VersionedRecord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The journal's head record: how far the journal reached when its newest append was
 * acknowledged — the number of events and the hash of the last one, the number of checkpoints and
 * the hash of the last one — sealed like the events (SHA-256, or HMAC-SHA-256 under the journal
 * key). A log cut back (the newest events included, which no checkpoint covers yet) is shorter
 * than its head says; a last event altered and rehashed no longer has the head's hash.
 *
 * <p>Written by compare-and-set after every append, so it never goes back; several writers each
 * move it forward, and a writer that finds it already past its own position leaves it. Between an
 * append and the head's update the log is ahead of the head, which is sound: those events were not
 * acknowledged yet. Readers read the head before the logs, so that a writer appending meanwhile
 * cannot make the logs look shorter than the head.
 *
 * <p>Stored as text lines: format, events, last event hash, checkpoints, last checkpoint hash,
 * seal. Not thread-safe: the journal's writer lock guards the writing side; each reader makes its
 * own.
 */
final class JournalHead {

    static final String FORMAT = "aktenlift-journal-head/1";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** What the head says. */
    record State(long events, String lastEventHash, long checkpoints, String lastCheckpointHash) {
    }

    /** A head record that cannot be read or whose seal does not match. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String detail) {
            super(detail, null, false, false);
        }
    }

    private final RecordStore records;
    private final Key key;
    private final EventHasher hasher;
    /** The version this writer last saw; 0 for none. */
    private long version;
    private State written;

    JournalHead(RecordStore records, Key key, EventHasher hasher) {
        this.records = records;
        this.key = key;
        this.hasher = hasher;
    }

    /**
     * @return the stored head, or empty if none was written yet (a journal written before heads
     *     existed, or an empty one)
     * @throws Unreadable if the record is not a head or its seal does not match
     */
    Optional<State> read() throws Unreadable {
        Optional<VersionedRecord> r = records.get(key);
        if (r.isEmpty()) {
            version = 0;
            return Optional.empty();
        }
        version = r.get().version();
        String[] f = new String(r.get().value(), StandardCharsets.UTF_8).split("\n", -1);
        if (f.length != 6 || !FORMAT.equals(f[0]) || !HASH.matcher(f[2]).matches() || !HASH.matcher(f[4]).matches()) {
            throw new Unreadable("the head record is not a journal head of format " + FORMAT);
        }
        State s;
        try {
            s = new State(Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), f[4]);
        } catch (NumberFormatException e) {
            throw new Unreadable("the head record's counts are not numbers");
        }
        if (s.events() < 0 || s.checkpoints() < 0
                || !hasher.hashHead(s.events(), s.lastEventHash(), s.checkpoints(), s.lastCheckpointHash())
                        .equals(f[5])) {
            throw new Unreadable("the head record's seal does not match its content");
        }
        return Optional.of(s);
    }

    /**
     * Moves the head forward to {@code s}, unless it is there or beyond already.
     *
     * @throws Unreadable if the stored head cannot be read when a concurrent write is re-read
     */
    void advance(State s) throws Unreadable {
        if (s.equals(written)) {
            return;
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            byte[] value = (FORMAT + "\n" + s.events() + "\n" + s.lastEventHash() + "\n" + s.checkpoints() + "\n"
                    + s.lastCheckpointHash() + "\n"
                    + hasher.hashHead(s.events(), s.lastEventHash(), s.checkpoints(), s.lastCheckpointHash()))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                version = records.compareAndSet(key, version, value);
                written = s;
                return;
            } catch (ConflictException e) {
                Optional<State> now = read();
                if (now.isPresent()) {
                    State there = now.get();
                    if (there.events() >= s.events() && there.checkpoints() >= s.checkpoints()) {
                        written = s;
                        return; // another writer is further; its head covers ours
                    }
                    // take the further of each: a head never goes back
                    s = new State(Math.max(there.events(), s.events()),
                            there.events() >= s.events() ? there.lastEventHash() : s.lastEventHash(),
                            Math.max(there.checkpoints(), s.checkpoints()),
                            there.checkpoints() >= s.checkpoints() ? there.lastCheckpointHash() : s.lastCheckpointHash());
                }
            }
        }
        throw new IllegalStateException("the journal head could not be moved forward in 64 attempts");
    }
}
