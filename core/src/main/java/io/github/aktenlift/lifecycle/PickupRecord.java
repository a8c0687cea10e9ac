package io.github.aktenlift.lifecycle;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.logistics.PickupState;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One pickup as the journal has it so far: the {@link Projection}'s record of it. Not thread-safe. */
public final class PickupRecord {

    final String id;
    PickupState state;
    Instant since;
    LocalDate scheduledFor;
    final List<Barcode> boxes = new ArrayList<>();

    PickupRecord(String id) {
        this.id = id;
    }

    /** @return the pickup's id */
    public String id() {
        return id;
    }

    /** @return its state */
    public PickupState state() {
        return state;
    }

    /** @return the day it is scheduled for */
    public LocalDate scheduledFor() {
        return scheduledFor;
    }

    /** @return its boxes, as planned */
    public List<Barcode> boxes() {
        return Collections.unmodifiableList(boxes);
    }
}
