package io.github.aktenlift.adapters.sealing;

import org.apiguardian.api.API;

/**
 * The PAdES baseline levels of ETSI EN 319 142-1 that {@link PadesSealer} produces.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum PadesLevel {
    /** B-B: a CAdES-detached signature with signing-certificate-v2 in an incremental update. */
    B_B,
    /** B-T: B-B plus a signature timestamp (unsigned attribute) from a timestamp authority. */
    B_T,
    /** B-LT: B-T plus a DSS dictionary with the chains and the revocation data the key supplies. */
    B_LT,
    /** B-LTA: B-LT plus a document timestamp over everything, the start of evidence renewal. */
    B_LTA;

    /** @return whether this level needs a timestamp authority */
    public boolean needsTimestamps() {
        return this != B_B;
    }
}
