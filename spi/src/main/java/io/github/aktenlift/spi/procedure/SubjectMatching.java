package io.github.aktenlift.spi.procedure;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How names and dates of birth are compared when an e-file is looked up by subject: the rules
 * every {@link SpecialistProcedure#findBySubject} applies, and Aktenlift applies to its own records,
 * so that both sides call the same spellings the same person.
 *
 * <p>What does not matter: letter case; surrounding and repeated whitespace; hyphens and dashes
 * between name parts (treated as a space); German umlauts against their transliterations
 * ({@code ä/ae}, {@code ö/oe}, {@code ü/ue}, {@code ß/ss}), also when the umlaut arrives
 * decomposed (a base letter followed by a combining diaeresis); other diacritics ({@code é → e},
 * {@code ç → c}); and a few letters without a decomposition ({@code æ → ae}, {@code ø/œ → oe},
 * {@code ı → i}, {@code ł → l}, {@code đ → d}).
 *
 * <p>What still matters, because matching never guesses: any other difference of letters
 * ({@code Müller} is not {@code Muller}, {@code Meier} is not {@code Meyer}), the order of names,
 * and the date of birth.
 *
 * <p>Stateless and thread-safe. Results are personal data derived from names: never log them.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SubjectMatching {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-\u2010\u2011\u2012\u2013\u2014]+");

    private SubjectMatching() {
    }

    /**
     * @param name a surname or given names
     * @return the name in its matching form: lower case, transliterated, without diacritics, parts
     *     separated by single spaces
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public static String normalizeName(String name) {
        Objects.requireNonNull(name, "name");
        // composed first, so that a decomposed umlaut (u + U+0308) becomes 'ue' as the composed one does
        String s = Normalizer.normalize(name, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ä', 'æ' -> b.append("ae");
                case 'ö', 'ø', 'œ' -> b.append("oe");
                case 'ü' -> b.append("ue");
                case 'ß', 'ẞ' -> b.append("ss");
                case 'ı' -> b.append('i');
                case 'ł' -> b.append('l');
                case 'đ' -> b.append('d');
                default -> b.append(c);
            }
        }
        String stripped = MARKS.matcher(Normalizer.normalize(b, Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(stripped).replaceAll(" ").strip();
    }

    /**
     * @param subject a person's identifying data
     * @return surname, given names and date of birth in matching form, as one text: equal for two
     *     subjects exactly when {@link #sameNameAndBirth} holds; usable as a map key or fingerprint
     *     input. The AZR number takes no part.
     */
    public static String key(SubjectQuery subject) {
        return normalizeName(subject.surname()) + '|' + normalizeName(subject.givenNames()) + '|'
                + subject.dateOfBirth();
    }

    /**
     * @param a one person's identifying data
     * @param b another's
     * @return whether surnames, given names and dates of birth agree under these rules; AZR numbers
     *     are not compared
     */
    public static boolean sameNameAndBirth(SubjectQuery a, SubjectQuery b) {
        return key(a).equals(key(b));
    }
}
