package io.github.aktenlift.rendition;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The result of {@link EvidenceRenewal#renew}.
 *
 * @param examined how many sealed renditions were looked at
 * @param renewals the renewals made, at most {@link #MAX_LISTED}
 * @param renewed how many were renewed in all
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public record RenewalReport(long examined, List<Renewal> renewals, long renewed) {

    /** The most renewals a report lists; {@link #renewed()} counts them all. */
    public static final int MAX_LISTED = 1000;

    /**
     * Copies.
     *
     * @param examined how many sealed renditions were looked at
     * @param renewals the renewals made, at most {@link #MAX_LISTED}
     * @param renewed how many were renewed in all
     */
    public RenewalReport {
        renewals = List.copyOf(renewals);
    }

    /**
     * One renewal: the version that was renewed, and the new one beside it.
     *
     * @param barcode the case file's barcode
     * @param rendition the rendition's original key
     * @param previousKey the renewed version's key
     * @param previousSha256 its SHA-256
     * @param renewedKey the new version's key
     * @param renewedSha256 its SHA-256
     * @since 0.2
     */
    public record Renewal(String barcode, String rendition, String previousKey, String previousSha256, String renewedKey,
            String renewedSha256) {

        /**
         * Checks for {@code null}.
         *
         * @param barcode the case file's barcode
         * @param rendition the rendition's original key
         * @param previousKey the renewed version's key
         * @param previousSha256 its SHA-256
         * @param renewedKey the new version's key
         * @param renewedSha256 its SHA-256
         */
        public Renewal {
            Objects.requireNonNull(barcode, "barcode");
            Objects.requireNonNull(rendition, "rendition");
            Objects.requireNonNull(previousKey, "previousKey");
            Objects.requireNonNull(previousSha256, "previousSha256");
            Objects.requireNonNull(renewedKey, "renewedKey");
            Objects.requireNonNull(renewedSha256, "renewedSha256");
        }
    }
}
