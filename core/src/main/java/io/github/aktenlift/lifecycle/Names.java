package io.github.aktenlift.lifecycle;

import io.github.aktenlift.spi.procedure.SubjectMatching;

/**
 * Normalises personal names for matching, by the same rules the specialist procedure's adapters
 * apply ({@link SubjectMatching}): case, surrounding and repeated whitespace, hyphens, German
 * umlauts and their transliterations (ä/ae, ö/oe, ü/ue, ß/ss) and other diacritics do not matter.
 */
final class Names {

    private Names() {
    }

    static String normalize(String name) {
        return SubjectMatching.normalizeName(name);
    }
}
