package io.github.aktenlift.lifecycle;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Name normalisation for matching")
class NamesTest {

    @ParameterizedTest(name = "\"{0}\" ~ \"{1}\"")
    @CsvSource({
            "Müller, MUELLER",
            "Strauß, strauss",
            "'  Anna   Maria ', anna maria",
            "Hans-Peter, hans peter",
            "Çelik, celik",
            "José, jose",
            "Øyvind, oeyvind",
            "Ĳsselmeer, ĳsselmeer"})
    @DisplayName("case, whitespace, hyphens, umlauts and diacritics do not matter")
    void equivalent(String a, String b) {
        assertThat(Names.normalize(a)).isEqualTo(Names.normalize(b));
    }

    @ParameterizedTest(name = "\"{0}\" ≁ \"{1}\"")
    @CsvSource({"Müller, Muller", "Meier, Meyer", "Anna, Anne"})
    @DisplayName("different spellings stay different: matching never guesses")
    void different(String a, String b) {
        assertThat(Names.normalize(a)).isNotEqualTo(Names.normalize(b));
    }
}
