package io.github.aktenlift;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises personal names for matching: case, surrounding and repeated whitespace, hyphens,
 * German umlauts and their transliterations (ä/ae, ö/oe, ü/ue, ß/ss) and other diacritics do not
 * matter.
 */
final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("[\\s\\-‐‑‒–—]+");

    private Names() {
    }

    static String normalize(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ä' -> b.append("ae");
                case 'ö' -> b.append("oe");
                case 'ü' -> b.append("ue");
                case 'ß', 'ẞ' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'ø', 'œ' -> b.append("oe");
                default -> b.append(c);
            }
        }
        String stripped = MARKS.matcher(Normalizer.normalize(b, Normalizer.Form.NFD)).replaceAll("");
        return SPACE.matcher(stripped).replaceAll(" ").strip();
    }
}
