package io.github.aktenlift;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A command is allowed in the current state but a business precondition does not hold: a
 * destruction blocked by a hold, a seal number that does not match, an empty box to be sealed.
 * Nothing changed.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PreconditionFailedException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** {@code case file}, {@code box} or {@code pickup}. */
    private final String kind;
    /** Its barcode or id. */
    private final String id;
    /** Machine-readable reasons such as {@code HOLD:LEGAL_HOLD}, at least one. */
    private final List<String> reasons;

    /**
     * @param kind {@code case file}, {@code box} or {@code pickup}
     * @param id its barcode or id
     * @param reasons machine-readable reasons such as {@code HOLD:LEGAL_HOLD}, at least one
     */
    public PreconditionFailedException(String kind, String id, List<String> reasons) {
        super("precondition failed for " + kind + " " + id + ": " + String.join(", ", reasons));
        this.kind = kind;
        this.id = id;
        this.reasons = List.copyOf(reasons);
    }

    /** @return {@code case file}, {@code box} or {@code pickup} */
    public String kind() {
        return kind;
    }

    /** @return the barcode or id */
    public String id() {
        return id;
    }

    /** @return machine-readable reasons such as {@code HOLD:LEGAL_HOLD} */
    public List<String> reasons() {
        return reasons;
    }
}
