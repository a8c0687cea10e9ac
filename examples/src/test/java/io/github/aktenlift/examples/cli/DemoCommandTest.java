package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.IdSource;
import io.github.aktenlift.adapters.filesystem.FilesystemStorage;
import io.github.aktenlift.adapters.filesystem.HotfolderProcedure;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.spi.storage.ContentInfo;
import io.github.aktenlift.spi.storage.ContentPage;
import io.github.aktenlift.spi.storage.Key;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
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

/**
 * The demo, run once on 20 case files, and every workspace command on what it left behind. The
 * counts are exact: 20 files of the bulk (one missing at receipt, 19 imported, one of them on hold)
 * and three transfers; 18 destroyed.
 */
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
                        "Status at")
                .containsPattern("MISSING +1\\b").containsPattern("RETAINED +4\\b")
                .containsPattern("DESTROYED +18\\b").containsPattern("IMPORTED +1\\b").containsPattern("total +24\\b")
                .containsPattern("imports pending +0\\b").containsPattern("held for a decision +0\\b")
                .containsPattern("overdue recalls +0\\b")
                .containsPattern("journal +intact")
                .doesNotContain("REGISTERED ", "RETURNED ", "Exception");
        assertThat(demo.err()).as("progress, not a terminal: one line per piece of work")
                .contains("register: 20/20 case files", "import: 19/19 case files").doesNotContain("\r");
    }

    @Test
    @DisplayName("imports through the hotfolder: every answer polled, one refusal corrected and retried")
    void importPhase() {
        assertThat(demo.out())
                .containsPattern("handed over to the specialist procedure's hotfolder, pending +19\\b")
                .containsPattern("polled: no answer yet, next poll after a doubled interval +19\\b")
                .containsPattern("acknowledged by the procedure \\(18 receipts\\), imported +18\\b")
                .containsPattern("refused, e-file open in the procedure: F\\w+ EFILE_LOCKED, office notified +1\\b")
                .containsPattern("corrected and retried: imported once +1\\b");
    }

    @Test
    @DisplayName("every imported case file went into the e-file exactly once: one acknowledgement each, the refusal apart")
    void importedOnce() throws IOException {
        Path outbox = workspace.resolve(Workspace.HOTFOLDER).resolve("outbox");
        int imported = 0;
        int refused = 0;
        try (Workspace w = Workspace.open(workspace, Clock.fixed(Cli.NOW, ZoneOffset.UTC), IdSource.sequential("h"))) {
            for (Barcode f : w.lift().tracking().caseFiles()) {
                List<String> keys = new ArrayList<>();
                boolean confirmed = false;
                for (JournalEvent e : w.lift().tracking().history(f)) {
                    if (e.kind() == EventKind.IMPORT_SUBMITTED) {
                        keys.add(e.get("key"));
                    }
                    confirmed |= e.kind() == EventKind.IMPORT_CONFIRMED;
                }
                long acks = keys.stream().filter(k -> Files.exists(outbox.resolve(
                        HotfolderProcedure.packageName(k) + ".ack.json"))).count();
                long rejections = keys.stream().filter(k -> Files.exists(outbox.resolve(
                        HotfolderProcedure.packageName(k) + ".rej.json"))).count();
                assertThat(acks).as("acknowledgements of %s", f).isEqualTo(confirmed ? 1 : 0);
                assertThat(keys).as("hand-overs of %s", f).hasSize((int) (acks + rejections));
                imported += confirmed ? 1 : 0;
                refused += (int) rejections;
            }
        }
        assertThat(imported).as("19 of the bulk, 3 transfers, 1 digital transfer").isEqualTo(23);
        assertThat(refused).isEqualTo(1);
        try (Stream<Path> answers = Files.list(outbox)) {
            assertThat(answers.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .as("nothing else answered").hasSize(24);
        }
    }

    @Test
    @DisplayName("matches the transfers: one to a bulk person spelt transliterated, one new, one held and decided by a clerk")
    void transfers() {
        assertThat(demo.out())
                .containsPattern("transfers from other authorities registered \\(labels/transfers.pdf\\) +3\\b")
                .containsPattern("pickup planner, first arrival: not due \\(BELOW_THRESHOLDS\\) before \\d{4}-\\d\\d-\\d\\d +1\\b")
                .containsPattern("recall, scan on demand: F\\w+ is needed at the counter +1\\b")
                .containsPattern("pickup planner: due \\d{4}-\\d\\d-\\d\\d \\[RECALL\\], recalled file first +3\\b")
                .containsPattern("import: recalled file handed over first \\(F\\w+\\), pending +2\\b")
                .containsPattern("held, never guessed: F\\w+ \\[AZR_NUMBER_VS_SUBJECT\\], office notified +1\\b")
                .containsPattern("F\\w+ into the e-file of F\\w+, name transliterated +1\\b")
                .containsPattern("F\\w+ into a new e-file, no match +1\\b")
                .containsPattern("F\\w+ into the e-file of F\\w+, as decided +1\\b")
                .containsPattern("recall served on import after \\d+ h \\(SLA 24 h\\) +1\\b");
    }

    @Test
    @DisplayName("history of a transfer: registered with its origin, held, decided, imported and retained")
    void historyOfTransfer() {
        Barcode held;
        try (Workspace w = Workspace.open(workspace, Clock.fixed(Cli.NOW, ZoneOffset.UTC), IdSource.sequential("h"))) {
            held = w.lift().tracking().caseFiles().stream()
                    .filter(b -> w.lift().tracking().history(b).stream().anyMatch(e -> e.kind() == EventKind.MATCH_HELD))
                    .findFirst().orElseThrow();
        }
        Cli.Run json = Cli.run("history", held.value(), "--dir", workspace.toString(), "--json");
        assertThat(json.exitCode()).as("%s", json).isZero();
        List<String> kinds = new ArrayList<>();
        json.json().get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds.get(0)).isEqualTo("TRANSFER_REGISTERED");
        assertThat(kinds).containsSubsequence("TRANSFER_REGISTERED", "PACKED", "PICKED_UP", "RECEIVED", "PREPARED",
                "CAPTURED", "MATCH_HELD", "EFILE_MATCHED", "IMPORT_SUBMITTED", "IMPORT_CONFIRMED", "RETAINED");
        assertThat(json.json().get("caseFile").get("originAuthority").asText()).contains("Ausländerbehörde");
        assertThat(json.json().get("caseFile").get("state").asText()).isEqualTo("RETAINED");
    }

    @Test
    @DisplayName("destruction run: list and confirmed list as CSV and PDF/A, the file on hold excluded and shown")
    void destructionRun() throws IOException {
        assertThat(demo.out()).containsPattern("destruction list destruction/list.csv and .pdf: due +18\\b")
                .containsPattern("excluded: F\\w+ \\[HOLD:OPEN_OBJECTION\\] +1\\b")
                .containsPattern("still within retention +3\\b")
                .containsPattern("destroyed \\(DIN 66399\\), certificate VN-\\d{4}-\\d\\d-\\d\\d-1 +18\\b");
        List<String> rows = Files.readAllLines(workspace.resolve("destruction/confirmed.csv"));
        assertThat(rows.get(0)).isEqualTo("list_id,status,barcode,file_reference,protection_level,retained_until,"
                + "location,reasons");
        assertThat(rows.subList(1, rows.size())).filteredOn(r -> r.contains(",DESTROYED,")).hasSize(18);
        List<String> excluded = rows.stream().filter(r -> r.contains(",EXCLUDED,")).toList();
        assertThat(excluded).hasSize(1);
        assertThat(excluded.get(0)).endsWith("HOLD:OPEN_OBJECTION");
        String onHold = excluded.get(0).split(",")[2];
        try (Workspace w = Workspace.open(workspace, Clock.fixed(Cli.NOW, ZoneOffset.UTC), IdSource.sequential("h"))) {
            assertThat(w.lift().tracking().whereIs(Barcode.of(onHold)).orElseThrow().state())
                    .isEqualTo(CaseFileState.RETAINED);
        }
        assertThat(Files.readAllLines(workspace.resolve("destruction/list.csv")).subList(1, 19))
                .allMatch(r -> r.contains(",LISTED,"));
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
        assertThat(checked).as("renditions of 19 case files, their protocols, four label sheets")
                .filteredOn(k -> k.startsWith("protocols/")).hasSizeGreaterThanOrEqualTo(19);
        assertThat(checked).filteredOn(k -> k.startsWith("renditions/")).hasSizeGreaterThanOrEqualTo(19);
        for (String name : List.of("list.pdf", "confirmed.pdf")) {
            Path pdf = workspace.resolve("destruction").resolve(name);
            PdfA.assertPdfA2b(Files.readAllBytes(pdf), pdf.toString());
            checked.add("destruction/" + name);
        }
        assertThat(checked).contains("case-files.pdf", "boxes.pdf", "transfers.pdf", "transfer-boxes.pdf",
                "destruction/list.pdf", "destruction/confirmed.pdf");
        assertThat(checked).filteredOn(k -> k.startsWith("protocols/")).as("the transfers' protocols too")
                .hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    @DisplayName("hands one file over digitally: the neighbour's 0401 and the office's 0402 answer are valid against the"
            + " official xdomea schema, and the 0402 reports every object imported")
    void digitalTransfer() throws Exception {
        List<Path> sent;
        try (Stream<Path> s = Files.list(workspace.resolve("xdomea").resolve("inbox"))) {
            sent = s.filter(p -> p.getFileName().toString().endsWith("_Abgabe.Abgabe.0401.zip")).toList();
        }
        List<Path> answered;
        try (Stream<Path> s = Files.list(workspace.resolve(XdomeaIntake.ANSWERS))) {
            answered = s.toList();
        }
        assertThat(sent).hasSize(1);
        assertThat(answered).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .isEqualTo(sent.get(0).getFileName().toString().replace("Abgabe.Abgabe.0401", "Abgabe.ImportBestaetigen.0402")));
        OfficialSchema.validate(ReceiveCommandTest.xmlOf(sent.get(0)));
        byte[] answer = ReceiveCommandTest.xmlOf(answered.get(0));
        OfficialSchema.validate(answer);
        org.w3c.dom.Document d = ReceiveCommandTest.dom(answer);
        assertThat(ReceiveCommandTest.xpath(d, "count(//*[local-name()='AbgegebenesObjekt'])")).isEqualTo(
                ReceiveCommandTest.xpath(d, "count(//*[local-name()='Erfolgreich'][.='true' or .='1'])")).isNotEqualTo("0");
        assertThat(demo.out()).contains("a file arrives digitally", "sender answered: 0402");
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
        // case files, boxes, pickups, inventory, destruction list
        assertThat(report.get("streams").asInt()).isEqualTo(24 + 2 + 2 + 1 + 1);
    }

    @Test
    @DisplayName("status --json gives the same counts as the table, the missing file as overdue and as a discrepancy,"
            + " and the transfers as due for destruction once their retention elapsed")
    void statusJson() {
        Cli.Run run = Cli.run("status", "--dir", workspace.toString(), "--json");
        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode status = run.json();
        JsonNode states = status.get("caseFilesPerState");
        assertThat(states.get("DESTROYED").asInt()).isEqualTo(18);
        assertThat(states.get("RETAINED").asInt()).isEqualTo(4);
        assertThat(states.get("MISSING").asInt()).isEqualTo(1);
        assertThat(status.get("caseFiles").asInt()).isEqualTo(24);
        assertThat(status.get("boxes").asInt()).isEqualTo(2);
        assertThat(status.get("pendingImports")).isEmpty();
        assertThat(status.get("heldForDecision")).isEmpty();
        assertThat(status.get("overdueRecalls").asInt()).isZero();
        // the demo ends days before "now"; by now the transfers' 90 days have passed, the held file still waits
        assertThat(status.get("dueForDestruction").asInt()).isEqualTo(3);
        List<String> due = new ArrayList<>();
        status.get("dueForDestructionBarcodes").forEach(b -> due.add(b.asText()));
        try (Workspace w = Workspace.open(workspace, Clock.fixed(Cli.NOW, ZoneOffset.UTC), IdSource.sequential("h"))) {
            assertThat(due).allSatisfy(b -> assertThat(w.lift().tracking().whereIs(Barcode.of(b)).orElseThrow()
                    .originAuthority()).isPresent());
        }

        Cli.Run text = Cli.run("status", "--dir", workspace.toString());
        assertThat(text.out()).containsPattern("due for destruction +3\\b").containsPattern("imports pending +0\\b")
                .containsPattern("held for a decision +0\\b").containsPattern("overdue recalls +0\\b");
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
        assertThat(run.out()).contains("wrote 7 labels (case files: 5, boxes: 2) on 1 page");
        List<String> decoded = LabelDecoder.decode(Files.readAllBytes(pdf));
        assertThat(decoded.subList(0, 7)).doesNotContainNull();
        assertThat(decoded.subList(7, decoded.size())).containsOnlyNulls();
        assertThat(decoded.subList(5, 7)).allMatch(b -> b.startsWith("B"));

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
