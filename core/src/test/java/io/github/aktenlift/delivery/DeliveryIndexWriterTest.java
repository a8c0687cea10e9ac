package io.github.aktenlift.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.github.aktenlift.InvalidValueException;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.delivery.CaseFileEntry;
import io.github.aktenlift.capture.delivery.DeliveryIndex;
import io.github.aktenlift.capture.delivery.IndexListing;
import io.github.aktenlift.capture.delivery.IndexReader;
import io.github.aktenlift.lifecycle.CommandValidator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Writing a delivery index without hand-made JSON")
class DeliveryIndexWriterTest {

    private static final String SHA = "0123456789abcdef".repeat(4);

    @TempDir
    Path tmp;

    private final IndexReader reader = new IndexReader(CapturePolicy.defaults(), new CommandValidator(Clock.systemUTC()));

    private static ScanDelivery.Page page(String file, int sheet, ScanDelivery.Side side) {
        return new ScanDelivery.Page(file, SHA, sheet, side, side == ScanDelivery.Side.BACK, 300,
                ScanDelivery.PageColor.BITONAL);
    }

    private static ScanDelivery delivery(LocalDate date) {
        ScanDelivery.Scanner scanner = new ScanDelivery.Scanner("Kodak i4250", 300, ScanDelivery.ColorMode.BITONAL, true);
        return new ScanDelivery("D-2026-0042", "scan:service@1", Instant.parse("2026-03-04T10:00:00.123456789Z"), List.of(
                new ScanDelivery.CaseFile("F000000017X", 2, "op-4", Instant.parse("2026-03-04T09:12:00Z"), scanner,
                        List.of(new ScanDelivery.Document("doc-1", "APPLICATION", date, true,
                                        List.of(page("F000000017X/doc-1/p1.tif", 1, ScanDelivery.Side.FRONT),
                                                page("F000000017X/doc-1/p2.tif", 1, ScanDelivery.Side.BACK))),
                                new ScanDelivery.Document("doc-2", "LETTER", null, false,
                                        List.of(page("F000000017X/doc-2/p1.tif#2", 2, ScanDelivery.Side.FRONT))))),
                new ScanDelivery.CaseFile("F000000025Q", 1, "op-5", Instant.parse("0001-01-01T00:00:00Z"), scanner,
                        List.of(new ScanDelivery.Document("d.1_x", "OTHER", LocalDate.parse("9999-12-31"), false,
                                List.of(page("F000000025Q/ä ö/p 1.tif", 1, ScanDelivery.Side.FRONT)))))));
    }

    /** What the reader read, turned back into the public values. */
    private static ScanDelivery fromReader(DeliveryIndex index) {
        return new ScanDelivery(index.deliveryId(), index.scanService(), Instant.parse(index.createdAt()),
                index.caseFiles().stream().map(DeliveryIndexWriterTest::caseFile).toList());
    }

    private static ScanDelivery.CaseFile caseFile(CaseFileEntry c) {
        return new ScanDelivery.CaseFile(c.barcode(), c.sheets(), c.operator(), Instant.parse(c.scannedAt()),
                new ScanDelivery.Scanner(c.scanner().model(), c.scanner().settings().resolutionDpi(),
                        ScanDelivery.ColorMode.valueOf(c.scanner().settings().colorMode()), c.scanner().settings().duplex()),
                c.documents().stream().map(d -> new ScanDelivery.Document(d.documentId(), d.type(),
                        d.date() == null ? null : LocalDate.parse(d.date()), d.originalToReturn(),
                        d.pages().stream().map(p -> new ScanDelivery.Page(p.file(), p.sha256(), p.sheet(),
                                ScanDelivery.Side.valueOf(p.side()), p.blank(), p.resolutionDpi(),
                                ScanDelivery.PageColor.valueOf(p.colorMode()))).toList())).toList());
    }

