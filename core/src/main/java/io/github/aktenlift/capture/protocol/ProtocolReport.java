package io.github.aktenlift.capture.protocol;

import io.github.aktenlift.pdfa.ReportPdf;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The human-readable scan protocol (<i>Transfervermerk</i>): the {@link ScanProtocol} laid out as a
 * PDF/A-2b report, section by section. Holds nothing the JSON does not.
 */
public final class ProtocolReport {

    private ProtocolReport() {
    }

    /**
     * Writes the report of the protocol, dated {@code created}, laid out as a document: the case
     * file and delivery in every page's header, "Seite i von n", the pages of each document and the
     * renditions as tables, and a line for the operator who signs the paper form.
     */
    public static void write(ScanProtocol p, Instant created, OutputStream out) throws IOException {
        ReportPdf.render(new ReportPdf.Document(title(p), "Transfervermerk / scan protocol " + p.barcode() + " · "
                + p.deliveryId(), created, blocks(p)), out);
    }

    /** @return the report's title */
    public static String title(ScanProtocol p) {
        return "Scanprotokoll " + p.barcode();
    }

    /** @return the report's label–value sections, its tables and signature lines left out */
    public static List<ReportPdf.Section> sections(ScanProtocol p) {
        return blocks(p).stream().filter(ReportPdf.Section.class::isInstance).map(ReportPdf.Section.class::cast).toList();
    }

    /** @return the report's sections, tables and signature lines */
    public static List<ReportPdf.Block> blocks(ScanProtocol p) {
        List<ReportPdf.Block> sections = new ArrayList<>();
        List<ReportPdf.Row> head = new ArrayList<>();
        row(head, "barcode", p.barcode());
        row(head, "fileReference", p.fileReference());
        row(head, "protection", p.protection());
        row(head, "deliveryId", p.deliveryId());
        row(head, "scanService", p.scanService());
        row(head, "operator", p.operator());
        row(head, "scannedAt", p.scannedAt());
        row(head, "capturedAt", p.capturedAt());
        row(head, "capturedBy", p.capturedBy());
        row(head, "rescan", Boolean.toString(p.rescan()));
        row(head, "sheets", Integer.toString(p.sheets()));
        row(head, "pages", Integer.toString(p.pages()));
        sections.add(new ReportPdf.Section("Vorgang / Case file", head));
        ScanProtocol.Scanner s = p.scanner();
        sections.add(new ReportPdf.Section("Scanner und Einstellungen / Scanner and settings", List.of(
                new ReportPdf.Row("model", s.model()),
                new ReportPdf.Row("resolutionDpi", Integer.toString(s.resolutionDpi())),
                new ReportPdf.Row("colorMode", s.colorMode()),
                new ReportPdf.Row("duplex", Boolean.toString(s.duplex())))));
        List<ReportPdf.Row> checks = new ArrayList<>();
        p.checksPassed().forEach(c -> checks.add(new ReportPdf.Row(c, "bestanden / passed")));
        sections.add(new ReportPdf.Section("Prüfungen / Checks", checks));
        List<ReportPdf.Row> deviations = new ArrayList<>();
        for (ScanProtocol.Deviation d : p.deviations()) {
            deviations.add(new ReportPdf.Row(kind(d), ScanProtocolCodec.compact(d)));
        }
        if (deviations.isEmpty()) {
            deviations.add(new ReportPdf.Row("—", "keine / none"));
        }
        sections.add(new ReportPdf.Section("Abweichungen / Deviations", deviations));
        for (ScanProtocol.Document d : p.documents()) {
            List<ReportPdf.Row> rows = new ArrayList<>();
            rows.add(new ReportPdf.Row("type", d.type()));
            if (d.date() != null) {
                rows.add(new ReportPdf.Row("date", d.date()));
            }
            rows.add(new ReportPdf.Row("originalToReturn", Boolean.toString(d.originalToReturn())));
            sections.add(new ReportPdf.Section("Dokument / Document " + d.documentId(), rows));
            List<List<String>> pages = new ArrayList<>();
            for (ScanProtocol.Page page : d.pages()) {
                pages.add(List.of(page.sheet() + " " + page.side(), page.file(), page.width() + "×" + page.height() + " px, "
                        + page.resolutionDpi() + " dpi, " + page.colorMode(), page.how() + text(page.text()), page.sha256()));
            }
            sections.add(new ReportPdf.Table("Seiten / Pages " + d.documentId(), List.of("Blatt / sheet", "Datei / file",
                    "Bild / image", "Übernahme / how", "SHA-256"), List.of(1.1f, 1.8f, 1.9f, 1.3f, 2.6f), pages));
        }
        List<List<String>> renditions = new ArrayList<>();
        p.renditions().forEach(r -> renditions.add(List.of(r.documentId(), r.key(), r.size() + " bytes, " + r.pages()
                + " pages" + ("PDF/A-2b".equals(r.format()) ? "" : ", " + r.format()), r.sha256())));
        if (renditions.isEmpty()) {
            // the transfer note embedded in a rendition, which cannot name its own hash
            sections.add(new ReportPdf.Section("Renditionen / Renditions (PDF/A-2b)", List.of(new ReportPdf.Row("—",
                    "Transfervermerk in der Rendition: Schlüssel und Hashwerte der Renditionen stehen im gespeicherten"
                    + " Scanprotokoll und im Journal / transfer note inside a rendition: the renditions' keys and hashes"
                    + " are in the stored scan protocol and the journal"))));
        } else {
            sections.add(new ReportPdf.Table("Renditionen / Renditions (PDF/A-2b)", List.of("Dokument / document",
                    "Schlüssel / key", "Umfang / size", "SHA-256"), List.of(1.2f, 3f, 1.4f, 2.6f), renditions));
        }
        sections.add(new ReportPdf.Signatures("Unterschrift / Signature", List.of("Scan-Operator / operator",
                "Qualitätssicherung / quality assurance")));
        return sections;
    }

    private static String kind(ScanProtocol.Deviation d) {
        if (d instanceof ScanProtocol.DroppedBlankBacks) {
            return "DROPPED_BLANK_BACKS";
        } else if (d instanceof ScanProtocol.Rescan) {
            return "RESCAN";
        } else if (d instanceof ScanProtocol.LowOcrConfidence) {
            return "LOW_OCR_CONFIDENCE";
        }
        return "REENCODED";
    }

    /** A page's text layer in words: nothing for a page without one. */
    private static String text(ScanProtocol.TextLayer t) {
        if (t == null) {
            return "";
        }
        return "; Text: " + t.words() + " Wörter / words, " + t.source()
                + (t.meanConfidence() == null ? "" : ", Konfidenz / confidence " + t.meanConfidence());
    }

    private static void row(List<ReportPdf.Row> rows, String field, String value) {
        if (value != null) {
            rows.add(new ReportPdf.Row(field, value));
        }
    }
}
