package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.PrepareCaseFile;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RecordCapture;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.casefile.Subject;
import io.github.aktenlift.logistics.CollectPickup;
import io.github.aktenlift.logistics.HandoverProtocol;
import io.github.aktenlift.logistics.PlanPickup;
import io.github.aktenlift.logistics.SealNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Input validation")
class ValidationTest {

    private final Office o = new Office();

    @AfterEach
    void close() {
        o.close();
    }

    private void assertNothingRecorded(long journalBefore) {
        assertThat(o.journalLength()).isEqualTo(journalBefore);
        assertThat(o.lift.tracking().verify().isIntact()).isTrue();
    }

    @Nested
    @DisplayName("a command with bad fields")
    class Commands {

        @Test
        @DisplayName("names every violated field by its path and records nothing")
        void namesFields() {
            Barcode b = o.nextFileBarcode();
            Subject bad = new Subject(" ", "Anna", LocalDate.of(2999, 1, 1), "syr", "12345");
            long before = o.journalLength();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterCaseFile(b, FileReference.of("AZ-1"), bad, null)))
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                        assertThat(e.command()).isEqualTo("RegisterCaseFile");
                        assertThat(e.violations()).extracting(InvalidCommandException.FieldViolation::path)
                                .containsExactly("protection", "subject.azrNumber", "subject.dateOfBirth",
                                        "subject.nationality", "subject.surname");
                    });
            assertNothingRecorded(before);
            assertThat(o.lift.tracking().whereIs(b)).isEmpty();
        }

        @Test
        @DisplayName("with empty lists or a transfer from the future is refused")
        void listsAndDates() {
            Barcode f = o.register();
            assertThatThrownBy(() -> o.lift.execute(o.scanner, new RecordCapture(f, "D1", List.of())))
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                            .extracting(InvalidCommandException.FieldViolation::path).containsExactly("documents"));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterTransfer(o.nextFileBarcode(),
                    FileReference.of("AZ-T1"), Office.subject(1), ProtectionLevel.HIGH, "Stadt X", LocalDate.of(2999, 1, 1))))
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                            .extracting(InvalidCommandException.FieldViolation::path).containsExactly("receivedOn"));
        }

        @ParameterizedTest(name = "pickup id \"{0}\"")
        @ValueSource(strings = {"../etc/passwd", "/abs", "a/b", "with space", "", "x\u0000y"})
        @DisplayName("with a path-traversal or control-character id is refused before anything is touched")
        void hostileIds(String id) {
            Barcode box = o.ship(o.registerMany(1));
            long before = o.journalLength();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new PlanPickup(id, LocalDate.of(2026, 3, 3), List.of(box))))
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                            .extracting(InvalidCommandException.FieldViolation::path).containsExactly("pickupId"));
            assertThatThrownBy(() -> o.lift.execute(o.carrier, new CollectPickup(id,
                    new HandoverProtocol("a", "b", Map.of(box, SealNumber.of("S1"))))))
                    .isInstanceOf(InvalidCommandException.class);
            assertNothingRecorded(before);
        }

        @Test
        @DisplayName("dates in the past or future are judged by the injected clock, not the machine's")
        void injectedClock() {
            // the office clock stands at 2026-03-02; a transfer received on 2026-03-05 lies in its future
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterTransfer(o.nextFileBarcode(),
                    FileReference.of("AZ-T2"), Office.subject(2), ProtectionLevel.NORMAL, "Stadt X",
                    LocalDate.of(2026, 3, 5)))).isInstanceOf(InvalidCommandException.class);
            o.clock.advance(java.time.Duration.ofDays(5));
            o.lift.execute(o.clerk, new RegisterTransfer(o.nextFileBarcode(), FileReference.of("AZ-T2"),
                    Office.subject(2), ProtectionLevel.NORMAL, "Stadt X", LocalDate.of(2026, 3, 5)));
        }

        @Test
        @DisplayName("a null command or actor is a typed error")
        void nulls() {
            assertThatThrownBy(() -> o.lift.execute(o.clerk, null)).isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.field()).isEqualTo("command"));
            assertThatThrownBy(() -> o.lift.execute(null, new PrepareCaseFile(o.register())))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("actor"));
        }
    }

    @Nested
    @DisplayName("identifiers")
    class Identifiers {

        @Test
        @DisplayName("an unknown barcode is named in a typed error and nothing changes")
        void unknownBarcode() {
            Barcode stranger = o.nextFileBarcode();
            long before = o.journalLength();
            assertThatThrownBy(() -> o.lift.execute(o.scanner, new PrepareCaseFile(stranger)))
                    .isInstanceOfSatisfying(UnknownIdentifierException.class, e -> {
                        assertThat(e.kind()).isEqualTo("case file");
                        assertThat(e.id()).isEqualTo(stranger.value());
                    });
            assertNothingRecorded(before);
        }

        @Test
        @DisplayName("a barcode with a wrong check digit is refused at registration")
        void checkDigit() {
            String good = o.nextFileBarcode().value();
            char last = good.charAt(good.length() - 1);
            Barcode bad = Barcode.of(good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0'));
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterCaseFile(bad, FileReference.of("AZ-9"),
                    Office.subject(9), ProtectionLevel.NORMAL)))
                    .isInstanceOfSatisfying(InvalidBarcodeException.class, e -> assertThat(e.barcode()).isEqualTo(bad.value()));
        }

        @Test
        @DisplayName("a barcode or file reference registered twice is refused, naming the barcode that holds it")
        void duplicates() {
            Barcode f = o.register();
            FileReference ref = o.lift.tracking().whereIs(f).orElseThrow().reference();
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterCaseFile(f, FileReference.of("AZ-new"),
                    Office.subject(1), ProtectionLevel.NORMAL))).isInstanceOf(DuplicateIdentifierException.class);
            assertThatThrownBy(() -> o.lift.execute(o.clerk, new RegisterCaseFile(o.nextFileBarcode(), ref,
                    Office.subject(1), ProtectionLevel.NORMAL)))
                    .isInstanceOfSatisfying(DuplicateIdentifierException.class, e -> {
                        assertThat(e.kind()).isEqualTo("file reference");
                        assertThat(e.id()).isEqualTo(f.value());
                    });
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"ab1", "F 123", "-F123", "F12345678901234567890123456789012345678901", "F12ü", "F1/2"})
        @DisplayName("barcode text outside A-Z 0-9 - of 3 to 40 characters is refused when the value is made")
        void barcodeSyntax(String text) {
            assertThatThrownBy(() -> Barcode.of(text)).isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.field()).isEqualTo("barcode"));
        }

        @Test
        @DisplayName("actors, seals and file references validate themselves")
        void values() {
            assertThatThrownBy(() -> Actor.of("a b", "office")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> Actor.of("a", "\n")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> SealNumber.of("s1")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> FileReference.of("AZ\u00001")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> FileReference.of("x".repeat(65))).isInstanceOf(InvalidValueException.class);
            assertThat(FileReference.of("  32.1-AB/2024 ").value()).isEqualTo("32.1-AB/2024");
        }
    }
}
