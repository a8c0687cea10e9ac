package io.github.aktenlift.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aktenlift.capture.CapturePolicy;
import io.github.aktenlift.casefile.BarcodeScheme;
import io.github.aktenlift.delivery.DeliveryCheck;
import io.github.aktenlift.delivery.DeliveryCheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code delivery check DIR}: every check of capture on a delivery folder, without a workspace. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs every check capture makes on a delivery folder (index.json and page images) and writes"
                + " nothing anywhere: the index against the format, every page present, in its case file's folder,"
                + " no links, its header, format, pixel limits, resolution and colour mode, its SHA-256, its compressed"
                + " data walked or decoded as capture renders it, sheets counted, document types, barcodes.",
            "Not checked without a workspace: whether each case file is registered and waiting for a scan.",
            "One line per problem, naming case file, document, page and field, then a summary.",
            "Exits with 0 if clean, 1 if problems were found, 2 on a usage error.",
            "Example: aktenlift delivery check D-2026-0001 --min-dpi 300"})
final class DeliveryCheckCommand implements Callable<Integer> {

    private final Environment env;

    @Parameters(index = "0", paramLabel = "DIR", description = "the delivery folder")
    private Path delivery;

    @Option(names = "--min-dpi", paramLabel = "N", defaultValue = "200",
            description = "the lowest resolution the office takes (default: ${DEFAULT-VALUE})")
    private int minimumDpi;

    @Option(names = "--document-types", paramLabel = "TYPE", split = ",",
            description = "the office's document catalogue (default: capture's: APPLICATION, PASSPORT_COPY, ...)")
    private List<String> documentTypes;

    @Option(names = "--any-barcode", description = "take any well-formed barcode instead of the default case file"
            + " barcode scheme (prefix F, check character)")
    private boolean anyBarcode;

    @Option(names = "--json", description = "write the result as one JSON document to stdout")
    private boolean json;

    DeliveryCheckCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        CapturePolicy policy = CapturePolicy.defaults().withMinimumDpi(minimumDpi);
        if (documentTypes != null) {
            policy = policy.withDocumentTypes(new LinkedHashSet<>(documentTypes));
        }
        DeliveryCheck check = DeliveryCheck.of(policy, BarcodeScheme.defaultCaseFiles());
        if (anyBarcode) {
            check = check.withoutBarcodeScheme();
        }
        DeliveryCheckReport report = check.check(delivery);
        if (json) {
            Json.print(env.out(), toJson(report));
        } else {
            print(env.out(), report);
        }
        return report.clean() ? ExitCodes.OK : ExitCodes.REJECTED;
    }

    static void print(PrintWriter out, DeliveryCheckReport r) {
        if (r.indexFault() != null) {
            out.println(r.indexFault().field() + ": " + r.indexFault().reason());
            out.println("delivery cannot be read: nothing else was checked; capture would refuse it whole");
            return;
        }
        for (DeliveryCheckReport.Finding f : r.findings()) {
            StringBuilder b = new StringBuilder(f.caseFile());
            if (!f.document().isEmpty()) {
                b.append(" document ").append(f.document());
            }
            if (!f.page().isEmpty()) {
                b.append(" page ").append(f.page());
            }
            if (!f.field().isEmpty()) {
                b.append(" field ").append(f.field());
            }
            out.println(b.append(": ").append(f.kind()).append(": ").append(f.detail()));
        }
        String counts = r.caseFiles() + " case file(s), " + r.pages() + " page(s) checked through, "
                + r.bytes() + " bytes";
        if (r.clean()) {
            out.println("delivery " + r.deliveryId() + ": clean; " + counts);
        } else {
            out.println("delivery " + r.deliveryId() + ": " + r.findings().size() + " problem(s) in "
                    + r.rejectedCaseFiles() + " case file(s), which capture would reject; " + counts);
        }
    }

    static ObjectNode toJson(DeliveryCheckReport r) {
        ObjectNode o = Json.object();
        o.put("deliveryId", r.deliveryId());
        o.put("clean", r.clean());
        if (r.indexFault() != null) {
            o.putObject("indexFault").put("field", r.indexFault().field()).put("reason", r.indexFault().reason());
        }
        o.put("caseFiles", r.caseFiles());
        o.put("rejectedCaseFiles", r.rejectedCaseFiles());
        o.put("pages", r.pages());
        o.put("bytes", r.bytes());
        ArrayNode findings = o.putArray("findings");
        for (DeliveryCheckReport.Finding f : r.findings()) {
            findings.addObject().put("caseFile", f.caseFile()).put("document", f.document()).put("page", f.page())
                    .put("field", f.field()).put("kind", f.kind().name()).put("detail", f.detail());
        }
        return o;
    }
}
