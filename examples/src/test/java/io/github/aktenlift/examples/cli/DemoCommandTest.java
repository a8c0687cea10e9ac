package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo, run once on 20 case files, and every workspace command on what it left behind. */
@DisplayName("aktenlift demo")
class DemoCommandTest {

    @TempDir
    static Path tmp;

    private static Path workspace;
    private static Cli.Run demo;

    @BeforeAll
    static void runDemo() {
        workspace = tmp.resolve("office");
        demo = Cli.run("demo", "--files", "20", "--dir", workspace.toString());
    }

    @Test
    @DisplayName("exits 0, reports the planted faults with their rescan, and ends with the status table")
    void statusTable() {
        assertThat(demo.exitCode()).as("%s", demo).isZero();
        assertThat(demo.out())
                .contains("registered, labels printed to labels/case-files.pdf", "received at the scan service",
                        "TRUNCATED_IMAGE", "HASH_MISMATCH", "MISSING_PAGE", "rescanned the rejected case files",
                        "imported into the e-files via the hotfolder (1 refused as locked, retried)",
                        "transfer from another authority registered", "urgent recall", "Status at")
                .containsPattern("REGISTERED +1\\b").containsPattern("MISSING +1\\b")
                .containsPattern("RETAINED +1\\b").containsPattern("RETURNED +1\\b")
                .containsPattern("DESTROYED +17\\b").containsPattern("total +21\\b")
                .containsPattern("journal +intact")
                .doesNotContain("Exception");
        assertThat(demo.err()).as("progress, not a terminal: one line per piece of work")
                .contains("register: 20/20 case files").doesNotContain("\r");
    }

    @Test
    @DisplayName("stores renditions, scan protocols and labels that veraPDF accepts as PDF/A-2b")
    void pdfsPassVeraPdf() throws IOException {
        List<String> checked = new ArrayList<>();
        try (FilesystemStorage storage = FilesystemStorage.open(workspace.resolve(Workspace.STORAGE))) {
            for (String prefix : List.of("renditions", "protocols")) {
                Optional<Key> after = Optional.empty();
                do {
                    ContentPage page = storage.content().list(prefix, after, 100);
                    for (ContentInfo item : page.items()) {
                        if (item.key().value().endsWith(".pdf")) {
                            try (InputStream in = storage.content().get(item.key())) {
                                PdfA.assertPdfA2b(in.readAllBytes(), item.key().value());
                            }
                            checked.add(item.key().value());
                        }
                    }
                    after = page.next();
                } while (after.isPresent());
            }
        }
        try (Stream<Path> labels = Files.list(workspace.resolve("labels"))) {
            for (Path pdf : labels.toList()) {
                PdfA.assertPdfA2b(Files.readAllBytes(pdf), pdf.toString());
                checked.add(pdf.getFileName().toString());
            }
        }
        assertThat(checked).as("renditions of 19 case files, their protocols, three label sheets")
                .filteredOn(k -> k.startsWith("protocols/")).hasSizeGreaterThanOrEqualTo(19);
        assertThat(checked).filteredOn(k -> k.startsWith("renditions/")).hasSizeGreaterThanOrEqualTo(19);
        assertThat(checked).contains("case-files.pdf", "boxes.pdf", "transfer.pdf");
    }

    @Test
    @DisplayName("leaves a journal that verify passes, in text and in JSON")
    void verifyPasses() {
        Cli.Run text = Cli.run("verify", "--dir", workspace.toString());
        assertThat(text.exitCode()).as("%s", text).isZero();
        assertThat(text.out()).startsWith("journal intact:");
        Cli.Run json = Cli.run("verify", "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode report = json.json();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("events").asLong()).isGreaterThan(200);
        assertThat(report.get("streams").asInt()).isEqualTo(21 + 1 + 1 + 1); // case files, box, pickup, inventory
    }

    @Test
    @DisplayName("status --json gives the same counts as the table, the missing file as overdue and as a discrepancy")
    void statusJson() {
        Cli.Run run = Cli.run("status", "--dir", workspace.toString(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode status = run.json();
        JsonNode states = status.get("caseFilesPerState");
        assertThat(states.get("DESTROYED").asInt()).isEqualTo(17);
        assertThat(states.get("MISSING").asInt()).isEqualTo(1);
        assertThat(status.get("caseFiles").asInt()).isEqualTo(21);
        assertThat(status.get("boxes").asInt()).isEqualTo(1);
        JsonNode missing = status.get("discrepancies").get(0);
        assertThat(missing.get("kind").asText()).isEqualTo("FILE_MISSING_AT_RECEIPT");
        assertThat(status.get("overdue")).hasSize(1);
        assertThat(status.get("overdue").get(0).get("barcode").asText()).isEqualTo(missing.get("barcode").asText());
    }

    @Test
    @DisplayName("history shows a destroyed case file's whole way, from registration to destruction")
    void history() {
        Barcode destroyed;
        try (Workspace w = Workspace.open(workspace, Clock.fixed(Cli.NOW, ZoneOffset.UTC), IdSource.sequential("h"))) {
            destroyed = w.lift().tracking().caseFiles().stream()
                    .filter(b -> w.lift().tracking().whereIs(b).orElseThrow().state() == CaseFileState.DESTROYED)
                    .findFirst().orElseThrow();
        }
        Cli.Run json = Cli.run("history", destroyed.value(), "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).as("%s", json).isZero();
        List<String> kinds = new ArrayList<>();
        json.json().get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds.get(0)).isEqualTo("REGISTERED");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("DESTROYED");
        assertThat(kinds).containsSubsequence("PACKED", "PICKED_UP", "RECEIVED", "PREPARED", "CAPTURED",
                "IMPORT_CONFIRMED", "RETAINED", "DESTROYED");
        assertThat(json.json().get("caseFile").get("state").asText()).isEqualTo("DESTROYED");

        Cli.Run text = Cli.run("history", destroyed.value(), "--dir", workspace.toString());
        assertThat(text.out()).startsWith("case file " + destroyed.value()).contains("IMPORT_CONFIRMED", "DESTROYED");
    }

    @Test
    @DisplayName("labels --all prints every case file whose paper still exists and every box, and they decode")
    void labelsAll() throws IOException {
        Path pdf = tmp.resolve("all-labels.pdf");
        Cli.Run run = Cli.run("labels", "--dir", workspace.toString(), "--all", "-o", pdf.toString());
        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("wrote 5 labels (case files: 4, boxes: 1) on 1 page");
        List<String> decoded = LabelDecoder.decode(Files.readAllBytes(pdf));
        assertThat(decoded.subList(0, 5)).doesNotContainNull();
        assertThat(decoded.subList(5, decoded.size())).containsOnlyNulls();
        assertThat(decoded.get(4)).startsWith("B");

        List<String> printed = LabelDecoder.decode(Files.readAllBytes(workspace.resolve("labels/case-files.pdf")));
        assertThat(printed.subList(0, 20)).doesNotContainNull().doesNotHaveDuplicates().allMatch(b -> b.startsWith("F"));
    }

    @Test
    @DisplayName("refuses a directory that is not empty: exit 2, one line, no stack trace")
    void notEmpty() {
        Cli.Run again = Cli.run("demo", "--files", "20", "--dir", workspace.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("is not empty").doesNotContain("\tat ", "Exception");
    }
}
