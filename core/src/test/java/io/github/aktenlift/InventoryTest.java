package io.github.aktenlift;

import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.casefile.FileReference;
import io.github.aktenlift.casefile.ProtectionLevel;
import io.github.aktenlift.casefile.RegisterCaseFile;
import io.github.aktenlift.casefile.RegisterTransfer;
import io.github.aktenlift.inventory.BaselineEntry;
import io.github.aktenlift.inventory.BaselineImport;
import io.github.aktenlift.inventory.InvalidBaselineException;
import io.github.aktenlift.inventory.Reconciliation;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.spi.storage.StorageCapability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The inventory")
class InventoryTest {

    private static final String HEADER =
            "file_reference,barcode,surname,given_names,date_of_birth,nationality,azr_number,protection_level\n";

    private final Office o = new Office();

    @AfterEach
    void close() {
        o.close();
    }

    private BaselineImport importCsv(String csv) {
        return o.lift.inventory().importBaseline(o.clerk, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private String row(String ref, String barcode, int i) {
        return ref + "," + barcode + ",Name" + i + ",Vorname " + i + ",0" + (1 + i % 9) + ".02.1990,TUR,"
                + String.format("%012d", i) + ",\n";
    }

    @Nested
    @DisplayName("baseline import")
    class Baseline {

        @Test
        @DisplayName("with a header and no rows is an empty baseline")
        void headerOnly() {
            assertThat(importCsv(HEADER).entries()).isZero();
            assertThat(o.lift.inventory().reconcile().expected()).isZero();
        }

        @Test
        @DisplayName("stores the CSV, records its hash in the journal, and reads it back after a restart")
        void roundTrip() {
            Barcode labelled = o.lift.policies().caseFileBarcodes().generate(900);
            String csv = HEADER + row("AZ-1", "", 1) + row("AZ-2", labelled.value(), 2)
                    + "\"AZ-3, alt\",,\"Öztürk\",\"Ayşe Nur\",1985-12-31,,,VERY_HIGH\n";
            BaselineImport imp = importCsv(csv);
            assertThat(imp.entries()).isEqualTo(3);
            assertThat(o.storage.content().head(imp.key()).orElseThrow().sha256()).isEqualTo(imp.sha256());
            List<BaselineEntry> entries = o.lift.inventory().baseline();
            assertThat(entries).extracting(BaselineEntry::reference).containsExactly(
                    FileReference.of("AZ-1"), FileReference.of("AZ-2"), FileReference.of("AZ-3, alt"));
            assertThat(entries.get(0).subject().dateOfBirth()).isEqualTo(LocalDate.of(1990, 2, 2));
            assertThat(entries.get(0).protection()).isEqualTo(ProtectionLevel.NORMAL);
            assertThat(entries.get(1).barcode()).contains(labelled);
            assertThat(entries.get(2).subject().givenNames()).isEqualTo("Ayşe Nur");
            assertThat(entries.get(2).protection()).isEqualTo(ProtectionLevel.VERY_HIGH);
            try (Aktenlift again = o.reopen()) {
                assertThat(again.inventory().baseline()).isEqualTo(entries);
            }
        }

        static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badFiles() {
            return java.util.stream.Stream.of(
                    bad("missing column", "file_reference,barcode,surname\nAZ-1,,X\n", 1, "given_names"),
                    bad("bad date", HEADER + "AZ-1,,A,B,31.02.1990,,,\n", 2, "date_of_birth"),
                    bad("future birth", HEADER + "AZ-1,,A,B,2999-01-01,,,\n", 2, "date_of_birth"),
                    bad("bad AZR", HEADER + "AZ-1,,A,B,1990-01-01,,123,\n", 2, "azr_number"),
                    bad("bad nationality", HEADER + "AZ-1,,A,B,1990-01-01,tur,,\n", 2, "nationality"),
                    bad("blank surname", HEADER + "AZ-1,, ,B,1990-01-01,,,\n", 2, "surname"),
                    bad("bad level", HEADER + "AZ-1,,A,B,1990-01-01,,,SECRET\n", 2, "protection_level"),
                    bad("duplicate ref", HEADER + "AZ-1,,A,B,1990-01-01,,,\nAZ-1,,C,D,1990-01-01,,,\n", 3,
                            "file_reference"),
                    bad("bad check digit", HEADER + "AZ-1,F000000011,A,B,1990-01-01,,,\n", 2, "barcode"),
                    bad("bad barcode", HEADER + "AZ-1,f 1,A,B,1990-01-01,,,\n", 2, "barcode"),
                    bad("empty file", "", 0, ""),
                    bad("header only, wrong columns", "file_reference,barcode\n", 1, "surname"));
        }

        private static org.junit.jupiter.params.provider.Arguments bad(String what, String csv, int line, String column) {
            return org.junit.jupiter.params.provider.Arguments.of(what, csv, line, column);
        }

        @Test
        @DisplayName("reports every bad line of a file at once, each with line and column and never the value, and imports nothing")
        void everyProblem() {
            String csv = HEADER + row("AZ-1", "", 1)
                    + "AZ-2,,Geheimname,B,31.02.1990,,,\n"
                    + row("AZ-3", "", 3)
                    + "AZ-4,,A,B,1990-01-01,,,SECRET\n"
                    + row("AZ-1", "", 5)
                    + "AZ-6,f 1,A,B,1990-01-01,,,\n";
            long before = o.journalLength();

            assertThatThrownBy(() -> importCsv(csv)).isInstanceOfSatisfying(InvalidBaselineException.class, e -> {
                assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column()).containsExactly(
                        "3:date_of_birth", "5:protection_level", "6:file_reference", "7:barcode");
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.column()).isEqualTo("date_of_birth");
                assertThat(e.getMessage()).startsWith("baseline line 3, column date_of_birth: ")
                        .endsWith("(and 3 more problems)").doesNotContain("Geheimname").doesNotContain("31.02");
                assertThat(e.problems().get(2).reason()).isEqualTo("same file reference as line 2");
            });
            assertThatThrownBy(() -> o.lift.inventory().checkBaseline(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(InvalidBaselineException.class, e -> assertThat(e.problems()).hasSize(4));
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.storage.content().list("inventory", Optional.empty(), 10).items()).isEmpty();
        }

        @Test
        @DisplayName("checks a good file without storing or journaling anything, and returns what an import would")
        void checkOnly() {
            String csv = HEADER + row("AZ-1", "", 1) + row("AZ-2", "", 2);
            long before = o.journalLength();

            List<BaselineEntry> checked = o.lift.inventory().checkBaseline(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

            assertThat(checked).extracting(BaselineEntry::line).containsExactly(2, 3);
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.storage.content().list("inventory", Optional.empty(), 10).items()).isEmpty();
            importCsv(csv);
            assertThat(o.lift.inventory().baseline()).isEqualTo(checked);
        }

        @ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.MethodSource("badFiles")
        @DisplayName("rejects a bad file whole, naming line and column, and stores nothing")
        void rejects(String what, String csv, int line, String column) {
            String text = csv;
            long before = o.journalLength();
            assertThatThrownBy(() -> importCsv(text)).isInstanceOfSatisfying(InvalidBaselineException.class, e -> {
                assertThat(e.line()).as(what).isEqualTo(line);
                assertThat(e.column()).as(what).isEqualTo(column);
            });
            assertThat(o.journalLength()).isEqualTo(before);
            assertThat(o.storage.content().list("inventory", Optional.empty(), 10).items()).isEmpty();
            assertThat(o.lift.inventory().baseline()).isEmpty();
        }
    }

    @Test
    @DisplayName("reconciliation holds the baseline against registered, received, captured and imported files")
    void reconciliation() {
        Barcode labelled = o.lift.policies().caseFileBarcodes().generate(900);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 6; i++) {
            csv.append(row("AZ-" + i, i == 5 ? labelled.value() : "", i));
        }
        importCsv(csv.toString());
        assertThat(o.lift.inventory().reconcile().notRegistered()).hasSize(6);

        Barcode[] f = new Barcode[6];
        for (int i = 1; i <= 5; i++) {
            f[i] = o.nextFileBarcode();
            o.lift.execute(o.clerk, new RegisterCaseFile(f[i], FileReference.of("AZ-" + i), Office.subject(i),
                    ProtectionLevel.NORMAL));
        }
        Barcode stray = o.nextFileBarcode();
        o.lift.execute(o.clerk, new RegisterCaseFile(stray, FileReference.of("AZ-99"), Office.subject(99),
                ProtectionLevel.NORMAL));
        o.lift.execute(o.clerk, new RegisterTransfer(o.nextFileBarcode(), FileReference.of("AZ-T"), Office.subject(7),
                ProtectionLevel.NORMAL, "Stadt X", LocalDate.of(2026, 3, 1)));
        Barcode box = o.ship(List.of(f[1], f[2], f[3]));
        o.receive(box, java.util.Set.of(f[1], f[2], f[3]));

        Reconciliation r = o.lift.inventory().reconcile();
        assertThat(r.expected()).isEqualTo(6);
        assertThat(r.registered()).isEqualTo(5);
        assertThat(r.received()).isEqualTo(3);
        assertThat(r.captured()).isZero();
        assertThat(r.imported()).isZero();
        assertThat(r.notRegistered()).containsExactly(FileReference.of("AZ-6"));
        assertThat(r.unexpected()).as("transfers are not part of the bulk baseline").containsExactly(stray);
        assertThat(r.barcodeMismatch()).containsExactly(FileReference.of("AZ-5"));
    }

