package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.casefile.CheckDigit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Barcodes and check digits")
class BarcodeSchemeTest {

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    @DisplayName("known ISO 7064 and Luhn check characters are computed")
    void knownValues() {
        // reference values: ISO 7064 MOD 11,10 of "0794" is 5; Luhn of "7992739871" is 3
        assertThat(CheckDigit.ISO_7064_MOD_11_10.compute("0794")).isEqualTo('5');
        assertThat(CheckDigit.LUHN.compute("7992739871")).isEqualTo('3');
        assertThat(CheckDigit.LUHN.isValid("79927398713")).isTrue();
        assertThat(CheckDigit.ISO_7064_MOD_37_36.isValid("A12425GABC1234002M")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = CheckDigit.class, names = {"ISO_7064_MOD_37_36", "ISO_7064_MOD_11_10"})
    @DisplayName("ISO 7064 hybrid systems detect every single-character error and nearly every adjacent transposition")
    void detectsErrors(CheckDigit algorithm) {
        int swaps = 0;
        int swapsDetected = 0;
        String alphabet = algorithm == CheckDigit.ISO_7064_MOD_11_10 ? "0123456789" : ALNUM;
        Random random = new Random(42);
        for (int n = 0; n < 300; n++) {
            StringBuilder payload = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                payload.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String code = payload.toString() + algorithm.compute(payload.toString());
            assertThat(algorithm.isValid(code)).isTrue();
            for (int i = 0; i < code.length(); i++) {
                for (int k = 0; k < alphabet.length(); k++) {
                    char c = alphabet.charAt(k);
                    if (c != code.charAt(i) && (i < code.length() - 1 || alphabet.indexOf(c) >= 0)) {
                        String changed = code.substring(0, i) + c + code.substring(i + 1);
                        assertThat(algorithm.isValid(changed)).as("%s → %s", code, changed).isFalse();
                    }
                }
                if (i + 1 < code.length() && code.charAt(i) != code.charAt(i + 1)) {
                    String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                    swaps++;
                    swapsDetected += algorithm.isValid(swapped) ? 0 : 1;
                }
            }
        }
        // hybrid M,M+1 systems miss a transposition when the two values differ by a particular amount
        System.out.printf("%s detects %d of %d adjacent transpositions (%.2f %%)%n", algorithm, swapsDetected, swaps,
                100.0 * swapsDetected / swaps);
        assertThat((double) swapsDetected / swaps).isGreaterThan(0.97);
    }

    @Test
    @DisplayName("generated barcodes are data-neutral serials that their scheme accepts, and nothing else")
    void generated() {
        BarcodeScheme files = BarcodeScheme.defaultCaseFiles();
        Barcode b = files.generate(17);
        assertThat(b.value()).matches("F00000017[0-9A-Z]");
        assertThat(files.accepts(b)).isTrue();
        assertThat(BarcodeScheme.defaultBoxes().accepts(b)).isFalse();
        assertThat(files.accepts(Barcode.of("F000000170"))).isEqualTo(b.value().equals("F000000170"));
    }

    @Test
    @DisplayName("existing numeric labels with a Luhn digit can be taken over")
    void existingLabels() {
        BarcodeScheme legacy = BarcodeScheme.existing(Pattern.compile("[0-9]{11}"), CheckDigit.LUHN);
        assertThat(legacy.accepts(Barcode.of("79927398713"))).isTrue();
        assertThat(legacy.accepts(Barcode.of("79927398714"))).isFalse();
        assertThat(legacy.accepts(Barcode.of("F0000001"))).isFalse();
    }
}
