package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.InjectedFault;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanFault;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("aktenlift ingest")
class IngestCommandTest {

    @TempDir
    Path tmp;

    private Path workspace;
    private List<Barcode> files;

    /** A workspace with five case files prepared for scanning. */
    @BeforeEach
    void prepare() {
        workspace = tmp.resolve("w");
        files = Cli.preparedWorkspace(workspace, Cli.NOW.minusSeconds(86_400), 5);
    }

    private Delivery delivery(String id, Map<Barcode, ScanFault> faults) throws IOException {
        DeliverySpec.Builder spec = DeliverySpec.builder().deliveryId(id).geometry(PageGeometry.a4(200)).seed(3)
                .barcodes(files.stream().map(Barcode::value).toList()).documentsPerFile(1, 2).sheetsPerDocument(1, 2)
                .formats(DeliverySpec.Formats.MIXED);
        faults.forEach((f, fault) -> spec.fault(fault, f.value(), 1));
        return ScanGenerator.writeDelivery(tmp.resolve(id), spec.build());
    }

    private JsonNode states() {
        Cli.Run status = Cli.run("status", "--dir", workspace.toString(), "--json");
        assertThat(status.exitCode()).as("%s", status).isZero();
        return status.json().get("caseFilesPerState");
    }

    @Test
    @DisplayName("of a delivery with faults names each by case file and page, exits 1, and captures the others")
    void faults() throws IOException {
        Delivery d = delivery("D-F", Map.of(files.get(0), ScanFault.TRUNCATED_IMAGE,
                files.get(2), ScanFault.HASH_MISMATCH, files.get(4), ScanFault.EXTRA_PAGE));

        Cli.Run run = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains("delivery D-F: 5 case files, 2 captured", "3 rejected");
        Map<ScanFault, String> kind = Map.of(ScanFault.TRUNCATED_IMAGE, "TRUNCATED_IMAGE",
                ScanFault.HASH_MISMATCH, "HASH_MISMATCH", ScanFault.EXTRA_PAGE, "EXTRA_FILE");
        assertThat(d.faults()).hasSize(3);
        for (InjectedFault f : d.faults()) {
            assertThat(run.out()).contains(f.barcode() + " rejected")
                    .containsPattern(kind.get(f.fault()) + " +page " + java.util.regex.Pattern.quote(f.file()));
        }
        JsonNode states = states();
        assertThat(states.get("PREPARED").asInt()).as("the rejected case files wait for a rescan").isEqualTo(3);
        assertThat(states.get("CAPTURED").asInt() + states.get("VERIFIED").asInt()).isEqualTo(2);
        Cli.Run history = Cli.run("history", files.get(1).value(), "--dir", workspace.toString());
        assertThat(history.out()).contains("CAPTURED").contains("delivery=D-F");
    }

    @Test
    @DisplayName("hands the good case files of a delivery with faults to the procedure; once it answers, they are imported")
    void faultsThenImported() throws IOException {
        Delivery d = delivery("D-I", Map.of(files.get(1), ScanFault.TRUNCATED_IMAGE));

        Cli.Run run = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.REJECTED);
        assertThat(run.out()).contains(files.get(1) + " rejected").containsPattern("TRUNCATED_IMAGE +page ");
        JsonNode before = states();
        int verified = before.path("VERIFIED").asInt();
        int sampled = before.path("CAPTURED").asInt();
        assertThat(verified + sampled).isEqualTo(4);
        assertThat(verified).as("the visual sample holds back only some").isPositive();
        assertThat(run.out()).contains("import: 0 imported, " + verified + " pending");

        HotfolderFarSide.Answers answers = new HotfolderFarSide(workspace.resolve(Workspace.HOTFOLDER),
                Clock.fixed(Cli.NOW, ZoneOffset.UTC)).answer(Set.of());
        assertThat(answers.accepted()).isEqualTo(verified);

        Cli.Run imported = Cli.run("import", "--dir", workspace.toString());
        assertThat(imported.exitCode()).as("%s", imported).isZero();
        assertThat(imported.out()).contains("import: " + verified + " imported, 0 pending, 0 rejected");
        JsonNode after = states();
        assertThat(after.path("IMPORTED").asInt()).isEqualTo(verified);
        assertThat(after.path("PREPARED").asInt()).as("the rejected case file waits for its rescan").isEqualTo(1);

        Cli.Run again = Cli.run("import", "--dir", workspace.toString(), "--json");
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.json().get("results").size()).as("nothing handed over twice").isZero();
    }

    @Test
    @DisplayName("--json lists the captured case files with renditions and the rejected ones with their problems")
    void json() throws IOException {
        Delivery d = delivery("D-J", Map.of(files.get(3), ScanFault.ZERO_BYTES));

        Cli.Run run = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString(), "--json");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.REJECTED);
        JsonNode report = run.json();
        assertThat(report.get("deliveryId").asText()).isEqualTo("D-J");
        List<String> captured = new ArrayList<>();
        report.get("captured").forEach(c -> {
            captured.add(c.get("barcode").asText());
            assertThat(c.get("renditions").size()).isPositive();
        });
        assertThat(captured).containsExactlyInAnyOrder(files.get(0).value(), files.get(1).value(),
                files.get(2).value(), files.get(4).value());
        JsonNode rejected = report.get("rejected").get(0);
        assertThat(rejected.get("barcode").asText()).isEqualTo(files.get(3).value());
        assertThat(rejected.get("problems").get(0).get("kind").asText()).isEqualTo("EMPTY_FILE");
        assertThat(rejected.get("problems").get(0).get("page").asText()).isEqualTo(d.faults().get(0).file());
    }

    @Test
    @DisplayName("of a clean delivery exits 0; the same delivery again says already captured, exits 0 and changes nothing")
    void replay() throws IOException {
        Delivery d = delivery("D-C", Map.of());
        Cli.Run first = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString());
        assertThat(first.exitCode()).as("%s", first).isZero();
        long events = Cli.run("verify", "--dir", workspace.toString(), "--json").json().get("events").asLong();

        Cli.Run again = Cli.run("ingest", d.directory().toString(), "--dir", workspace.toString());

        assertThat(again.exitCode()).as("%s", again).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("0 captured", "5 already captured", "0 rejected").doesNotContain("WRONG_STATE");
        assertThat(Cli.run("verify", "--dir", workspace.toString(), "--json").json().get("events").asLong())
                .isEqualTo(events);
    }

    @Test
    @DisplayName("of a folder that does not exist is an input error: exit 2, one line, no stack trace")
    void missingFolder() {
        Cli.Run run = Cli.run("ingest", tmp.resolve("nowhere").toString(), "--dir", workspace.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("aktenlift ingest: delivery folder: does not exist or cannot be read");
        assertThat(run.out()).isEmpty();
    }
}
