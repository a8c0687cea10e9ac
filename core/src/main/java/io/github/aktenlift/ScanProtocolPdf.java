package io.github.aktenlift;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aktenlift.pdfa.ProtocolPdf;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human-readable scan protocol (<i>Transfervermerk</i>): the JSON protocol laid out as a
 * PDF/A-2b report, section by section. Holds nothing the JSON does not. It is laid out from the
 * protocol's tree as capture built it, not from its serialised bytes, which would only be parsed
 * again.
 */
final class ScanProtocolPdf {

    private ScanProtocolPdf() {
    }

    static void write(JsonNode p, Instant created, OutputStream out) throws IOException {
        ProtocolPdf.render(title(p), sections(p), created, out);
    }

    /** The report's title. */
    static String title(JsonNode p) {
        return "Scanprotokoll " + p.get("barcode").asText();
    }

    /** The report's sections, from the protocol's tree. */
    static List<ProtocolPdf.Section> sections(JsonNode p) {
        List<ProtocolPdf.Section> sections = new ArrayList<>();
        sections.add(new ProtocolPdf.Section("Vorgang / Case file", rows(p, "barcode", "fileReference", "protection",
                "deliveryId", "scanService", "operator", "scannedAt", "capturedAt", "capturedBy", "rescan", "sheets",
                "pages")));
        List<ProtocolPdf.Row> scanner = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : p.get("scanner").properties()) {
            scanner.add(new ProtocolPdf.Row(e.getKey(), e.getValue().asText()));
        }
        sections.add(new ProtocolPdf.Section("Scanner und Einstellungen / Scanner and settings", scanner));
        List<ProtocolPdf.Row> checks = new ArrayList<>();
        p.get("checksPassed").forEach(c -> checks.add(new ProtocolPdf.Row(c.asText(), "bestanden / passed")));
        sections.add(new ProtocolPdf.Section("Prüfungen / Checks", checks));
        List<ProtocolPdf.Row> deviations = new ArrayList<>();
        p.get("deviations").forEach(d -> deviations.add(new ProtocolPdf.Row(d.get("kind").asText(), d.toString())));
        if (deviations.isEmpty()) {
            deviations.add(new ProtocolPdf.Row("—", "keine / none"));
        }
        sections.add(new ProtocolPdf.Section("Abweichungen / Deviations", deviations));
        for (JsonNode d : p.get("documents")) {
            List<ProtocolPdf.Row> rows = new ArrayList<>();
            rows.add(new ProtocolPdf.Row("type", d.get("type").asText()));
            if (d.hasNonNull("date")) {
                rows.add(new ProtocolPdf.Row("date", d.get("date").asText()));
            }
            rows.add(new ProtocolPdf.Row("originalToReturn", d.get("originalToReturn").asText()));
            for (JsonNode page : d.get("pages")) {
                rows.add(new ProtocolPdf.Row("sheet " + page.get("sheet").asText() + " " + page.get("side").asText(),
                        page.get("file").asText() + " · " + page.get("width").asText() + "×" + page.get("height").asText()
                                + " px · " + page.get("resolutionDpi").asText() + " dpi · "
                                + page.get("colorMode").asText() + " · " + page.get("how").asText()
                                + " · SHA-256 " + page.get("sha256").asText()));
            }
            sections.add(new ProtocolPdf.Section("Dokument / Document " + d.get("documentId").asText(), rows));
        }
        List<ProtocolPdf.Row> renditions = new ArrayList<>();
        p.get("renditions").forEach(r -> renditions.add(new ProtocolPdf.Row(r.get("documentId").asText(),
                r.get("key").asText() + " · " + r.get("size").asText() + " bytes · " + r.get("pages").asText()
                        + " pages · SHA-256 " + r.get("sha256").asText())));
        sections.add(new ProtocolPdf.Section("Renditionen / Renditions (PDF/A-2b)", renditions));
        return sections;
    }

    private static List<ProtocolPdf.Row> rows(JsonNode p, String... fields) {
        List<ProtocolPdf.Row> out = new ArrayList<>();
        for (String f : fields) {
            if (p.hasNonNull(f)) {
                out.add(new ProtocolPdf.Row(f, p.get(f).asText()));
            }
        }
        return out;
    }
}
