package io.github.aktenlift.reporting;

import io.github.aktenlift.Policies;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.lifecycle.CommandLoop;
import io.github.aktenlift.lifecycle.Payload;
import io.github.aktenlift.lifecycle.Streams;
import io.github.aktenlift.pdfa.ReportPdf;
import io.github.aktenlift.report.ProgressPlan;
import io.github.aktenlift.report.ProgressReport;
import io.github.aktenlift.report.Reports;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.casefile.RecallMode;
import io.github.aktenlift.tracking.Tracking;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reports over a command loop's journal: one pass with a few numbers per case file (progress),
 * or one case file's events (audit). Reads only.
 */
public final class ReportsImpl implements Reports {

    /** Payload keys an audit report leaves out: the subject register's key could lead to personal data. */
    private static final Set<String> WITHHELD = Set.of(Payload.SUBJECT);
    private static final int FORECAST_WEEKS = 4;

    private final CommandLoop loop;
    private final Tracking tracking;
    private final Policies policies;

    /**
     * @param loop the command loop whose journal is read
     * @param tracking its queries, for discrepancies and overdue items
     * @param policies the office's rules, for recall service levels
     */
    public ReportsImpl(CommandLoop loop, Tracking tracking, Policies policies) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** What the pass keeps per case file. */
    private static final class FileFacts {
        Instant firstCaptured;
        int pages;
        String service;
        Instant recallRequested;
        RecallMode recallMode;
    }

    /** Counters per scan service. */
    private static final class ServiceCounts {
        long captured;
        long qaPassed;
        long qaFailed;
        long importRejected;
    }

    @Override
    public ProgressReport progress(ProgressPlan plan) {
        Objects.requireNonNull(plan, "plan");
        Instant at = loop.clock().instant();
        Map<String, FileFacts> files = new HashMap<>();
        Map<String, ServiceCounts> services = new TreeMap<>();
        long[] recalls = new long[2]; // served, in time
        loop.forEachEvent(e -> {
            if (!e.stream().startsWith(Streams.FILE)) {
                return;
            }
            FileFacts f = files.computeIfAbsent(Streams.subject(e.stream()), k -> new FileFacts());
            switch (e.kind()) {
                case CAPTURED -> {
                    if (f.firstCaptured == null) {
                        f.firstCaptured = e.time();
                    }
                    String pages = e.get(Payload.PAGES);
                    f.pages = pages == null ? 0 : Integer.parseInt(pages);
                    f.service = e.location();
                    services.computeIfAbsent(f.service, k -> new ServiceCounts()).captured++;
                }
                case QA_PASSED -> service(services, f).ifPresent(s -> s.qaPassed++);
                case QA_FAILED -> service(services, f).ifPresent(s -> s.qaFailed++);
                case IMPORT_REJECTED -> service(services, f).ifPresent(s -> s.importRejected++);
                case RECALL_REQUESTED -> {
                    f.recallRequested = e.time();
                    f.recallMode = RecallMode.valueOf(e.get(Payload.MODE));
                }
                case RECALL_SERVED -> {
                    if (f.recallRequested != null) {
                        recalls[0]++;
                        if (Duration.between(f.recallRequested, e.time()).compareTo(limit(f.recallMode)) <= 0) {
                            recalls[1]++;
                        }
                    }
                    f.recallRequested = null;
                }
                default -> {
                    // other events do not move the figures of this report
                }
            }
        });
        return new ProgressReport(at, plan, weeks(plan, at, files), tracking.countsPerState(),
                forecast(plan, at, files), scanServices(services), recalls(files, recalls, at),
                tracking.discrepancies().size(), tracking.overdue().size());
    }

    private static Optional<ServiceCounts> service(Map<String, ServiceCounts> services, FileFacts f) {
        return f.service == null ? Optional.empty() : Optional.of(services.get(f.service));
    }

    private Duration limit(RecallMode mode) {
        Duration d = policies.sla().recall().get(mode);
        return d == null ? Duration.ofDays(Long.MAX_VALUE / 86_400_000L) : d;
    }

    private ProgressReport.Recalls recalls(Map<String, FileFacts> files, long[] served, Instant at) {
        long open = 0;
        long overdue = 0;
        for (FileFacts f : files.values()) {
            if (f.recallRequested != null) {
                open++;
                if (Duration.between(f.recallRequested, at).compareTo(limit(f.recallMode)) > 0) {
                    overdue++;
                }
            }
        }
        return new ProgressReport.Recalls(served[0], served[1], open, overdue);
    }

