package io.github.aktenlift.rendition;

import io.github.aktenlift.Actor;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Evidence renewal (BSI TR-ESOR; PAdES B-LTA): adds a document timestamp to every stored sealed
 * rendition whose newest timestamp (its seal's, or its last renewal's) is older than a policy age or
 * rests on a digest algorithm the policy marks as weakening ({@link RenewalPolicy}), before the
 * algorithms and certificates it rests on weaken or expire. The renewed file is stored as
 * a new version beside the old one, which is never overwritten, and the journal records both
 * hashes ({@link io.github.aktenlift.tracking.EventKind#EVIDENCE_RENEWED}); deep verification then
 * checks the new version too.
 *
 * <p>Memory: one rendition at a time goes through a temporary file; the journal is read once and
 * keeps, per sealed rendition, its current version's key, hash and time (as the tracking projection
 * keeps per case file). Renditions are renewed one by one, each recorded before the next, so an
 * interrupted run leaves only complete renewals and is simply run again.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EvidenceRenewal {

    /**
     * @param actor who renews (recorded with each renewal)
     * @param olderThan renew what was last timestamped longer ago than this, by the journal's clock
     * @return what was renewed
     * @throws io.github.aktenlift.spi.sealing.TimestampException if the timestamp authority gives no
     *     token; what was renewed before stays recorded, the rendition at hand is left as it was
     * @throws io.github.aktenlift.spi.ProviderException if the storage or the sealer fails
     */
    RenewalReport renew(Actor actor, Duration olderThan);

    /**
     * Renews what the policy says is due: renditions last timestamped longer ago than its age, and
     * those whose newest timestamp rests on a digest algorithm it marks as weakening (the sealer
     * tells which one a PDF uses, so every sealed rendition is read once when the policy names
     * one). The renewal timestamps use the sealer's {@linkplain
     * io.github.aktenlift.spi.sealing.EvidenceSealer#renewalDigest() renewal digest}.
     *
     * @param actor who renews (recorded with each renewal)
     * @param policy when a rendition is due
     * @return what was renewed
     * @throws IllegalArgumentException if the policy marks the sealer's own renewal digest as weakening
     * @throws io.github.aktenlift.spi.sealing.TimestampException if the timestamp authority gives no
     *     token; what was renewed before stays recorded, the rendition at hand is left as it was
     * @throws io.github.aktenlift.spi.ProviderException if the storage or the sealer fails
     * @throws UnsupportedOperationException if this implementation renews by age only (the default)
     * @since 0.2
     */
    default RenewalReport renew(Actor actor, RenewalPolicy policy) {
        if (policy.weakeningDigests().isEmpty()) {
            return renew(actor, policy.olderThan());
        }
        throw new UnsupportedOperationException("this evidence renewal renews by age only");
    }
}
