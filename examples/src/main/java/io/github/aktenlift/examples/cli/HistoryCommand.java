package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.Aktenlift;
import io.github.aktenlift.casefile.Barcode;
import io.github.aktenlift.tracking.BoxStatus;
import io.github.aktenlift.tracking.JournalEvent;
import io.github.aktenlift.tracking.WhereIs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code history <barcode>}: where a case file or box is, and everything that happened to it;
 * {@code history storage}: the repairs the storage made to the journal's logs.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Shows where a case file or box is now, and every event of its journal stream; with"
                + " 'storage' instead of a barcode, the repairs the storage made to the journal's logs"
                + " (interrupted appends cut off, the cut bytes kept in quarantine).",
        footer = {"", "Examples: aktenlift history F0000000017X --dir office", "          aktenlift history storage --dir office"})
final class HistoryCommand implements Callable<Integer> {

    private final Environment env;

    @Parameters(index = "0", paramLabel = "BARCODE", description = "a case file's or box's barcode, or 'storage'")
    private String barcode;

    @Mixin
    private Options.WorkspaceDir workspace;

    @Mixin
    private Options.Output output;

    @picocli.CommandLine.Option(names = "--pdf", paramLabel = "FILE",
            description = "also write the case file's audit report (its whole chain of custody, PDF/A) to FILE")
    private java.nio.file.Path pdf;

    HistoryCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if ("storage".equals(barcode)) {
            return storage();
        }
        Barcode b = Barcode.of(barcode);
        try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
            Aktenlift lift = w.lift();
            List<JournalEvent> events = lift.tracking().history(b); // unknown barcode: UnknownIdentifierException
            Optional<WhereIs> file = lift.tracking().whereIs(b);
            Optional<BoxStatus> box = lift.tracking().box(b);
            if (pdf != null) {
                if (file.isEmpty()) {
                    throw new UserException(b.value() + " is a box: the audit report is written for case files");
                }
                Reports.writeAtomically(pdf, out -> lift.reports().writeAuditReport(b, out));
            }
            if (output.json) {
                Json.print(env.out(), json(b, file, box, events));
            } else {
                print(env.out(), b, file, box, events);
            }
            return ExitCodes.OK;
        }
    }

    private Integer storage() {
        try (Workspace w = Workspace.openReadOnly(workspace.dir, env.clock(), env.ids())) {
            List<JournalEvent> events = w.lift().tracking().repairs();
            if (output.json) {
                com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
                var list = root.putArray("repairs");
                events.forEach(e -> {
                    var o = list.addObject().put("sequence", e.sequence()).put("time", e.time().toString());
                    e.payload().forEach(o::put);
                });
                Json.print(env.out(), root);
            } else {
                env.out().printf("%d repair(s) of the journal's logs%n", events.size());
                for (JournalEvent e : events) {
                    env.out().printf("  %6d  %-20s  %s%n", e.sequence(), e.time(), details(e.payload()));
                }
            }
            return ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, Barcode b, Optional<WhereIs> file, Optional<BoxStatus> box,
            List<JournalEvent> events) {
        file.ifPresent(w -> {
            out.printf("case file %s (%s, protection %s): %s since %s at %s, held by %s%n", b, w.reference(),
                    w.protection(), w.state(), w.since(), w.location(), w.holder());
            w.box().ifPresent(x -> out.println("  box " + x + w.pickup().map(p -> ", pickup " + p).orElse("")));
            if (!w.holds().isEmpty()) {
                out.println("  holds " + w.holds());
            }
            w.openRecall().ifPresent(r -> out.println("  open recall " + r));
            w.originAuthority().ifPresent(a -> out.println("  transferred from " + a));
        });
        box.ifPresent(x -> out.printf("box %s: %s since %s, %d case files%s%n", b, x.state(), x.since(),
                x.packingList().size(), x.seal().map(s -> ", seal " + s.value()).orElse("")));
        out.printf("%n  %6s  %-20s  %-12s  %-20s  %-22s  %s%n", "seq", "time", "actor", "location", "event", "details");
        for (JournalEvent e : events) {
            out.printf("  %6d  %-20s  %-12s  %-20s  %-22s  %s%n", e.sequence(), e.time(), e.actor(), e.location(),
                    e.kind(), details(e.payload()));
        }
    }

    private static String details(Map<String, String> payload) {
        return payload.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
    }

    private static ObjectNode json(Barcode b, Optional<WhereIs> file, Optional<BoxStatus> box,
            List<JournalEvent> events) {
        ObjectNode root = Json.object();
        root.put("barcode", b.value());
        root.put("type", file.isPresent() ? "CASE_FILE" : "BOX");
        file.ifPresent(w -> {
            ObjectNode where = root.putObject("caseFile");
            where.put("reference", w.reference().value()).put("protection", w.protection().name())
                    .put("state", w.state().name()).put("since", w.since().toString()).put("location", w.location())
                    .put("holder", w.holder());
            w.box().ifPresent(x -> where.put("box", x.value()));
            w.pickup().ifPresent(p -> where.put("pickup", p));
            ArrayNode holds = where.putArray("holds");
            w.holds().forEach(h -> holds.add(h.name()));
            w.openRecall().ifPresent(r -> where.put("openRecall", r.name()));
            w.originAuthority().ifPresent(a -> where.put("originAuthority", a));
        });
        box.ifPresent(x -> {
            ObjectNode status = root.putObject("box");
            status.put("state", x.state().name()).put("since", x.since().toString());
            x.seal().ifPresent(s -> status.put("seal", s.value()));
            ArrayNode list = status.putArray("packingList");
            x.packingList().forEach(f -> list.add(f.value()));
        });
        ArrayNode list = root.putArray("events");
        for (JournalEvent e : events) {
            ObjectNode event = list.addObject();
            event.put("sequence", e.sequence()).put("stream", e.stream()).put("time", e.time().toString())
                    .put("actor", e.actor()).put("location", e.location()).put("kind", e.kind().name());
            ObjectNode payload = event.putObject("payload");
            e.payload().forEach(payload::put);
            event.put("hash", e.hash());
        }
        return root;
    }
}