    private static List<ProgressReport.ScanService> scanServices(Map<String, ServiceCounts> services) {
        List<ProgressReport.ScanService> out = new ArrayList<>();
        services.forEach((name, c) -> out.add(new ProgressReport.ScanService(name, c.captured, c.qaPassed, c.qaFailed,
                c.importRejected)));
        return out;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** The week index of a day relative to the plan's start; negative before it. */
    private static int week(ProgressPlan plan, LocalDate day) {
        return (int) Math.floorDiv(ChronoUnit.DAYS.between(plan.start(), day), 7);
    }

    private static List<ProgressReport.Week> weeks(ProgressPlan plan, Instant at, Map<String, FileFacts> files) {
        int count = Math.max(plan.weeks(), week(plan, day(at)) + 1);
        long[] filesIn = new long[count];
        long[] pagesIn = new long[count];
        long before = 0;
        long pagesBefore = 0;
        for (FileFacts f : files.values()) {
            if (f.firstCaptured == null) {
                continue;
            }
            int w = week(plan, day(f.firstCaptured));
            if (w < 0) {
                before++;
                pagesBefore += f.pages;
            } else if (w < count) {
                filesIn[w]++;
                pagesIn[w] += f.pages;
            }
        }
        List<ProgressReport.Week> weeks = new ArrayList<>(count);
        long cf = before;
        long cp = pagesBefore;
        for (int w = 0; w < count; w++) {
            cf += filesIn[w];
            cp += pagesIn[w];
            weeks.add(new ProgressReport.Week(plan.start().plusWeeks(w), filesIn[w], pagesIn[w], cf, cp,
                    plan.plannedFiles(w), plan.plannedPages(w)));
        }
        return weeks;
    }

    private static Optional<LocalDate> forecast(ProgressPlan plan, Instant at, Map<String, FileFacts> files) {
        LocalDate today = day(at);
        long done = files.values().stream().filter(f -> f.firstCaptured != null).count();
        if (done >= plan.files()) {
            return files.values().stream().filter(f -> f.firstCaptured != null).map(f -> day(f.firstCaptured))
                    .max(LocalDate::compareTo);
        }
        LocalDate from = today.minusWeeks(FORECAST_WEEKS);
        long recent = files.values().stream().filter(f -> f.firstCaptured != null)
                .filter(f -> day(f.firstCaptured).isAfter(from)).count();
        if (recent == 0) {
            return Optional.empty();
        }
        double perDay = recent / (FORECAST_WEEKS * 7.0);
        return Optional.of(today.plusDays((long) Math.ceil((plan.files() - done) / perDay)));
    }

    @Override
    public void writeHtml(ProgressReport report, java.io.Writer out) throws IOException {
        ProgressPage.write(Objects.requireNonNull(report, "report"), out);
    }

    @Override
    public void writePdf(ProgressReport report, OutputStream out) throws IOException {
        ProgressPdf.write(Objects.requireNonNull(report, "report"), out);
    }

    @Override
    public void writeAuditReport(Barcode barcode, OutputStream out) throws IOException {
        List<JournalEvent> history = tracking.history(barcode);
        List<ReportPdf.Row> head = new ArrayList<>();
        head.add(new ReportPdf.Row("Akte / Case file", barcode.value()));
        tracking.whereIs(barcode).ifPresent(w -> head.add(new ReportPdf.Row("Stand / State", w.state().name())));
        head.add(new ReportPdf.Row("Ereignisse / Events", Integer.toString(history.size())));
        if (!history.isEmpty()) {
            head.add(new ReportPdf.Row("Zeitraum / Period", history.get(0).time() + " – "
                    + history.get(history.size() - 1).time()));
        }
        head.add(new ReportPdf.Row("Erstellt / Drawn up", loop.clock().instant().toString()));
        head.add(new ReportPdf.Row("Hinweis / Note", "Jedes Ereignis ist im Journal mit seinem Hash verkettet; "
                + "personenbezogene Daten sind nicht abgedruckt. / Every event is hash-chained in the journal; "
                + "personal data is not printed."));
        List<List<String>> events = new ArrayList<>();
        for (JournalEvent e : history) {
            StringBuilder facts = new StringBuilder();
            new TreeMap<>(e.payload()).forEach((k, v) -> {
                if (!WITHHELD.contains(k)) {
                    facts.append(facts.length() == 0 ? "" : "\n").append(k).append(": ").append(v);
                }
            });
            facts.append(facts.length() == 0 ? "" : "\n").append("#").append(e.sequence()).append(" sha256 ").append(e.hash());
            events.add(List.of(e.time().toString().replace('T', ' '), e.kind().name(), e.actor() + "\n" + e.location(),
                    facts.toString()));
        }
        List<ReportPdf.Block> blocks = new ArrayList<>();
        blocks.add(new ReportPdf.Section("Übersicht / Summary", head));
        blocks.add(new ReportPdf.Table("Verwahrkette / Chain of custody", List.of("Zeit / time (UTC)", "Ereignis / event",
                "Wer, wo / who, where", "Fakten / facts"), List.of(1.5f, 1.6f, 1.4f, 3.6f), events));
        blocks.add(new ReportPdf.Signatures("Geprüft / Audited", List.of("Prüfer / Auditor")));
        ReportPdf.render(new ReportPdf.Document("Prüfbericht / Audit report " + barcode.value(),
                "Prüfbericht / audit report " + barcode.value(), loop.clock().instant(), blocks), out);
    }

    /** @return the plan's weeks as a day count, for layouts */
    static long days(ProgressPlan plan) {
        return ChronoUnit.DAYS.between(plan.start(), plan.end()) + 1;
    }
}
