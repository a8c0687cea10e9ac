package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.casefile.CaseFileState;
import io.github.aktenlift.efile.ImportResult;
import io.github.aktenlift.tracking.Discrepancy;
import io.github.aktenlift.tracking.EventKind;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.Overdue;
import io.github.aktenlift.tracking.WorkItem;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workspace's status as of one instant: case files per state, boxes, imports waiting for the
 * specialist procedure's answer, transfers held for a matching decision, what is due for
 * destruction, what is overdue (recalls counted apart), and the discrepancies in the chain of
 * custody.
 */
record StatusReport(Instant at, Map<CaseFileState, Long> counts, int boxes, List<Barcode> pendingImports,
        List<ImportResult.Held> held, List<Barcode> dueForDestruction, List<Overdue> overdue,
        List<Discrepancy> discrepancies) {

    static StatusReport of(Aktenlift lift, Instant at) {
        return new StatusReport(at, lift.tracking().countsPerState(), lift.tracking().boxes().size(),
                pendingImports(lift), lift.imports().held(), lift.tracking().dueForDestruction(),
                lift.tracking().overdue(), lift.tracking().discrepancies());
    }

    /**
     * Verified case files handed over to the procedure since they (last) became verified, and not
     * answered yet: the journal records the hand-over ({@code IMPORT_SUBMITTED}), and the answer
     * would move the file on.
     */
    private static List<Barcode> pendingImports(Aktenlift lift) {
        List<Barcode> pending = new ArrayList<>();
        for (WorkItem w : lift.tracking().workList(CaseFileState.VERIFIED)) {
            boolean submitted = false;
            for (JournalEvent e : lift.tracking().history(w.barcode())) {
                if (e.kind() == EventKind.QA_PASSED || e.kind() == EventKind.IMPORT_RETRIED) {
                    submitted = false;
                } else if (e.kind() == EventKind.IMPORT_SUBMITTED) {
                    submitted = true;
                }
            }
            if (submitted) {
                pending.add(w.barcode());
            }
        }
        return pending;
    }

    long overdueRecalls() {
        return overdue.stream().filter(o -> o.reason() == Overdue.Reason.RECALL).count();
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
        out.printf("  %-22s %10d%n", "imports pending", pendingImports.size());
        out.printf("  %-22s %10d%n", "held for a decision", held.size());
        for (ImportResult.Held h : held) {
            out.printf("    %-12s %s, candidates %s%n", h.barcode(), h.reasons(), h.candidateEFileIds());
        }
        out.printf("  %-22s %10d%n", "due for destruction", dueForDestruction.size());
        out.printf("  %-22s %10d%n", "overdue", overdue.size());
        for (Overdue o : overdue) {
            out.printf("    %-9s %-12s %-6s %-16s due %s%n", o.entity(), o.barcode(), o.reason(), o.state(), o.dueAt());
        }
        out.printf("  %-22s %10d%n", "overdue recalls", overdueRecalls());
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
        ArrayNode waiting = root.putArray("pendingImports");
        pendingImports.forEach(b -> waiting.add(b.value()));
        ArrayNode undecided = root.putArray("heldForDecision");
        for (ImportResult.Held h : held) {
            ObjectNode n = undecided.addObject().put("barcode", h.barcode().value());
            ArrayNode reasons = n.putArray("reasons");
            h.reasons().forEach(r -> reasons.add(r.name()));
            ArrayNode candidates = n.putArray("candidateEFileIds");
            h.candidateEFileIds().forEach(candidates::add);
        }
        root.put("dueForDestruction", dueForDestruction.size());
        ArrayNode due = root.putArray("dueForDestructionBarcodes");
        dueForDestruction.forEach(b -> due.add(b.value()));
        root.put("overdueRecalls", overdueRecalls());
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
