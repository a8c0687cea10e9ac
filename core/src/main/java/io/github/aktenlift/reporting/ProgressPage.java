package io.github.aktenlift.reporting;

import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.report.ProgressReport;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Lays a {@link ProgressReport} out as one self-contained HTML page: inline SVG charts (burn-up of
 * case files and of page images against the plan line, captures per week, case files per state),
 * tables for scan services and recalls. No script, no external resource: the page's content
 * security policy allows inline styles only, so a browser reports anything else as an error.
 *
 * <p>Charts carry ids and their points and bars CSS classes ({@code point}, {@code bar},
 * {@code state-bar}), one per elapsed week or state, so a test can count them in a browser's DOM.
 */
public final class ProgressPage {

    private static final int W = 760;
    private static final int H = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private ProgressPage() {
    }

    /**
     * @param r the report
     * @param out where the page goes; not closed
     * @throws IOException if writing fails
     */
    public static void write(ProgressReport r, Writer out) throws IOException {
        StringBuilder h = new StringBuilder(32 * 1024);
        LocalDate today = LocalDate.ofInstant(r.at(), ZoneOffset.UTC);
        List<ProgressReport.Week> elapsed = r.weeks().stream().filter(w -> !w.start().isAfter(today)).toList();
        h.append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Aktenlift – Fortschritt / Progress ").append(today).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,'Liberation Sans',Arial,sans-serif;margin:2em;color:#222;max-width:60em}\n")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc}\n")
                .append("table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}th{background:#eee}\n")
                .append(".kpi{display:inline-block;margin:0 1.5em .8em 0}.kpi b{display:block;font-size:1.4em}\n")
                .append("svg{background:#fafafa;border:1px solid #ddd}.plan{stroke:#999;stroke-dasharray:6 4;fill:none;stroke-width:2}")
                .append(".actual{stroke:#1f5fa8;fill:none;stroke-width:2.5}.point{fill:#1f5fa8}.bar{fill:#4a8c3a}")
                .append(".state-bar{fill:#c07a1a}.axis{stroke:#555}.label{font-size:11px;fill:#333}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Fortschritt / Progress</h1>\n<p>Stand / as of ").append(esc(r.at().toString()))
                .append(" · Plan ").append(r.plan().start()).append(" – ").append(r.plan().end()).append(": ")
                .append(num(r.plan().files())).append(" Akten / case files");
        if (r.plan().pages() > 0) {
            h.append(", ").append(num(r.plan().pages())).append(" Seiten / pages");
        }
        h.append("</p>\n<div>");
        kpi(h, "Erfasst / captured", num(r.filesCaptured()) + " / " + num(r.plan().files()));
        kpi(h, "Seiten / pages", num(r.pagesCaptured()));
        long plannedNow = elapsed.isEmpty() ? 0 : elapsed.get(elapsed.size() - 1).plannedFiles();
        kpi(h, "Plan bis heute / planned to date", num(plannedNow));
        kpi(h, "Prognose Ende / forecast end", r.forecastEnd().map(LocalDate::toString).orElse("–"));
        kpi(h, "Offene Abweichungen / open discrepancies", Integer.toString(r.openDiscrepancies()));
        kpi(h, "Überfällig / overdue", Integer.toString(r.overdueItems()));
        h.append("</div>\n");

        h.append("<h2>Burn-up: Akten / case files</h2>\n");
        burnUp(h, "burnup-files", r.weeks(), elapsed, ProgressReport.Week::cumulativeFiles, ProgressReport.Week::plannedFiles);
        if (r.plan().pages() > 0) {
            h.append("<h2>Burn-up: Seiten / pages</h2>\n");
            burnUp(h, "burnup-pages", r.weeks(), elapsed, ProgressReport.Week::cumulativePages,
                    ProgressReport.Week::plannedPages);
        }
        h.append("<h2>Durchsatz je Woche / throughput per week</h2>\n");
        bars(h, elapsed);
        h.append("<h2>Akten je Stand / case files per state</h2>\n");
        states(h, r.states());

        h.append("<h2>Scan-Dienstleister / scan services</h2>\n<table id=\"scan-services\"><tr><th>Scan-Dienstleister</th>")
                .append("<th>Erfassungen</th><th>QS bestanden</th><th>QS nicht bestanden</th><th>QS-Fehlerquote</th>")
                .append("<th>Import abgelehnt</th><th>Ablehnungsquote</th></tr>\n");
        for (ProgressReport.ScanService s : r.scanServices()) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(num(s.captured())).append("</td><td>")
                    .append(num(s.qaPassed())).append("</td><td>").append(num(s.qaFailed())).append("</td><td>")
                    .append(pct(s.qaFailureRate())).append("</td><td>").append(num(s.importRejected())).append("</td><td>")
                    .append(pct(s.importRejectionRate())).append("</td></tr>\n");
        }
        h.append("</table>\n<p>Von der Erfassung abgewiesene Lieferungen stehen in den Ingest-Berichten, nicht im Journal."
                + " / Deliveries refused at capture are in the ingest reports, not in the journal.</p>\n");

        ProgressReport.Recalls rc = r.recalls();
        h.append("<h2>Rückforderungen / recalls</h2>\n<table id=\"recalls\"><tr><th>bedient / served</th>")
                .append("<th>in der Frist / in time</th><th>Trefferquote / SLA hits</th><th>offen / open</th>")
                .append("<th>offen, überfällig / open, overdue</th></tr>\n<tr><td>").append(num(rc.served()))
                .append("</td><td>").append(num(rc.servedInTime())).append("</td><td>").append(pct(rc.hitRate()))
                .append("</td><td>").append(num(rc.open())).append("</td><td>").append(num(rc.openOverdue()))
                .append("</td></tr>\n</table>\n");
        h.append("<p class=\"label\">Aktenlift · keine personenbezogenen Daten / no personal data</p>\n</body>\n</html>\n");
        out.write(h.toString());
        out.flush();
    }

    private static void kpi(StringBuilder h, String label, String value) {
        h.append("<div class=\"kpi\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    private static void burnUp(StringBuilder h, String id, List<ProgressReport.Week> weeks,
            List<ProgressReport.Week> elapsed, ToLongFunction<ProgressReport.Week> actual,
            ToLongFunction<ProgressReport.Week> planned) {
        long max = 1;
        for (ProgressReport.Week w : weeks) {
            max = Math.max(max, Math.max(actual.applyAsLong(w), planned.applyAsLong(w)));
        }
        int n = weeks.size();
        h.append("<svg id=\"").append(id).append("\" role=\"img\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" data-points=\"")
                .append(elapsed.size()).append("\">\n");
        axes(h, max, weeks);
        h.append("<polyline class=\"plan\" points=\"").append(x(0, n)).append(',').append(y(0, max));
        for (int i = 0; i < n; i++) {
            h.append(' ').append(x(i + 1, n)).append(',').append(y(planned.applyAsLong(weeks.get(i)), max));
        }
        h.append("\"><title>Plan</title></polyline>\n");
        if (!elapsed.isEmpty()) {
            h.append("<polyline class=\"actual\" points=\"").append(x(0, n)).append(',').append(y(0, max));
            for (int i = 0; i < elapsed.size(); i++) {
                h.append(' ').append(x(i + 1, n)).append(',').append(y(actual.applyAsLong(elapsed.get(i)), max));
            }
            h.append("\"/>\n");
            for (int i = 0; i < elapsed.size(); i++) {
                long v = actual.applyAsLong(elapsed.get(i));
                h.append("<circle class=\"point\" r=\"3.5\" cx=\"").append(x(i + 1, n)).append("\" cy=\"").append(y(v, max))
                        .append("\"><title>").append(elapsed.get(i).start()).append(": ").append(num(v))
                        .append("</title></circle>\n");
            }
        }
        h.append("</svg>\n");
    }

    private static void bars(StringBuilder h, List<ProgressReport.Week> elapsed) {
        long max = 1;
        for (ProgressReport.Week w : elapsed) {
            max = Math.max(max, w.filesCaptured());
        }
        int n = Math.max(1, elapsed.size());
        h.append("<svg id=\"throughput\" role=\"img\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" data-bars=\"").append(elapsed.size())
                .append("\">\n");
        axes(h, max, elapsed);
        double slot = (W - LEFT - RIGHT) / (double) n;
        for (int i = 0; i < elapsed.size(); i++) {
            long v = elapsed.get(i).filesCaptured();
            double top = y(v, max);
            h.append("<rect class=\"bar\" x=\"").append(fmt(LEFT + i * slot + slot * 0.15)).append("\" y=\"").append(fmt(top))
                    .append("\" width=\"").append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(H - BOTTOM - top))
                    .append("\"><title>").append(elapsed.get(i).start()).append(": ").append(num(v))
                    .append(" Akten / case files, ").append(num(elapsed.get(i).pagesCaptured()))
                    .append(" Seiten / pages</title></rect>\n");
        }
        h.append("</svg>\n");
    }

    private static void states(StringBuilder h, Map<CaseFileState, Long> states) {
        List<Map.Entry<CaseFileState, Long>> shown = states.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey()).toList();
        long max = Math.max(1, shown.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
        int row = 22;
        int height = Math.max(row, shown.size() * row) + 10;
        h.append("<svg id=\"states\" role=\"img\" width=\"").append(W).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(height).append("\" data-bars=\"")
                .append(shown.size()).append("\">\n");
        int labels = 150;
        for (int i = 0; i < shown.size(); i++) {
            long v = shown.get(i).getValue();
            double width = (W - labels - 80) * (v / (double) max);
            int top = 5 + i * row;
            h.append("<text class=\"label\" x=\"5\" y=\"").append(top + 14).append("\">").append(shown.get(i).getKey().name())
                    .append("</text><rect class=\"state-bar\" x=\"").append(labels).append("\" y=\"").append(top)
                    .append("\" width=\"").append(fmt(Math.max(1, width))).append("\" height=\"").append(row - 6)
                    .append("\"/><text class=\"label\" x=\"").append(fmt(labels + width + 6)).append("\" y=\"").append(top + 14)
                    .append("\">").append(num(v)).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static void axes(StringBuilder h, long max, List<ProgressReport.Week> weeks) {
        h.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(H - BOTTOM).append("\" x2=\"")
                .append(W - RIGHT).append("\" y2=\"").append(H - BOTTOM).append("\"/>")
                .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(H - BOTTOM).append("\"/>\n")
                .append("<text class=\"label\" x=\"5\" y=\"").append(TOP + 4).append("\">").append(num(max)).append("</text>")
                .append("<text class=\"label\" x=\"5\" y=\"").append(H - BOTTOM).append("\">0</text>\n");
        int n = weeks.size();
        int step = Math.max(1, (int) Math.ceil(n * 95.0 / (W - LEFT - RIGHT))); // a date label is about 90 px wide
        for (int i = 0; i < n; i += step) {
            h.append("<text class=\"label\" x=\"").append(x(i, Math.max(1, n))).append("\" y=\"").append(H - BOTTOM + 16)
                    .append("\">").append(weeks.get(i).start()).append("</text>\n");
        }
    }

    private static String x(int i, int n) {
        return fmt(LEFT + (W - LEFT - RIGHT) * (i / (double) Math.max(1, n)));
    }

    private static double y(long v, long max) {
        return H - BOTTOM - (H - BOTTOM - TOP) * (v / (double) max);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String num(long n) {
        return String.format(Locale.GERMANY, "%,d", n);
    }

    static String pct(double share) {
        return String.format(Locale.GERMANY, "%.1f %%", share * 100);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
