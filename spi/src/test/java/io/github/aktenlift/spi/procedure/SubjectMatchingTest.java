package io.github.aktenlift.spi.procedure;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Name rules for finding e-files by subject")
class SubjectMatchingTest {

    @ParameterizedTest(name = "\"{0}\" ~ \"{1}\"")
    @CsvSource({
            "Müller, MUELLER",
            "Müller, MÜLLER",
            "Strauß, strauss",
            "STRAUSS, Strauß",
            "'  Anna   Maria ', anna maria",
            "Hans-Peter, hans peter",
            "Hans–Peter, Hans Peter",
            "Çelik, celik",
            "José, jose",
            "Øyvind, oeyvind",
            "Yıldız, Yildiz",
            "Łukasz, Lukasz",
            "Ĳsselmeer, ĳsselmeer"})
    @DisplayName("case, whitespace, hyphens, umlauts, transliterations and diacritics do not matter")
    void equivalent(String a, String b) {
        assertThat(SubjectMatching.normalizeName(a)).isEqualTo(SubjectMatching.normalizeName(b));
    }

    @ParameterizedTest(name = "\"{0}\" ≁ \"{1}\"")
    @CsvSource({"Müller, Muller", "Meier, Meyer", "Anna, Anne", "Anna Maria, Maria Anna"})
    @DisplayName("different spellings stay different: matching never guesses")
    void different(String a, String b) {
        assertThat(SubjectMatching.normalizeName(a)).isNotEqualTo(SubjectMatching.normalizeName(b));
    }

    @Test
    @DisplayName("a decomposed umlaut (u + combining diaeresis) is the umlaut, not a plain u")
    void decomposedUmlaut() {
        String decomposed = "Mu\u0308ller";
        assertThat(SubjectMatching.normalizeName(decomposed)).isEqualTo("mueller")
                .isEqualTo(SubjectMatching.normalizeName("Müller"));
    }

    @Test
    @DisplayName("the same person needs the same names and the same date of birth; the AZR number takes no part")
    void sameNameAndBirth() {
        LocalDate born = LocalDate.of(1990, 5, 17);
        SubjectQuery a = new SubjectQuery("Öztürk", "Ayşe Gül", born, "000000000001");
        assertThat(SubjectMatching.sameNameAndBirth(a, new SubjectQuery("OEZTUERK", " ayse  guel ", born, null))).isTrue();
        assertThat(SubjectMatching.sameNameAndBirth(a, new SubjectQuery("Öztürk", "Ayşe Gül", born, "000000000002")))
                .isTrue();
        assertThat(SubjectMatching.sameNameAndBirth(a, new SubjectQuery("Öztürk", "Ayşe Gül", born.plusDays(1), null)))
                .isFalse();
        assertThat(SubjectMatching.key(a)).isEqualTo("oeztuerk|ayse guel|1990-05-17");
    }
}
