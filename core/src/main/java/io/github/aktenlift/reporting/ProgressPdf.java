package io.github.aktenlift.reporting;

import io.github.aktenlift.pdfa.ReportPdf;
import io.github.aktenlift.report.ProgressReport;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Lays a {@link ProgressReport} out as PDF/A-2b: the figures of the HTML page, week by week. */
public final class ProgressPdf {

    private ProgressPdf() {
    }

    /**
     * @param r the report
     * @param out where the PDF goes; not closed
     * @throws IOException if writing fails
     */
    public static void write(ProgressReport r, OutputStream out) throws IOException {
        LocalDate today = LocalDate.ofInstant(r.at(), ZoneOffset.UTC);
        List<ReportPdf.Block> sections = new ArrayList<>();
        List<ReportPdf.Row> summary = new ArrayList<>();
        summary.add(new ReportPdf.Row("Stand / As of", r.at().toString()));
        summary.add(new ReportPdf.Row("Plan", r.plan().start() + " – " + r.plan().end() + ": "
                + ProgressPage.num(r.plan().files()) + " Akten / case files"
                + (r.plan().pages() > 0 ? ", " + ProgressPage.num(r.plan().pages()) + " Seiten / pages" : "")));
        summary.add(new ReportPdf.Row("Erfasst / Captured", ProgressPage.num(r.filesCaptured()) + " Akten / case files, "
                + ProgressPage.num(r.pagesCaptured()) + " Seiten / pages"));
        summary.add(new ReportPdf.Row("Prognose Ende / Forecast end", r.forecastEnd().map(LocalDate::toString).orElse("–")));
        summary.add(new ReportPdf.Row("Offene Abweichungen / Open discrepancies", Integer.toString(r.openDiscrepancies())));
        summary.add(new ReportPdf.Row("Überfällig / Overdue", Integer.toString(r.overdueItems())));
        sections.add(new ReportPdf.Section("Übersicht / Summary", summary));

        List<List<String>> weeks = new ArrayList<>();
        for (ProgressReport.Week w : r.weeks()) {
            if (w.start().isAfter(today)) {
                break;
            }
            weeks.add(List.of(w.start().toString(), ProgressPage.num(w.filesCaptured()), ProgressPage.num(w.pagesCaptured()),
                    ProgressPage.num(w.cumulativeFiles()), ProgressPage.num(w.plannedFiles()),
                    ProgressPage.num(w.cumulativePages()), ProgressPage.num(w.plannedPages())));
        }
        sections.add(new ReportPdf.Table("Burn-up je Woche / per week", List.of("Woche ab / week of", "Akten / files",
                "Seiten / pages", "Akten kum. / cum.", "Plan", "Seiten kum. / cum.", "Plan"),
                List.of(1.4f, 1f, 1f, 1.1f, 0.9f, 1.2f, 1f), weeks));

        List<ReportPdf.Row> states = new ArrayList<>();
        r.states().entrySet().stream().filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> states.add(new ReportPdf.Row(e.getKey().name(), ProgressPage.num(e.getValue()))));
        sections.add(new ReportPdf.Section("Akten je Stand / Case files per state", states));

        List<ReportPdf.Row> services = new ArrayList<>();
        for (ProgressReport.ScanService s : r.scanServices()) {
            services.add(new ReportPdf.Row(s.name(), ProgressPage.num(s.captured()) + " Erfassungen; QS "
                    + ProgressPage.num(s.qaPassed()) + " bestanden, " + ProgressPage.num(s.qaFailed())
                    + " nicht bestanden (" + ProgressPage.pct(s.qaFailureRate()) + "); Import abgelehnt "
                    + ProgressPage.num(s.importRejected()) + " (" + ProgressPage.pct(s.importRejectionRate()) + ")"));
        }
        sections.add(new ReportPdf.Section("Scan-Dienstleister / Scan services", services));

        ProgressReport.Recalls rc = r.recalls();
        sections.add(new ReportPdf.Section("Rückforderungen / Recalls", List.of(
                new ReportPdf.Row("Bedient / Served", ProgressPage.num(rc.served()) + ", davon in der Frist / in time "
                        + ProgressPage.num(rc.servedInTime()) + " (" + ProgressPage.pct(rc.hitRate()) + ")"),
                new ReportPdf.Row("Offen / Open", ProgressPage.num(rc.open()) + ", überfällig / overdue "
                        + ProgressPage.num(rc.openOverdue())))));
        ReportPdf.render(new ReportPdf.Document("Fortschritt / Progress " + today, "Aktenlift · Fortschritt / progress",
                r.at(), sections), out);
    }
}
