package io.github.aktenlift.casefile;

import org.apiguardian.api.API;

/**
 * What an urgent recall (<i>Eilanforderung</i>) asks for.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum RecallMode {
    /** Scan the file with priority and import it; served when the import is confirmed. */
    SCAN_ON_DEMAND,
    /** Bring the paper back to the office; served when it is handed over. */
    PAPER_BACK
}