    @Test
    @DisplayName("issued barcodes never repeat, fit their scheme, and continue after a restart")
    void issuing() {
        List<Barcode> first = o.lift.inventory().issueCaseFileBarcodes(o.clerk, 3);
        List<Barcode> second = o.lift.inventory().issueCaseFileBarcodes(o.clerk, 2);
        List<Barcode> boxes = o.lift.inventory().issueBoxBarcodes(o.clerk, 2);
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first).allMatch(o.lift.policies().caseFileBarcodes()::accepts);
        assertThat(boxes).allMatch(o.lift.policies().boxBarcodes()::accepts);
        assertThat(second.get(0)).isEqualTo(o.lift.policies().caseFileBarcodes().generate(4));
        try (Aktenlift again = o.reopen()) {
            assertThat(again.inventory().issueCaseFileBarcodes(o.clerk, 1))
                    .containsExactly(o.lift.policies().caseFileBarcodes().generate(6));
        }
        assertThatThrownBy(() -> o.lift.inventory().issueBoxBarcodes(o.clerk, 0)).isInstanceOf(InvalidValueException.class);
        // a pre-printed label of the same scheme, registered without being issued here, is never issued again
        Barcode preprinted = o.lift.policies().caseFileBarcodes().generate(500);
        o.lift.execute(o.clerk, new RegisterCaseFile(preprinted, FileReference.of("AZ-500"), Office.subject(500),
                ProtectionLevel.NORMAL));
        assertThat(o.lift.inventory().issueCaseFileBarcodes(o.clerk, 1))
                .containsExactly(o.lift.policies().caseFileBarcodes().generate(501));
        o.lift.execute(o.clerk, new RegisterCaseFile(first.get(0), FileReference.of("AZ-1"), Office.subject(1),
                ProtectionLevel.NORMAL));
        assertThat(o.lift.tracking().whereIs(first.get(0)).orElseThrow().state()).isEqualTo(CaseFileState.REGISTERED);
        assertThat(o.storage.capabilities()).doesNotContain(StorageCapability.DURABLE);
        assertThat(o.storage.logs().length(Key.of("journal/events"))).as("5 issue ranges, 2 registrations").isEqualTo(7);
    }
}
