package io.github.aktenlift;

import io.github.aktenlift.casefile.ProtectionLevel;
import org.apiguardian.api.API;

/**
 * The policies demand seals or timestamps at a protection level that the configured sealer cannot
 * give: no sealer, no key, no timestamp authority, or a key that is not qualified where a qualified
 * seal is demanded. Raised by {@link Aktenlift.Builder#build()}, before anything is opened, so that
 * no product is ever left unsealed where the policies demand a seal.
 *
 * @since 0.2
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SealingConfigurationException extends AktenliftException {
    private static final long serialVersionUID = 1L;

    /** The protection level whose demand cannot be met. */
    private final ProtectionLevel level;

    /**
     * @param level the protection level whose demand cannot be met
     * @param reason what is missing, naming identifiers only
     */
    public SealingConfigurationException(ProtectionLevel level, String reason) {
        super("protection level " + level + ": " + reason);
        this.level = level;
    }

    /** @return the protection level whose demand cannot be met */
    public ProtectionLevel level() {
        return level;
    }
}
