package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.capture.CaptureProblem;
import io.github.aktenlift.capture.CaseFileOutcome;
import io.github.aktenlift.capture.IngestListener;
import io.github.aktenlift.capture.IngestReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/** Ingesting a delivery with progress, and reporting what became of each case file. */
final class Ingests {

    private Ingests() {
    }

    /**
     * Ingests a delivery folder, counting case files as capture finishes them. The index is read by
     * capture alone, strictly and within its limits; this side never opens it.
     */
    static IngestReport ingest(Aktenlift lift, Actor actor, Path folder, Progress progress) {
        String name = "capture " + folder.getFileName();
        AtomicReference<Progress.Task> task = new AtomicReference<>();
        try {
            IngestReport report = lift.capture().ingest(actor, folder, new IngestListener() {
                @Override
                public void indexRead(String deliveryId, int caseFiles) {
                    task.set(progress.start(name, caseFiles, "case files"));
                }

                @Override
                public void caseFileDone(CaseFileOutcome outcome) {
                    Progress.Task t = task.get();
                    if (t != null) {
                        t.advance(1);
                    }
                }
            });
            Progress.Task t = task.get();
            if (t != null) {
                t.done();
            }
            return report;
        } finally {
            Progress.Task t = task.get();
            if (t != null) {
                t.close();
            }
        }
    }

    /** Page files written into a delivery folder so far, for progress while a delivery is generated. */
    static long pageFilesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".tif")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // files come and go while the generator writes; the next poll counts again
        }
    }

    /**
     * One line for the delivery, then a line for each case file this delivery had captured before,
     * then every problem of every rejected case file, each line indented.
     */
    static void print(PrintWriter out, IngestReport report, String indent) {
        int again = report.alreadyCaptured().size();
        out.printf(Locale.ROOT, indent + "delivery %s: %d case file%s, %d captured (%d pages, %.1f MB), %s%d rejected, in %.1f s%n",
                report.deliveryId(), report.caseFiles().size(), report.caseFiles().size() == 1 ? "" : "s",
                report.captured().size(), report.pages(), report.bytes() / 1e6,
                again == 0 ? "" : again + " already captured, ", report.rejected().size(),
                report.took().toMillis() / 1000.0);
        for (CaseFileOutcome.AlreadyCaptured a : report.alreadyCaptured()) {
            out.printf(indent + "  %s already captured by this delivery (now %s): nothing done again%n", a.barcode(),
                    a.state());
        }
        for (CaseFileOutcome.Rejected r : report.rejected()) {
            out.printf(indent + "  %s rejected, %d problem%s:%n", r.barcode(), r.problems().size(),
                    r.problems().size() == 1 ? "" : "s");
            for (CaptureProblem p : r.problems()) {
                out.printf(indent + "    %-22s %s%s%n", p.kind(), p.page().isEmpty() ? "" : "page " + p.page() + ": ",
                        p.detail());
            }
        }
    }

    static ObjectNode toJson(IngestReport report) {
        ObjectNode root = Json.object();
        root.put("deliveryId", report.deliveryId());
        root.put("pages", report.pages()).put("bytes", report.bytes()).put("tookMillis", report.took().toMillis());
        ArrayNode captured = root.putArray("captured");
        for (CaseFileOutcome.Captured c : report.captured()) {
            ObjectNode o = captured.addObject().put("barcode", c.barcode()).put("pages", c.pages())
                    .put("state", c.state().name()).put("protocol", c.protocolJson().value());
            ArrayNode sample = o.putArray("inspectionSample");
            c.inspectionSample().forEach(sample::add);
            ArrayNode renditions = o.putArray("renditions");
            for (CaseFileOutcome.StoredRendition r : c.renditions()) {
                renditions.addObject().put("documentId", r.documentId()).put("key", r.key().value())
                        .put("pages", r.pages()).put("size", r.size()).put("sha256", r.sha256())
                        .put("reencodedPages", r.reencodedPages());
            }
        }
        ArrayNode again = root.putArray("alreadyCaptured");
        for (CaseFileOutcome.AlreadyCaptured a : report.alreadyCaptured()) {
            again.addObject().put("barcode", a.barcode()).put("state", a.state().name());
        }
        ArrayNode rejected = root.putArray("rejected");
        for (CaseFileOutcome.Rejected r : report.rejected()) {
            ArrayNode problems = rejected.addObject().put("barcode", r.barcode()).putArray("problems");
            for (CaptureProblem p : r.problems()) {
                problems.addObject().put("kind", p.kind().name()).put("page", p.page()).put("detail", p.detail());
            }
        }
        return root;
    }
}
