package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Actor;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.efile.ImportReport;
import io.github.aktenlift.efile.ImportResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One import round as the command line runs it: hands every verified case file to the
 * workspace's specialist procedure, then collects the answers that have arrived for earlier
 * hand-overs. A case file appears once, with its latest result.
 */
final class ImportRuns {

    private ImportRuns() {
    }

    static ImportReport run(Aktenlift lift, Actor actor) {
        ImportReport handedOver = lift.imports().importReady(actor);
        ImportReport answered = lift.imports().poll(actor);
        List<ImportResult> merged = new ArrayList<>(answered.results());
        for (ImportResult r : handedOver.results()) {
            if (merged.stream().noneMatch(a -> a.barcode().equals(r.barcode()))) {
                merged.add(r);
            }
        }
        return new ImportReport(merged);
    }

    static boolean failed(ImportReport report) {
        return !report.rejected().isEmpty() || !report.failed().isEmpty();
    }

    static void print(PrintWriter out, ImportReport r, String indent) {
        out.printf(indent + "import: %d imported, %d pending, %d rejected, %d held for a decision, %d failed%n",
                r.imported().size(), r.pending().size(), r.rejected().size(), r.held().size(), r.failed().size());
        r.imported().forEach(i -> out.printf(indent + "  %s imported into %s, receipt %s%n", i.barcode(), i.eFileId(),
                i.receiptId()));
        r.pending().forEach(p -> out.printf(indent + "  %s handed over, awaiting the procedure's answer (ask again after %s)%n",
                p.barcode(), p.nextPollAt()));
        r.rejected().forEach(x -> out.printf(indent + "  %s rejected by the procedure: %s%n", x.barcode(), x.reasonCode()));
        r.held().forEach(h -> out.printf(indent + "  %s held for a matching decision: %s, candidates %s%n", h.barcode(),
                h.reasons(), h.candidateEFileIds()));
        r.failed().forEach(f -> out.printf(indent + "  %s failed: %s%n", f.barcode(), f.error().getMessage()));
    }

    static ObjectNode toJson(ImportReport r) {
        ObjectNode root = Json.object();
        ArrayNode results = root.putArray("results");
        for (ImportResult x : r.results()) {
            ObjectNode o = results.addObject().put("barcode", x.barcode().value());
            if (x instanceof ImportResult.Imported i) {
                o.put("outcome", "IMPORTED").put("eFileId", i.eFileId()).put("receiptId", i.receiptId());
            } else if (x instanceof ImportResult.Pending p) {
                o.put("outcome", "PENDING").put("nextPollAt", p.nextPollAt().toString());
            } else if (x instanceof ImportResult.Rejected j) {
                o.put("outcome", "REJECTED").put("reasonCode", j.reasonCode());
            } else if (x instanceof ImportResult.Held h) {
                o.put("outcome", "HELD").put("reasons", h.reasons().toString());
            } else if (x instanceof ImportResult.Failed f) {
                o.put("outcome", "FAILED").put("error", f.error().getMessage());
            }
        }
        return root;
    }
}
