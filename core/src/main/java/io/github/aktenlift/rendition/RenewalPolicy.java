package io.github.aktenlift.rendition;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * When evidence renewal renews a sealed rendition (BSI TR-ESOR): when its newest timestamp is
 * older than an age, or when that timestamp's imprint rests on a digest algorithm the policy marks
 * as weakening (for example SHA-256, once the BSI's TR-02102 catalogue announces its end).
 *
 * <p>A rendition whose newest timestamp uses an algorithm the sealer cannot name, or that carries
 * no timestamp at all, is renewed whenever the policy names any weakening algorithm: what cannot be
 * shown strong is treated as weak.
 *
 * @param olderThan renew what was last timestamped longer ago than this, by the journal's clock
 * @param weakeningDigests digest algorithms, by their JCA names ({@code SHA-256}, {@code SHA-1}),
 *     that evidence must no longer rest on; compared without case and hyphens; may be empty
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.2")
public record RenewalPolicy(Duration olderThan, Set<String> weakeningDigests) {

    /**
     * Checks and copies.
     *
     * @param olderThan the age; zero or positive
     * @param weakeningDigests the weakening digest algorithms' names
     */
    public RenewalPolicy {
        Objects.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must be zero or positive");
        }
        weakeningDigests = Set.copyOf(weakeningDigests);
    }

    /**
     * @param olderThan the age
     * @return a policy that renews by age alone
     */
    public static RenewalPolicy olderThan(Duration olderThan) {
        return new RenewalPolicy(olderThan, Set.of());
    }

    /**
     * @param digests digest algorithms (JCA names) that evidence must no longer rest on
     * @return this policy with them marked as weakening
     */
    public RenewalPolicy weakening(String... digests) {
        return new RenewalPolicy(olderThan, Set.of(digests));
    }

    /**
     * @param digest a digest algorithm's JCA name, or a dotted OID
     * @return whether this policy marks it as weakening (without case and hyphens)
     */
    public boolean isWeakening(String digest) {
        String n = normal(digest);
        return weakeningDigests.stream().map(RenewalPolicy::normal).collect(Collectors.toSet()).contains(n);
    }

    private static String normal(String name) {
        return name.replace("-", "").toUpperCase(Locale.ROOT);
    }
}
