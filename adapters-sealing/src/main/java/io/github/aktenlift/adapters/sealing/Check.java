package io.github.aktenlift.adapters.sealing;

import org.apiguardian.api.API;

/**
 * The outcome of one aspect of a signature or timestamp check.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Check {
    /** The aspect holds. */
    PASSED,
    /** The aspect does not hold: the evidence is broken or untrusted. */
    FAILED,
    /** The aspect does not apply to this kind of object (an imprint for a seal, say). */
    NOT_APPLICABLE
}
