package io.github.aktenlift.adapters.xdomea.message;

import org.apiguardian.api.API;

/**
 * A sender or recipient of a message (xdomea {@code KontaktType}, as far as Aktenlift uses it): an
 * authority, not a person. Every part is optional; a message may even name no part at all (the
 * schema allows it), which {@link #isEmpty()} tells.
 *
 * @param authorityPrefix the class of the authority key, {@code Behoerdenkennung/Praefix/code}, for
 *     example {@code ags:}; or {@code null}
 * @param authorityKey the authority key, {@code Behoerdenkennung/Behoerdenschluessel/code}, for
 *     example the DVDV key; or {@code null}
 * @param institution the authority's name, {@code Institution/Name}; or {@code null}
 * @param unit the organisational unit, {@code Organisationseinheit/Name}; or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Party(String authorityPrefix, String authorityKey, String institution, String unit) {

    /**
     * Checks that no given part is blank.
     *
     * @param authorityPrefix the class of the authority key, {@code Behoerdenkennung/Praefix/code}, for
     *     example {@code ags:}; or {@code null}
     * @param authorityKey the authority key, {@code Behoerdenkennung/Behoerdenschluessel/code}, for example
     *     the DVDV key; or {@code null}
     * @param institution the authority's name, {@code Institution/Name}; or {@code null}
     * @param unit the organisational unit, {@code Organisationseinheit/Name}; or {@code null}
     */
    public Party {
        Texts.optional("authorityPrefix", authorityPrefix);
        Texts.optional("authorityKey", authorityKey);
        Texts.optional("institution", institution);
        Texts.optional("unit", unit);
    }

    /** @return whether no part is given */
    public boolean isEmpty() {
        return authorityPrefix == null && authorityKey == null && institution == null && unit == null;
    }

    /**
     * @param name the institution's name
     * @return a party known by name only
     */
    public static Party institution(String name) {
        return new Party(null, null, name, null);
    }
}
