package io.github.aktenlift.logistics;

import io.github.aktenlift.casefile.Barcode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One box of a proposed pickup: an existing box (open, to be topped up and sealed, or already
 * sealed) or a new one, and the case files to put in.
 *
 * @param box the existing box; empty for a new box, which needs a label
 * @param state the existing box's state ({@link BoxState#OPEN} or {@link BoxState#SEALED}); empty
 *     for a new box
 * @param packed the files already in the box
 * @param toPack the waiting files to pack into it, in order
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record BoxSuggestion(Optional<Barcode> box, Optional<BoxState> state, List<Barcode> packed,
        List<Barcode> toPack) {

    /**
     * Validates and copies.
     *
     * @param box the existing box; empty for a new box, which needs a label
     * @param state the existing box's state ({@link BoxState#OPEN} or {@link BoxState#SEALED}); empty for a
     *     new box
     * @param packed the files already in the box
     * @param toPack the waiting files to pack into it, in order
     */
    public BoxSuggestion {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(state, "state");
        if (box.isPresent() != state.isPresent()) {
            throw new IllegalArgumentException("an existing box has a state, a new one has none");
        }
        packed = List.copyOf(packed);
        toPack = List.copyOf(toPack);
    }

    /** @return whether this is a new box that needs a label */
    public boolean isNew() {
        return box.isEmpty();
    }

    /** @return how many files the box holds once packed */
    public int size() {
        return packed.size() + toPack.size();
    }
}
