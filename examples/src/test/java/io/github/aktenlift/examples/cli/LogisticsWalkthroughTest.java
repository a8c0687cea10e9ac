package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.testkit.Delivery;
import io.github.aktenlift.testkit.DeliverySpec;
import io.github.aktenlift.testkit.PageGeometry;
import io.github.aktenlift.testkit.ScanGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small project through the command line only, as the README's walk-through shows it: the
 * baseline inventory in, labels, boxes packed by a scripted scanner, pickup, goods receipt with one
 * file missing, preparation, the short path for one file, ingest of the scan service's delivery,
 * and a journal that verifies clean.
 */
@DisplayName("A small project through the CLI, from the baseline inventory to the destruction of the paper")
class LogisticsWalkthroughTest {

    @TempDir
    Path tmp;

    private static String lines(String... l) {
        return String.join("\n", l) + "\n";
    }

    private static Cli.Run ok(Cli.Run run) {
        assertThat(run.exitCode()).as("%s", run).isZero();
        return run;
    }

    @Test
    @DisplayName("inventory, labels, boxes, pickup, receipt with a file missing, prepare, direct path, ingest, QA, import,"
            + " retention, recall, transfer, destruction, verify --deep: through the CLI alone")
    void walkthrough() throws Exception {
        String w = tmp.resolve("office").toString();
        ok(Cli.run("init", "--dir", w, "--direct-receipt", "ALL"));

        // the baseline from the specialist procedure: six files, none labelled yet
        StringBuilder csv = new StringBuilder(InventoryImportCommandTest.HEADER);
        for (int i = 1; i <= 6; i++) {
            csv.append(InventoryImportCommandTest.row(i, ""));
        }
        Path baseline = tmp.resolve("baseline.csv");
        Files.writeString(baseline, csv);
        JsonNode imported = ok(Cli.run("inventory", "import", baseline.toString(), "--dir", w, "--json")).json();
        List<String> f = new ArrayList<>();
        imported.get("caseFiles").forEach(c -> f.add(c.get("barcode").asText()));
        assertThat(f).hasSize(6);

        List<String> boxes = ScannerCommandsTest.openedBoxes(ok(Cli.run("box", "open", "--new", "2", "--dir", w)));
        assertThat(boxes).as("as the README shows them").containsExactly("B000001X", "B000002V");
        assertThat(f.get(0)).isEqualTo("F00000001E");
        Path labels = tmp.resolve("labels.pdf");
        assertThat(ok(Cli.run("labels", "--all", "--dir", w, "-o", labels.toString())).out())
                .contains("wrote 8 labels (case files: 6, boxes: 2)");
        PdfA.assertPdfA2b(Files.readAllBytes(labels), "labels.pdf");

        // the clerk's scanner: a box label, its files; the next box label, its files; end of input
        Cli.Run packed = ok(Cli.scan(lines(boxes.get(0), f.get(0), f.get(1), f.get(2), boxes.get(1), f.get(3), f.get(4)),
                "box", "pack", "--dir", w));
        assertThat(packed.out()).contains("box pack: 7 accepted, 0 refused");
        ok(Cli.run("box", "seal", boxes.get(0), "S-100", "--dir", w));
        ok(Cli.run("box", "seal", boxes.get(1), "S-101", "--dir", w));

        ok(Cli.scan(lines(boxes.get(0), boxes.get(1)), "pickup", "plan", "P-1", "--dir", w));
        ok(Cli.scan(lines(boxes.get(0), "S-100", boxes.get(1), "S-101"), "pickup", "collect", "P-1",
                "--actor", "carrier-4", "--site", "Kurier", "--dir", w));

        // at the scan service: file 2 is not in its box
        Cli.Run receipt = Cli.scan(lines(boxes.get(0), "S-100", f.get(0), f.get(2), boxes.get(1), "S-101", f.get(3),
                f.get(4)), "pickup", "receive", "--dir", w);
        assertThat(receipt.exitCode()).as("%s", receipt).isEqualTo(ExitCodes.REJECTED);
        assertThat(receipt.out()).contains("box " + boxes.get(0) + " received: 2 present, 1 missing")
                .contains("discrepancies: 1").contains("  missing case file " + f.get(1));

        ok(Cli.scan(lines(f.get(0), f.get(2), f.get(3), f.get(4)), "prepare", "--dir", w));
        // the sixth file never went into a box: the short path, as the office's policy allows
        assertThat(ok(Cli.scan(lines(f.get(5)), "prepare", "--direct", "--site", "Poststelle", "--dir", w)).out())
                .contains("ok   " + f.get(5) + " prepared (received directly)");

        JsonNode states = ok(Cli.run("status", "--dir", w, "--json")).json().get("caseFilesPerState");
        assertThat(states.get("PREPARED").asInt()).isEqualTo(5);
        assertThat(states.get("MISSING").asInt()).isEqualTo(1);

        // the scan service's delivery of the five prepared files
        List<String> prepared = List.of(f.get(0), f.get(2), f.get(3), f.get(4), f.get(5));
        Delivery d = ScanGenerator.writeDelivery(tmp.resolve("D-1"), DeliverySpec.builder().deliveryId("D-1")
                .geometry(PageGeometry.a4(200)).seed(7).barcodes(prepared).documentsPerFile(1, 2)
                .sheetsPerDocument(1, 2).formats(DeliverySpec.Formats.MIXED).build());
        Cli.Run ingest = ok(Cli.run("ingest", d.directory().toString(), "--dir", w));
        assertThat(ingest.out()).contains("delivery D-1: 5 case files, 5 captured").contains("0 rejected");

        Cli.Run verify = ok(Cli.run("verify", "--dir", w));
        assertThat(verify.out()).contains("journal intact");
        JsonNode direct = ok(Cli.run("history", f.get(5), "--dir", w, "--json")).json().get("events");
        assertThat(direct.get(1).get("kind").asText()).isEqualTo("RECEIVED_DIRECT");
        assertThat(direct.get(1).get("location").asText()).isEqualTo("Poststelle");
        assertThat(direct.get(2).get("kind").asText()).isEqualTo("PREPARED");
        assertThat(direct.get(3).get("kind").asText()).isEqualTo("CAPTURED");
        JsonNode missing = ok(Cli.run("status", "--dir", w, "--json")).json();
        assertThat(missing.toString()).contains(f.get(1));

        // visual QA: the files whose sample capture drew wait for a reviewer; her scanner passes them
        List<String> drawn = new ArrayList<>();
        ok(Cli.run("qa", "draw", "--dir", w, "--json")).json().get("captured").forEach(c -> drawn.add(c.get("barcode").asText()));
        assertThat(drawn).isNotEmpty().isSubsetOf(prepared);
        assertThat(ok(Cli.scan(lines(drawn.toArray(String[]::new)), "qa", "pass", "--actor", "qa-1", "--dir", w)).out())
                .contains(drawn.size() + " accepted, 0 refused");

        // import: handed to the specialist procedure's hotfolder; the procedure (played here as the demo plays it)
        // answers; the next import run collects the answers
        ok(Cli.run("import", "--dir", w));
        assertThat(new HotfolderFarSide(tmp.resolve("office").resolve("hotfolder"), java.time.Clock.systemUTC())
                .answer(java.util.Set.of()).accepted()).isEqualTo(5);
        ok(Cli.run("import", "--dir", w));
        assertThat(ok(Cli.run("status", "--dir", w, "--json")).json().get("caseFilesPerState").get("IMPORTED").asInt())
                .isEqualTo(5);

        // the paper is retained; one file is asked back on paper and given back
        ok(Cli.run("retention", "retain", "--all", "--dir", w));
        ok(Cli.run("recall", "request", f.get(0), "--mode", "PAPER_BACK", "--dir", w));
        ok(Cli.run("recall", "serve", f.get(0), "--dir", w));

        // a paper file arrives from another authority: a new label, registered as a transfer
        String transfer = ok(Cli.run("inventory", "issue", "1", "--dir", w, "--json")).json().get("barcodes").get(0).asText();
        Cli.Run registered = ok(Cli.run("transfer", "register", transfer, "--reference", "ZU-2026-1", "--origin",
                "Stadt Nachbarstadt, Ausländerbehörde", "--received-on", "2026-11-20", "--surname", "Beispiel",
                "--given-names", "Erika", "--born", "1990-01-01", "--dir", w));
        assertThat(registered.out() + registered.err()).doesNotContain("Beispiel", "Erika", "1990-01-01");
        assertThat(ok(Cli.run("history", transfer, "--dir", w, "--json")).json().get("events").get(0).get("kind").asText())
                .isEqualTo("TRANSFER_REGISTERED");

        // after the retention period: the destruction list, drawn up and confirmed with the shredder's certificate
        java.time.Instant later = Cli.NOW.plus(java.time.Duration.ofDays(200));
        Cli.Run list = Cli.runAt(later, "destruction", "prepare", "--dir", w, "--json");
        assertThat(list.exitCode()).as("%s", list).isZero();
        String id = list.json().get("list").asText();
        assertThat(list.json().get("entries").size()).as("%s", list).isPositive();
        PdfA.assertPdfA2b(Files.readAllBytes(Path.of(list.json().get("pdf").asText())), "destruction list");
        Cli.Run confirmed = Cli.runAt(later, "destruction", "confirm", id, "--certificate", "VN-2027-1", "--dir", w);
        assertThat(confirmed.exitCode()).as("%s", confirmed).isZero();
        assertThat(ok(Cli.runAt(later, "status", "--dir", w, "--json")).json().get("caseFilesPerState").get("DESTROYED")
                .asInt()).isPositive();

        Cli.Run end = Cli.runAt(later, "verify", "--deep", "--dir", w);
        assertThat(end.exitCode()).as("%s", end).isZero();
        assertThat(end.out()).contains("journal intact").contains("objects intact");
    }
}
