package io.github.aktenlift.retention;

import org.apiguardian.api.API;

/**
 * Why a case file is held (<i>Sperre</i>). Which reasons block destruction is set in
 * {@link RetentionPolicy}.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum HoldReason {
    /** Litigation or a legal order. */
    LEGAL_HOLD,
    /** An objection or appeal is open. */
    OPEN_OBJECTION,
    /** Pages could not be captured legibly; the paper stays the reference. */
    UNREADABLE_PAGES,
    /** An audit or data-protection review. */
    AUDIT
}
