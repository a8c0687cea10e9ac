package io.github.aktenlift.casefile;

import org.apiguardian.api.API;

/**
 * Protection requirement of a case file (<i>Schutzbedarf</i>, after BSI IT-Grundschutz). It selects
 * the {@link ProtectionProfile}: QA sample rate, four-eyes review, signatures.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ProtectionLevel {
    /** Normal protection requirement. */
    NORMAL,
    /** High protection requirement. */
    HIGH,
    /** Very high protection requirement. */
    VERY_HIGH
}
