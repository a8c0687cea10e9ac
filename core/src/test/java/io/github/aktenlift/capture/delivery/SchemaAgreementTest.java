package io.github.aktenlift.capture.delivery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.capture.InvalidDeliveryException;
import io.github.aktenlift.delivery.DeliveryIndexWriter;
import io.github.aktenlift.delivery.ScanDelivery;
import io.github.aktenlift.lifecycle.CommandValidator;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON Schema and the one reader of {@code index.json} hold each other to account:
 * every delivery index the project shows or makes (the example in {@code docs/delivery-format.md},
 * the synthetic deliveries of the testkit, the output of {@link DeliveryIndexWriter}) and a variant
 * of a good index for every field removed, given another type, given an out-of-range value or
 * joined by an unknown field, must be judged alike by a real JSON Schema validator and by the
 * reader. The few rules JSON Schema cannot express are listed in {@link #beyondTheSchema()}: the
 * reader alone refuses those, and the test proves it does.
 */
@DisplayName("The delivery index's JSON Schema and its reader agree")
class SchemaAgreementTest {

    private static final Path ROOT = findRoot();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static JsonSchema published;
    private static JsonSchema shipped;

    @TempDir
    static Path tmp;

    private final IndexReader reader = new IndexReader(CapturePolicy.defaults(), new CommandValidator(Clock.systemUTC()));
    private int folders;

    @BeforeAll
    static void loadSchemas() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = Files.newInputStream(ROOT.resolve("docs/delivery-index.schema.json"))) {
            published = factory.getSchema(in);
        }
        try (InputStream in = SchemaAgreementTest.class.getResourceAsStream(
                "/io/github/aktenlift/capture/delivery-index.schema.json")) {
            shipped = factory.getSchema(in);
        }
    }

    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/delivery-index.schema.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("docs/delivery-index.schema.json not found above the working directory");
    }

    @Test
    @DisplayName("the schema in docs/ and the one shipped inside aktenlift-core are the same file")
    void oneSchema() throws IOException {
        try (InputStream in = SchemaAgreementTest.class.getResourceAsStream(
                "/io/github/aktenlift/capture/delivery-index.schema.json")) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(ROOT.resolve("docs/delivery-index.schema.json")));
        }
    }

    @Test
    @DisplayName("a document without a date (an optional field left out) is valid for both: the reader does not fail the delivery")
    void dateLeftOut() throws IOException {
        ObjectNode index = good();
        ((ObjectNode) index.at("/caseFiles/0/documents/0")).remove("date");
        String text = JSON.writeValueAsString(index);

        assertThat(schemaSays(text)).as("schema").isEmpty();
        IndexListing listing = reader.read(folderWith(text));
        assertThat(listing.caseFiles()).singleElement().satisfies(c -> {
            assertThat(c.problems()).isEmpty();
            assertThat(c.entry().documents().get(0).date()).isNull();
        });
    }

    @TestFactory
    @DisplayName("every index the project shows or makes is valid for both")
    Stream<DynamicTest> examplesAndFixtures() throws IOException {
        Map<String, String> indexes = new LinkedHashMap<>();
        indexes.put("docs/delivery-format.md example", docsExample());
        for (DeliverySpec.Formats formats : DeliverySpec.Formats.values()) {
            for (boolean duplex : new boolean[] {true, false}) {
                Delivery d = ScanGenerator.writeDelivery(tmp.resolve("gen-" + formats + "-" + duplex),
                        DeliverySpec.builder().deliveryId("D-" + formats).geometry(PageGeometry.a4(100)).seed(7)
                                .barcodes(List.of("F00000001Y", "F00000002C")).formats(formats).duplex(duplex)
                                .documentsPerFile(1, 3).sheetsPerDocument(1, 2).build());
                indexes.put("testkit " + formats + (duplex ? " duplex" : " simplex"), Files.readString(d.index()));
            }
            DeliverySpec.Ocr ocr = formats == DeliverySpec.Formats.G4 ? DeliverySpec.Ocr.HOCR : DeliverySpec.Ocr.ALTO;
            Delivery withOcr = ScanGenerator.writeDelivery(tmp.resolve("gen-" + formats + "-ocr"),
                    DeliverySpec.builder().deliveryId("D-" + formats).geometry(PageGeometry.a4(100)).seed(7)
                            .barcodes(List.of("F00000001Y")).formats(formats).documentsPerFile(1, 1)
                            .sheetsPerDocument(1, 1).ocr(ocr).build());
            indexes.put("testkit " + formats + " with " + ocr, Files.readString(withOcr.index()));
        }
        indexes.put("DeliveryIndexWriter", new String(DeliveryIndexWriter.toJson(written()), StandardCharsets.UTF_8));
        return indexes.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(schemaSays(e.getValue())).as("schema's findings").isEmpty();
            assertThat(readerSays(e.getValue())).as("reader's findings").isEmpty();
        }));
    }

    @TestFactory
    @DisplayName("every field removed, given another type or value, or joined by an unknown one: both judge alike")
    Stream<DynamicTest> mutations() {
        ObjectNode base = good();
        List<DynamicTest> tests = new ArrayList<>();
        for (String pointer : pointers(base, "")) {
            JsonNode value = base.at(pointer);
            for (Map.Entry<String, JsonNode> m : replacements(value).entrySet()) {
                ObjectNode mutated = base.deepCopy();
                set(mutated, pointer, m.getValue());
                tests.add(agree(pointer + " " + m.getKey(), mutated));
            }
            if (!pointer.matches(".*/[0-9]+")) {
                ObjectNode mutated = base.deepCopy();
                remove(mutated, pointer);
                tests.add(agree(pointer + " removed", mutated));
            }
            if (value.isObject()) {
                ObjectNode mutated = base.deepCopy();
                ((ObjectNode) mutated.at(pointer)).put("surprise", 1);
                tests.add(agree(pointer + " with an unknown field", mutated));
            }
        }
        return tests.stream();
    }

    @Test
    @DisplayName("what JSON Schema cannot say is refused by the reader alone: an impossible date or time, a key given twice, a whole number written as 1.0")
    void beyondTheSchema() throws IOException {
        ObjectNode date = good();
        ((ObjectNode) date.at("/caseFiles/0/documents/0")).put("date", "2024-02-30");
        ObjectNode time = good();
        ((ObjectNode) time.at("/caseFiles/0")).put("scannedAt", "2026-03-04T24:00:00Z");
        String twice = JSON.writeValueAsString(good()).replaceFirst("\"sheets\":", "\"sheets\":1,\"sheets\":");
        String fraction = JSON.writeValueAsString(good()).replaceFirst("\"sheets\":1", "\"sheets\":1.0");
        List<String> texts = List.of(JSON.writeValueAsString(date), JSON.writeValueAsString(time), twice, fraction);
        for (String text : texts) {
            assertThat(readerSays(text)).as("reader").isNotEmpty();
            // the schema says "must exist" in words only; a parser keeps the last of two keys; and JSON
            // Schema counts 1.0 as an integer (its numbers are values, not texts)
            assertThat(schemaSays(text)).as("schema").isEmpty();
        }
    }

    private DynamicTest agree(String name, JsonNode index) {
        return DynamicTest.dynamicTest(name, () -> {
            String text = JSON.writeValueAsString(index);
            List<String> schema = schemaSays(text);
            List<String> read = readerSays(text);
            assertThat(read.isEmpty()).as("reader (%s) and schema (%s) agree on %s", read, schema, name)
                    .isEqualTo(schema.isEmpty());
        });
    }

    /** @return what the published and the shipped schema find, one list (they are one file) */
    private static List<String> schemaSays(String text) throws IOException {
        JsonNode node = JSON.readTree(text);
        Set<ValidationMessage> found = published.validate(node);
        assertThat(shipped.validate(node).isEmpty()).isEqualTo(found.isEmpty());
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** @return what the reader finds: the delivery refused, or problems of case files */
    private List<String> readerSays(String text) throws IOException {
        try {
            IndexListing listing = reader.read(folderWith(text));
            return listing.caseFiles().stream().flatMap(c -> c.problems().stream()).map(p -> p.detail()).toList();
        } catch (InvalidDeliveryException e) {
            return List.of(e.getMessage());
        }
    }

    private Path folderWith(String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("index-" + (folders++)));
        Files.writeString(dir.resolve("index.json"), text, StandardCharsets.UTF_8);
        return dir;
    }

    /** A good index with one of every field, two pages and the optional date given. */
    private static ObjectNode good() {
        try {
            return (ObjectNode) JSON.readTree(DeliveryIndexWriter.toJson(written()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ScanDelivery written() {
        String sha = "9f8c".repeat(16);
        return new ScanDelivery("D-2026-0001", "scan-service-1", Instant.parse("2026-03-04T10:00:00Z"), List.of(
                new ScanDelivery.CaseFile("F000000017X", 1, "op-4", Instant.parse("2026-03-04T09:12:00Z"),
                        new ScanDelivery.Scanner("Fujitsu fi-7900", 300, ScanDelivery.ColorMode.MIXED, true),
                        List.of(new ScanDelivery.Document("doc-1", "APPLICATION", LocalDate.parse("2024-05-01"), false,
                                List.of(ScanDelivery.Page.front("F000000017X/doc-1/p0001.jpg", sha, 1, 300,
                                                ScanDelivery.PageColor.GRAYSCALE).withOcr(new ScanDelivery.Ocr(
                                                "F000000017X/doc-1/p0001.alto.xml", sha.replace('9', '2'),
                                                ScanDelivery.OcrFormat.ALTO)),
                                        new ScanDelivery.Page("F000000017X/doc-1/p0002.tif", sha.replace('9', '1'), 1,
                                                ScanDelivery.Side.BACK, true, 300, ScanDelivery.PageColor.BITONAL)))))));
    }

    /** The first ```json block of docs/delivery-format.md. */
    private static String docsExample() throws IOException {
        String md = Files.readString(ROOT.resolve("docs/delivery-format.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(md);
        assertThat(m.find()).as("a JSON example in docs/delivery-format.md").isTrue();
        return m.group(1);
    }

    /** Every value's JSON pointer, depth first, the root excluded. */
    private static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                out.add(at + "/" + name);
                out.addAll(pointers(node.get(name), at + "/" + name));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(pointers(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    /** Values of another type, and values of the same type that break a rule or stretch one. */
    private static Map<String, JsonNode> replacements(JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("as null", f.nullNode());
        if (!value.isTextual()) {
            out.put("as a string", f.textNode("7"));
        } else {
            out.put("empty", f.textNode(""));
            out.put("as a number", f.numberNode(7));
            out.put("with a control character", f.textNode(value.asText() + "\u0001x"));
            out.put("lower-cased", f.textNode(value.asText().toLowerCase()));
            out.put("101 characters long", f.textNode("A".repeat(101)));
        }
        if (!value.isNumber()) {
            out.put("as a number", f.numberNode(7));
        } else {
            out.put("as zero", f.numberNode(0));
            out.put("as 49", f.numberNode(49));
            out.put("as 2401", f.numberNode(2401));
            out.put("as 100001", f.numberNode(100_001));
            out.put("as a fraction", f.numberNode(1.5));
            out.put("beyond an int", f.numberNode(1L << 40));
        }
        if (!value.isBoolean()) {
            out.put("as true", f.booleanNode(true));
        }
        if (!value.isArray()) {
            out.put("as an array", f.arrayNode());
        } else {
            out.put("empty", f.arrayNode());
        }
        if (!value.isObject()) {
            out.put("as an object", f.objectNode());
        }
        return out;
    }

    private static void set(ObjectNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(ObjectNode root, String pointer) {
        int cut = pointer.lastIndexOf('/');
        ((ObjectNode) root.at(pointer.substring(0, cut))).remove(pointer.substring(cut + 1));
    }
}