    private IndexListing writeAndRead(ScanDelivery d) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(d.deliveryId() + "-" + System.nanoTime()));
        try (var out = Files.newOutputStream(dir.resolve("index.json"))) {
            DeliveryIndexWriter.write(d, out);
        }
        return reader.read(dir);
    }

    @Test
    @DisplayName("what is written is read back equal, by capture's reader, without a problem")
    void roundTrip() throws IOException {
        for (ScanDelivery d : List.of(delivery(LocalDate.parse("2024-05-01")), delivery(null))) {
            IndexListing read = writeAndRead(d);

            assertThat(read.caseFiles()).allSatisfy(c -> assertThat(c.problems()).isEmpty());
            assertThat(fromReader(read.index())).isEqualTo(d);
        }
    }

    @Test
    @DisplayName("an unknown date is left out, not written as null, and the output is valid for the published JSON Schema")
    void schemaValid() throws IOException {
        byte[] json = DeliveryIndexWriter.toJson(delivery(null));
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("null")
                .contains("\"date\" : \"9999-12-31\"");
        try (InputStream schema = getClass().getResourceAsStream("/io/github/aktenlift/capture/delivery-index.schema.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(new ObjectMapper().readTree(json))).isEmpty();
        }
    }

    @Nested
    @DisplayName("a value that breaks a rule of the format")
    class Refused {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"barcode", "operator", "deliveryId", "scanner.model", "documentId", "type", "page.sha256",
            "page.file", "page.sheet", "sheets", "scanner.resolutionDpi", "createdAt", "date", "documents", "caseFiles"})
        @DisplayName("throws InvalidValueException naming the field, never quoting the value")
        void refused(String field) {
            String personal = "Mustermann";
            ScanDelivery.Scanner scanner = new ScanDelivery.Scanner("m", 300, ScanDelivery.ColorMode.COLOR, false);
            ScanDelivery.Page page = ScanDelivery.Page.front("F1X/d/p.jpg", SHA, 1, 300, ScanDelivery.PageColor.COLOR);
            ScanDelivery.Document doc = new ScanDelivery.Document("d", "T", null, false, List.of(page));
            ScanDelivery.CaseFile file = new ScanDelivery.CaseFile("F1X", 1, "op", Instant.EPOCH, scanner, List.of(doc));
            Supplier<Object> make = switch (field) {
                case "barcode" -> () -> new ScanDelivery.CaseFile(personal, 1, "op", Instant.EPOCH, scanner, List.of(doc));
                case "operator" -> () -> new ScanDelivery.CaseFile("F1X", 1, "Max " + personal, Instant.EPOCH, scanner,
                        List.of(doc));
                case "deliveryId" -> () -> new ScanDelivery("..", "s", Instant.EPOCH, List.of(file));
                case "scanner.model" -> () -> new ScanDelivery.Scanner(personal + "\n", 300, ScanDelivery.ColorMode.COLOR,
                        false);
                case "documentId" -> () -> new ScanDelivery.Document(personal + "/1", "T", null, false, List.of(page));
                case "type" -> () -> new ScanDelivery.Document("d", personal, null, false, List.of(page));
                case "page.sha256" -> () -> ScanDelivery.Page.front("p", SHA.toUpperCase(), 1, 300,
                        ScanDelivery.PageColor.COLOR);
                case "page.file" -> () -> ScanDelivery.Page.front(personal.repeat(60), SHA, 1, 300,
                        ScanDelivery.PageColor.COLOR);
                case "page.sheet" -> () -> ScanDelivery.Page.front("p", SHA, 0, 300, ScanDelivery.PageColor.COLOR);
                case "sheets" -> () -> new ScanDelivery.CaseFile("F1X", 100_001, "op", Instant.EPOCH, scanner,
                        List.of(doc));
                case "scanner.resolutionDpi" -> () -> new ScanDelivery.Scanner("m", 2401, ScanDelivery.ColorMode.COLOR,
                        false);
                case "createdAt" -> () -> new ScanDelivery("D", "s", Instant.parse("+10000-01-01T00:00:00Z"),
                        List.of(file));
                case "date" -> () -> new ScanDelivery.Document("d", "T", LocalDate.of(-1, 1, 1), false, List.of(page));
                case "documents" -> () -> new ScanDelivery.CaseFile("F1X", 1, "op", Instant.EPOCH, scanner, List.of());
                default -> () -> new ScanDelivery("D", "s", Instant.EPOCH, null);
            };
            assertThatThrownBy(make::get).isInstanceOfSatisfying(InvalidValueException.class, e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.getMessage()).doesNotContain(personal);
            });
        }
    }
}
