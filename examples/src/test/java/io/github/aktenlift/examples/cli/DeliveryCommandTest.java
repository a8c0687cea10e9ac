package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift delivery: the scan service's tools")
class DeliveryCommandTest {

    private static final BarcodeScheme SCHEME = BarcodeScheme.defaultCaseFiles();

    @TempDir
    Path tmp;

    private Delivery generate(String id, boolean duplex, ScanFault fault) throws IOException {
        List<String> barcodes = List.of(SCHEME.generate(1).value(), SCHEME.generate(2).value());
        DeliverySpec.Builder spec = DeliverySpec.builder().deliveryId(id).geometry(PageGeometry.a4(200)).seed(11)
                .barcodes(barcodes).formats(DeliverySpec.Formats.MIXED).duplex(duplex).documentsPerFile(1, 2)
                .sheetsPerDocument(1, 2);
        if (fault != null) {
            spec.fault(fault, barcodes.get(1), 1);
        }
        return ScanGenerator.writeDelivery(tmp.resolve(id), spec.build());
    }

    @Nested
    @DisplayName("check")
    class Check {

        @Test
        @DisplayName("a good delivery: exit 0 and a clean summary, in text and JSON")
        void clean() throws IOException {
            Delivery d = generate("D-OK", true, null);

            Cli.Run run = Cli.run("delivery", "check", d.directory().toString());
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).contains("delivery D-OK: clean; 2 case file(s), " + d.pages() + " page(s)");
            assertThat(run.err()).isEmpty();

            JsonNode json = Cli.run("delivery", "check", d.directory().toString(), "--json").json();
            assertThat(json.get("clean").asBoolean()).isTrue();
            assertThat(json.get("pages").asInt()).isEqualTo(d.pages());
            assertThat(json.get("findings")).isEmpty();
        }

