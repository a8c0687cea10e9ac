package io.github.aktenlift.casefile;

import org.apiguardian.api.API;

/**
 * What a {@link ProtectionProfile} demands of the evidence on a case file's scan products (BSI
 * TR-03138 "TR-RESISCAN", requirement A.AM.IN.H.1 for a high integrity need, and version 1.5's move
 * to qualified seals). A demand is never skipped: an instance whose policies demand a seal and that
 * has no sealing key, timestamp authority or qualified certificate to meet it refuses to start.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Sealing {
    /** Nothing sealed; the journal's hashes alone protect the products. */
    NONE,
    /**
     * Every rendition and the protocol PDF carry a PAdES seal with a signature timestamp (B-T, B-LT
     * where the key supplies revocation data); the protocol JSON a detached CAdES seal beside it.
     * Needs a sealing key and a timestamp authority.
     */
    SEALED,
    /**
     * As {@link #SEALED}, with a qualified seal: the key's certificate must carry the ETSI QC
     * statements (QcCompliance, QcType eseal) and the key be on a QSCD, checked at start-up.
     */
    QUALIFIED;

    /** @return whether products get a seal */
    public boolean seals() {
        return this != NONE;
    }
}
