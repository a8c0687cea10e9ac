package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.report.ProgressPlan;
import io.github.aktenlift.report.ProgressReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code report}: the project's progress against its plan, as a self-contained HTML page with
 * charts and as PDF/A. Opens the workspace read-only.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the project's progress against its plan: burn-up of case files and pages against the plan line,"
                + " the forecast end date, throughput per week, case files per state, QA failure and import rejection rates"
                + " per scan service, recall service levels, open discrepancies and overdue items. As a self-contained HTML"
                + " page (charts as inline SVG, no script) and/or a PDF/A. The plan comes from the options or from the"
                + " workspace's plan.properties (start, end, files, pages). Changes nothing in the workspace.",
        footer = {"", "Example: aktenlift report --dir office --plan-start 2026-06-01 --plan-end 2026-11-30"
                + " --plan-files 20000 --plan-pages 3000000 --html progress.html --pdf progress.pdf"})
final class ReportCommand implements Callable<Integer> {

    /** A workspace's plan, if it keeps one: {@code start}, {@code end} (ISO dates), {@code files}, {@code pages}. */
    static final String PLAN = "plan.properties";

    private final Environment env;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    @Option(names = "--plan-start", paramLabel = "DATE", description = "the plan's first day (ISO date)")
    private String start;

    @Option(names = "--plan-end", paramLabel = "DATE", description = "the plan's last day (ISO date)")
    private String end;

    @Option(names = "--plan-files", paramLabel = "N", description = "case files to capture in the plan")
    private Long files;

    @Option(names = "--plan-pages", paramLabel = "N", description = "page images to capture in the plan (default 0: files only)")
    private Long pages;

    @Option(names = "--html", paramLabel = "FILE", description = "write the HTML page to FILE")
    private Path html;

    @Option(names = "--pdf", paramLabel = "FILE", description = "write the PDF/A to FILE")
    private Path pdf;

    ReportCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        ProgressPlan plan = plan();
        ProgressReport r;
        try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
            io.github.aktenlift.report.Reports reports = w.lift().reports();
            r = reports.progress(plan);
            if (html != null) {
                Reports.writeAtomically(html, out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    reports.writeHtml(r, writer);
                    writer.flush();
                });
            }
            if (pdf != null) {
                Reports.writeAtomically(pdf, out -> reports.writePdf(r, out));
            }
        }
        if (output.json) {
            ObjectNode root = Json.object();
            root.put("at", r.at().toString()).put("filesCaptured", r.filesCaptured()).put("pagesCaptured", r.pagesCaptured())
                    .put("forecastEnd", r.forecastEnd().map(LocalDate::toString).orElse(null))
                    .put("openDiscrepancies", r.openDiscrepancies()).put("overdueItems", r.overdueItems());
            ArrayNode weeks = root.putArray("weeks");
            r.weeks().forEach(wk -> weeks.addObject().put("start", wk.start().toString()).put("files", wk.filesCaptured())
                    .put("pages", wk.pagesCaptured()).put("cumulativeFiles", wk.cumulativeFiles())
                    .put("plannedFiles", wk.plannedFiles()));
            ArrayNode services = root.putArray("scanServices");
            r.scanServices().forEach(s -> services.addObject().put("name", s.name()).put("captured", s.captured())
                    .put("qaFailureRate", s.qaFailureRate()).put("importRejectionRate", s.importRejectionRate()));
            root.putObject("recalls").put("served", r.recalls().served()).put("servedInTime", r.recalls().servedInTime())
                    .put("open", r.recalls().open()).put("openOverdue", r.recalls().openOverdue());
            Json.print(env.out(), root);
        } else {
            env.out().printf("progress: %d of %d case files captured (%d pages), forecast end %s%n", r.filesCaptured(),
                    plan.files(), r.pagesCaptured(), r.forecastEnd().map(LocalDate::toString).orElse("unknown"));
            if (html != null) {
                env.out().println("written: " + html);
            }
            if (pdf != null) {
                env.out().println("written: " + pdf);
            }
        }
        return ExitCodes.OK;
    }

    private ProgressPlan plan() {
        Properties p = new Properties();
        Path file = workspace.dir.resolve(PLAN);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        String s = start != null ? start : p.getProperty("start");
        String e = end != null ? end : p.getProperty("end");
        String f = files != null ? files.toString() : p.getProperty("files");
        String pg = pages != null ? pages.toString() : p.getProperty("pages", "0");
        if (s == null || e == null || f == null) {
            throw new UserException("no plan: give --plan-start, --plan-end and --plan-files, or write them as start, end and"
                    + " files into " + PLAN + " in the workspace");
        }
        try {
            return new ProgressPlan(LocalDate.parse(s.trim()), LocalDate.parse(e.trim()), Long.parseLong(f.trim()),
                    Long.parseLong(pg.trim()));
        } catch (DateTimeParseException | NumberFormatException ex) {
            throw new UserException("the plan is unreadable: " + ex.getMessage(), ex);
        } catch (IllegalArgumentException ex) {
            throw new UserException("the plan is not usable: " + ex.getMessage(), ex);
        }
    }
}
