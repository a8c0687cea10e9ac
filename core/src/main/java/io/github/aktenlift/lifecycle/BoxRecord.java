package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.logistics.BoxState;
import io.github.aktenlift.logistics.SealNumber;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** One transport box as the journal has it so far: the {@link Projection}'s record of it. Not thread-safe. */
public final class BoxRecord {

    final Barcode barcode;
    final Sequences sequences = new Sequences();
    BoxState state;
    Instant since;
    SealNumber seal;
    final LinkedHashSet<Barcode> files = new LinkedHashSet<>();
    String pickup;
    boolean sealMismatch;

    BoxRecord(Barcode barcode) {
        this.barcode = barcode;
    }

    /** @return the box label */
    public Barcode barcode() {
        return barcode;
    }

    /** @return the box's state */
    public BoxState state() {
        return state;
    }

    /** @return since when it is in {@link #state()} */
    public Instant since() {
        return since;
    }

    /** @return the seal put on it, or {@code null} while open */
    public SealNumber seal() {
        return seal;
    }

    /** @return the case files packed in it, in packing order */
    public Set<Barcode> files() {
        return Collections.unmodifiableSet(files);
    }

    /** @return the pickup it was planned into, or {@code null} */
    public String pickup() {
        return pickup;
    }

    /** @return whether the seal read at receipt differed from the one put on */
    public boolean sealMismatch() {
        return sealMismatch;
    }

    /** @return the journal sequences of its events, in order */
    public long[] sequences() {
        return sequences.toArray();
    }
}