        @Test
        @DisplayName("a page whose bytes differ from the index's hash: exit 1, a line naming case file, document, page and kind, and not a byte changed")
        void problem() throws IOException {
            Delivery d = generate("D-BAD", true, ScanFault.HASH_MISMATCH);
            Map<String, String> before = tree(d.directory());
            String bad = SCHEME.generate(2).value();

            Cli.Run run = Cli.run("delivery", "check", d.directory().toString());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).containsPattern(bad + " document doc-1 page " + bad + "/doc-1/p0001\\.(jpg|tif): "
                    + "HASH_MISMATCH: index says [0-9a-f]{64}, file has [0-9a-f]{64}");
            assertThat(run.out()).contains("delivery D-BAD: 1 problem(s) in 1 case file(s), which capture would reject");
            assertThat(tree(d.directory())).isEqualTo(before);
            JsonNode finding = Cli.run("delivery", "check", d.directory().toString(), "--json").json().get("findings").get(0);
            assertThat(finding.get("caseFile").asText()).isEqualTo(bad);
            assertThat(finding.get("document").asText()).isEqualTo("doc-1");
            assertThat(finding.get("kind").asText()).isEqualTo("HASH_MISMATCH");
        }

        @Test
        @DisplayName("an index that is not JSON: exit 1 with the file and the place")
        void unreadableIndex() throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("d"));
            Files.writeString(dir.resolve("index.json"), "{ not json");

            Cli.Run run = Cli.run("delivery", "check", dir.toString());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).startsWith("index.json: is not valid JSON (line 1").contains("delivery cannot be read");
        }

        @Test
        @DisplayName("a folder that is not there, or an unknown option: exit 2 and one line, no stack trace")
        void usage() {
            Cli.Run missing = Cli.run("delivery", "check", tmp.resolve("nowhere").toString());
            assertThat(missing.exitCode()).as("%s", missing).isEqualTo(2);
            assertThat(missing.err().lines()).singleElement().asString()
                    .isEqualTo("aktenlift delivery check: delivery folder: does not exist or cannot be read");

            Cli.Run option = Cli.run("delivery", "check", tmp.toString(), "--bogus");
            assertThat(option.exitCode()).as("%s", option).isEqualTo(2);
            assertThat(option.err()).startsWith("aktenlift delivery check: Unknown option: '--bogus'")
                    .doesNotContain("Exception");
            Cli.Run none = Cli.run("delivery");
            assertThat(none.exitCode()).as("%s", none).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("index")
    class Index {

        /** The CSV of a generated delivery's case files and documents, and its index with the pages removed. */
        private String csvOf(JsonNode index) {
            StringBuilder b = new StringBuilder(String.join(",", DeliveryIndexCommand.COLUMNS)).append('\n');
            for (JsonNode c : index.get("caseFiles")) {
                JsonNode s = c.get("scanner");
                for (JsonNode d : c.get("documents")) {
                    b.append(String.join(",", c.get("barcode").asText(), c.get("operator").asText(),
                            c.get("scannedAt").asText(), "\"" + s.get("model").asText().replace("\"", "\"\"") + "\"",
                            s.get("settings").get("resolutionDpi").asText(), s.get("settings").get("colorMode").asText(),
                            s.get("settings").get("duplex").asText(), d.get("documentId").asText(), d.get("type").asText(),
                            d.get("date").asText(), d.get("originalToReturn").asText())).append('\n');
                }
            }
            return b.toString();
        }

        @Test
        @DisplayName("from page images and a CSV: the same index the scan service would have written by hand, and a clean check")
        void builds() throws IOException {
            Delivery d = generate("D-IDX", false, null);
            JsonNode expected = Json.MAPPER.readTree(d.index().toFile());
            Path csv = tmp.resolve("documents.csv");
            Files.writeString(csv, csvOf(expected));
            Files.delete(d.index());

            Cli.Run run = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString(),
                    "--scan-service", expected.get("scanService").asText(),
                    "--created-at", expected.get("createdAt").asText());

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).contains("delivery D-IDX, 2 case file(s), " + d.pages() + " page(s)");
            assertThat(Json.MAPPER.readTree(d.index().toFile())).isEqualTo(expected);
            try (Stream<Path> files = Files.list(d.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
            Cli.Run check = Cli.run("delivery", "check", d.directory().toString());
            assertThat(check.exitCode()).as("%s", check).isZero();
        }

        @Test
        @DisplayName("a duplex scan: files named -back are the backs of the sheets before them")
        void backs() throws IOException {
            Delivery d = generate("D-DUPLEX", true, null);
            JsonNode generated = Json.MAPPER.readTree(d.index().toFile());
            // name every back page's file as the convention asks, and list it so in the expected index
            for (JsonNode c : generated.get("caseFiles")) {
                for (JsonNode doc : c.get("documents")) {
                    for (JsonNode p : doc.get("pages")) {
                        if (p.get("side").asText().equals("BACK")) {
                            String file = p.get("file").asText();
                            String renamed = file.replaceFirst("(\\.[a-z]+)$", "-back$1");
                            Files.move(d.directory().resolve(file), d.directory().resolve(renamed));
                            ((ObjectNode) p).put("file", renamed).put("blank", false);
                        }
                    }
                }
            }
            Path csv = tmp.resolve("documents.csv");
            Files.writeString(csv, csvOf(generated));
            Files.delete(d.index());

            Cli.Run run = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString(),
                    "--created-at", generated.get("createdAt").asText(),
                    "--scan-service", generated.get("scanService").asText());

            assertThat(run.exitCode()).as("%s", run).isZero();
            JsonNode built = Json.MAPPER.readTree(d.index().toFile());
            assertThat(built.findValuesAsText("side")).contains("BACK");
            Cli.Run check = Cli.run("delivery", "check", d.directory().toString());
            assertThat(check.exitCode()).as("%s", check).isZero();
        }

        @Test
        @DisplayName("a bad CSV: every bad line named with its number and field, exit 2, and nothing written")
        void badCsv() throws IOException {
            Delivery d = generate("D-CSV", false, null);
            JsonNode expected = Json.MAPPER.readTree(d.index().toFile());
            String[] lines = csvOf(expected).split("\n");
            lines[1] = lines[1].replaceFirst(",(true|false),([^,]*),([^,]*),[0-9-]{10},", ",$1,$2,$3,2024-02-30,");
            lines[2] = lines[2].replaceFirst(",(true|false)$", ",maybe");
            Path csv = tmp.resolve("documents.csv");
            Files.writeString(csv, String.join("\n", lines) + "\n");
            Files.delete(d.index());

            Cli.Run run = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.err()).contains("aktenlift delivery index: line 2, field date: must be an existing ISO-8601 date")
                    .contains("aktenlift delivery index: line 3, field originalToReturn: must be true or false")
                    .contains("nothing written").doesNotContain("Exception");
            assertThat(d.index()).doesNotExist();
            try (Stream<Path> files = Files.list(d.directory())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }

        @Test
        @DisplayName("a document folder no CSV line lists: named, exit 2, nothing written (capture would refuse its pages as extra files)")
        void unlistedFolder() throws IOException {
            Delivery d = generate("D-EXTRA", false, null);
            JsonNode expected = Json.MAPPER.readTree(d.index().toFile());
            Path csv = tmp.resolve("documents.csv");
            Files.writeString(csv, csvOf(expected));
            Files.delete(d.index());
            String barcode = SCHEME.generate(1).value();
            Path extra = Files.createDirectories(d.directory().resolve(barcode).resolve("doc-9"));
            Files.copy(d.files().get(0), extra.resolve("p0001" + d.files().get(0).getFileName().toString()
                    .replaceFirst("^[^.]*", "")));

            Cli.Run run = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString());

            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.err()).contains(", field documentId: " + barcode + "/doc-9 is in the delivery folder but no CSV"
                    + " line lists it");
            assertThat(d.index()).doesNotExist();
        }

        @Test
        @DisplayName("a CSV without a column, or an existing index without --force: exit 2, the existing index untouched")
        void refusals() throws IOException {
            Delivery d = generate("D-KEEP", false, null);
            byte[] index = Files.readAllBytes(d.index());
            Path csv = tmp.resolve("documents.csv");
            Files.writeString(csv, "barcode,operator\nF1,op\n");

            Cli.Run exists = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString());
            assertThat(exists.exitCode()).as("%s", exists).isEqualTo(2);
            assertThat(exists.err().lines()).singleElement().asString().contains("exists already; nothing written");

            Cli.Run columns = Cli.run("delivery", "index", d.directory().toString(), "--case-files", csv.toString(),
                    "--force");
            assertThat(columns.exitCode()).as("%s", columns).isEqualTo(2);
            assertThat(columns.err()).contains("line 1: column scannedAt is missing");
            assertThat(Files.readAllBytes(d.index())).isEqualTo(index);
        }
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? sha256(Files.readAllBytes(p))
                        + "@" + Files.getLastModifiedTime(p).toMillis() : "dir");
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
