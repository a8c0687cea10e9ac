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

    /** Writes the report of the protocol, dated {@code created}. */
    public static void write(ScanProtocol p, Instant created, OutputStream out) throws IOException {
        ReportPdf.render(title(p), sections(p), created, out);
    }

    /** @return the report's title */
    public static String title(ScanProtocol p) {
        return "Scanprotokoll " + p.barcode();
    }

    /** @return the report's sections */
    public static List<ReportPdf.Section> sections(ScanProtocol p) {
        List<ReportPdf.Section> sections = new ArrayList<>();
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
            for (ScanProtocol.Page page : d.pages()) {
                rows.add(new ReportPdf.Row("sheet " + page.sheet() + " " + page.side(),
                        page.file() + " · " + page.width() + "×" + page.height() + " px · " + page.resolutionDpi()
                                + " dpi · " + page.colorMode() + " · " + page.how() + " · SHA-256 " + page.sha256()));
            }
            sections.add(new ReportPdf.Section("Dokument / Document " + d.documentId(), rows));
        }
        List<ReportPdf.Row> renditions = new ArrayList<>();
        p.renditions().forEach(r -> renditions.add(new ReportPdf.Row(r.documentId(), r.key() + " · " + r.size()
                + " bytes · " + r.pages() + " pages · SHA-256 " + r.sha256())));
        if (renditions.isEmpty()) {
            // the transfer note embedded in a rendition, which cannot name its own hash
            renditions.add(new ReportPdf.Row("—", "Transfervermerk in der Rendition: Schlüssel und Hashwerte der"
                    + " Renditionen stehen im gespeicherten Scanprotokoll und im Journal / transfer note inside a"
                    + " rendition: the renditions' keys and hashes are in the stored scan protocol and the journal"));
        }
        sections.add(new ReportPdf.Section("Renditionen / Renditions (PDF/A-2b)", renditions));
        return sections;
    }

    private static String kind(ScanProtocol.Deviation d) {
        if (d instanceof ScanProtocol.DroppedBlankBacks) {
            return "DROPPED_BLANK_BACKS";
        } else if (d instanceof ScanProtocol.Rescan) {
            return "RESCAN";
        }
        return "REENCODED";
    }

    private static void row(List<ReportPdf.Row> rows, String field, String value) {
        if (value != null) {
            rows.add(new ReportPdf.Row(field, value));
        }
    }
}
