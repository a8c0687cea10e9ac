package io.github.aktenlift.spi.sealing;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Whether a sealing key makes qualified seals, and why (not).
 *
 * @param qualified whether it does
 * @param reasons what was found: the statements and policies present or missing; never secrets
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Qualification(boolean qualified, List<String> reasons) {

    /**
     * Copies.
     *
     * @param qualified whether it does
     * @param reasons what was found: the statements and policies present or missing; never secrets
     */
    public Qualification {
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    }
}
