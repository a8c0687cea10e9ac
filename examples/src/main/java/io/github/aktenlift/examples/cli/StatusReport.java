package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.Overdue;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workspace's status as of one instant: case files per state, boxes, what is due for
 * destruction, what is overdue, and the discrepancies in the chain of custody.
 */
record StatusReport(Instant at, Map<CaseFileState, Long> counts, int boxes, int dueForDestruction,
        List<Overdue> overdue, List<Discrepancy> discrepancies) {

    static StatusReport of(Aktenlift lift, Instant at) {
        return new StatusReport(at, lift.tracking().countsPerState(), lift.tracking().boxes().size(),
                lift.tracking().dueForDestruction().size(), lift.tracking().overdue(), lift.tracking().discrepancies());
    }

    long caseFiles() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    void print(PrintWriter out) {
        out.println("Status at " + at);
        out.printf("  %-22s %10s%n", "state", "case files");
        counts.forEach((state, n) -> {
            if (n > 0) {
                out.printf("  %-22s %10d%n", state, n);
            }
        });
        out.printf("  %-22s %10d%n", "total", caseFiles());
        out.printf("  %-22s %10d%n", "boxes", boxes);
        out.printf("  %-22s %10d%n", "due for destruction", dueForDestruction);
        out.printf("  %-22s %10d%n", "overdue", overdue.size());
        for (Overdue o : overdue) {
            out.printf("    %-9s %-12s %-6s %-16s due %s%n", o.entity(), o.barcode(), o.reason(), o.state(), o.dueAt());
        }
        out.printf("  %-22s %10d%n", "discrepancies", discrepancies.size());
        for (Discrepancy d : discrepancies) {
            out.printf("    %-24s %-12s %-12s since %s%n", d.kind(), d.barcode(), d.related(), d.since());
        }
    }

    ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("at", at.toString());
        ObjectNode states = root.putObject("caseFilesPerState");
        counts.forEach((state, n) -> states.put(state.name(), n));
        root.put("caseFiles", caseFiles());
        root.put("boxes", boxes);
        root.put("dueForDestruction", dueForDestruction);
        ArrayNode late = root.putArray("overdue");
        for (Overdue o : overdue) {
            late.addObject().put("entity", o.entity().name()).put("barcode", o.barcode().value())
                    .put("reason", o.reason().name()).put("state", o.state()).put("since", o.since().toString())
                    .put("dueAt", o.dueAt().toString());
        }
        ArrayNode gaps = root.putArray("discrepancies");
        for (Discrepancy d : discrepancies) {
            gaps.addObject().put("kind", d.kind().name()).put("barcode", d.barcode().value())
                    .put("related", d.related()).put("since", d.since().toString());
        }
        return root;
    }
}
